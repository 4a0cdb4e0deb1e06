import { describe, expect, it } from 'vitest';
import { qualityFacts, type QualitySummaryReport } from './data-quality-model';

const report: QualitySummaryReport = {
  rowsRead: 1200,
  rowsKept: 1000,
  rowsDropped: 200,
  keptPerLabel: [
    { label: 0, count: 250 },
    { label: 1, count: 750 },
  ],
  majorityClass: { label: 1, accuracy: 0.75, testAccuracy: 0.74 },
  scoreMentions: { rows: 30, share: 0.03, stripped: false },
  gradeAgreement: { compared: 900, disagreements: 90, share: 0.1 },
  synthetic: true,
};

describe('data-quality summary', () => {
  it('states rows, labels, the baseline, score mentions and grade disagreements', () => {
    const facts = Object.fromEntries(qualityFacts(report).map((fact) => [fact.key, fact]));
    expect(facts.rows.value).toBe('1,200 / 1,000 / 200');
    expect(facts.labels.value).toBe('negative 250 (25%) · positive 750 (75%)');
    expect(facts.majority.value).toBe('always positive: accuracy 74% on test');
    expect(facts['score-mentions']).toMatchObject({ value: '3% (30), kept: a model can read the label off them', warn: true });
    expect(facts['grade-disagreements']).toMatchObject({ value: '90 of 900 (10%)', warn: true });
  });

  it('leaves out what the report does not have', () => {
    const facts = qualityFacts({ ...report, gradeAgreement: null, scoreMentions: { rows: 0, share: 0, stripped: false }, majorityClass: { label: 0, accuracy: 0.6, testAccuracy: null } });
    expect(facts.map((fact) => fact.key)).toEqual(['rows', 'labels', 'majority', 'score-mentions']);
    expect(facts[2].value).toBe('always negative: accuracy 60%');
    expect(facts[3]).toMatchObject({ value: 'none', warn: false });
  });
});
