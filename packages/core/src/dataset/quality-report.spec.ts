import { describe, expect, it } from 'vitest';
import { MAX_LINES_PER_REASON, QualityReportBuilder } from './quality-report';

describe('QualityReportBuilder', () => {
  it('summarises text lengths with nearest-rank percentiles and a histogram', () => {
    const builder = new QualityReportBuilder({ labelRule: 'grade3', textRule: null });
    const lengths = [50, 120, 300, 700, 1500, 3000, 5000, 9000, 10, 260];
    lengths.forEach((length, i) => {
      builder.read();
      builder.keep(i % 3 === 0 ? 0 : 1, length, false);
    });
    const { textLength } = builder.finish();
    expect(textLength).toEqual({
      unit: 'characters',
      min: 10,
      max: 9000,
      mean: 1994,
      p50: 300,
      p90: 5000,
      p95: 9000,
      p99: 9000,
      histogram: [
        { from: 0, to: 100, count: 2 },
        { from: 100, to: 250, count: 1 },
        { from: 250, to: 500, count: 2 },
        { from: 500, to: 1000, count: 1 },
        { from: 1000, to: 2000, count: 1 },
        { from: 2000, to: 4000, count: 1 },
        { from: 4000, to: 8000, count: 1 },
        { from: 8000, to: null, count: 1 },
      ],
    });
  });

  it('gives the majority-class baseline overall and on the test split', () => {
    const builder = new QualityReportBuilder({ labelRule: 'grade3', textRule: null });
    for (let i = 0; i < 20; i++) {
      builder.read();
      builder.keep(i < 17 ? 1 : 0, 4, false);
    }
    const report = builder.finish([
      { name: 'train', rows: 16, labels: [{ label: 0, count: 2 }, { label: 1, count: 14 }] },
      { name: 'test', rows: 4, labels: [{ label: 0, count: 1 }, { label: 1, count: 3 }] },
    ]);
    expect(report.majorityClass).toEqual({ label: 1, accuracy: 0.85, testAccuracy: 0.75 });
    expect(report.keptPerLabel).toEqual([{ label: 0, count: 3 }, { label: 1, count: 17 }]);
    expect(report.splits.map((split) => split.name)).toEqual(['train', 'test']);
  });

  it('compares grade3 with grade10 only where both are real grades', () => {
    const builder = new QualityReportBuilder({ labelRule: 'grade3', textRule: null });
    builder.grades(1, 'Good', '9.0');
    builder.grades(2, 'Good', '3.0');
    builder.grades(3, 'Bad', '8');
    builder.grades(4, 'Good', '0.0');
    builder.grades(5, 'Neutral', '2.0');
    builder.grades(6, 'Bad', '');
    builder.grades(7, 'Good', '6.0');
    expect(builder.finish().gradeAgreement).toEqual({
      threshold: 6,
      compared: 4,
      disagreements: 2,
      share: 0.5,
      goodBelowThreshold: 1,
      badAtOrAboveThreshold: 1,
      lines: [2, 3],
    });
    expect(new QualityReportBuilder({ labelRule: 'grade3', textRule: null }).finish().gradeAgreement).toBeNull();
  });

  it('keeps every count exact but lists only the first line numbers', () => {
    const builder = new QualityReportBuilder({ labelRule: 'grade3', textRule: null });
    for (let line = 1; line <= 50; line++) builder.drop('malformedLine', line);
    const entry = builder.finish().dropped[0]!;
    expect(entry.count).toBe(50);
    expect(entry.lines).toHaveLength(MAX_LINES_PER_REASON);
    expect(entry.lines[0]).toBe(1);
  });

  it('reports zeros, not NaN, for an empty import', () => {
    const report = new QualityReportBuilder({ labelRule: 'grade3', textRule: null }).finish();
    expect(report.majorityClass).toEqual({ label: 1, accuracy: 0, testAccuracy: null });
    expect(report.textLength).toMatchObject({ min: 0, max: 0, mean: 0, p50: 0 });
    expect(report.scoreMentions.share).toBe(0);
  });
});
