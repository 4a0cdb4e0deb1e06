import { describe, expect, it } from 'vitest';
import { ExampleFilter } from './example-filter';
import { parseJsonObjectLine, recordFromObject, KINOPOISK_FIELDS } from './records';
import { findScoreMentions } from './score-mentions';
import { generateSyntheticReviews, syntheticOptionsProblem, syntheticReviewLine } from './synthetic';

const lines = (options: Parameters<typeof generateSyntheticReviews>[0]) => [...generateSyntheticReviews(options)].map(syntheticReviewLine);

describe('synthetic reviews', () => {
  it('are the same for the same options and differ for another seed', () => {
    const a = lines({ n: 200, seed: 1 });
    expect(lines({ n: 200, seed: 1 })).toEqual(a);
    expect(lines({ n: 200, seed: 2 })).not.toEqual(a);
    // A longer run starts with the same rows.
    expect(lines({ n: 300, seed: 1 }).slice(0, 200)).toEqual(a);
  });

  it("are Kinopoisk rows, clearly marked synthetic, that the importer's parser reads", () => {
    for (const line of lines({ n: 100, seed: 3 })) {
      const parsed = parseJsonObjectLine(line);
      if (!parsed.ok) throw new Error(parsed.problem);
      const row = parsed.object;
      for (const field of KINOPOISK_FIELDS.filter((name) => name !== 'grade10')) expect(row, field).toHaveProperty(field);
      expect(row.part).toBe('synthetic');
      expect(row.synthetic).toBe(true);
      expect(['Good', 'Bad', 'Neutral']).toContain(row.grade3);
      expect(typeof row.content).toBe('string');
      expect((row.content as string).split(/[.!?]/).length).toBeGreaterThan(4);
    }
  });

  it('have realistic class shares, score mentions matching grade10, and label noise', () => {
    const rows = [...generateSyntheticReviews({ n: 5000, seed: 1 })];
    const share = (predicate: (row: (typeof rows)[number]) => boolean) => rows.filter(predicate).length / rows.length;
    expect(share((row) => row.grade3 === 'Good')).toBeCloseTo(0.69, 1);
    expect(share((row) => row.grade3 === 'Neutral')).toBeCloseTo(0.18, 1);
    const mentioned = rows.filter((row) => findScoreMentions(row.content).length > 0);
    expect(mentioned.length / rows.length).toBeCloseTo(0.3, 1);
    for (const row of mentioned) expect(row.grade10).toMatch(/^([1-9]|10)\.0$/);
    expect(rows.some((row) => row.grade10 === undefined)).toBe(true);
    expect(rows.some((row) => row.grade10 === '0.0')).toBe(true);
    expect(rows.some((row) => row.grade10 === '')).toBe(true);

    // Noise: some Good reviews state a low score, some Bad ones a high score.
    const filter = new ExampleFilter({ labelRule: 'grade3', textRule: null });
    rows.forEach((row, i) => filter.add(recordFromObject(row as unknown as Record<string, unknown>, i + 1, { text: 'content', label: 'grade3', id: 'review_id' })));
    const report = filter.report.finish();
    expect(report.gradeAgreement!.disagreements).toBeGreaterThan(0);
    expect(report.gradeAgreement!.share).toBeLessThan(0.15);
    expect(report.majorityClass.accuracy).toBeGreaterThan(0.8);
    expect(report.majorityClass.accuracy).toBeLessThan(0.9);
    expect(report.synthetic).toBe(true);
  });

  it('can be noiseless or noisier', () => {
    const clean = [...generateSyntheticReviews({ n: 2000, seed: 5, labelNoise: 0, scoreShare: 1 })];
    expect(clean.every((row) => (row.grade3 === 'Good') === Number.parseFloat(String(row.grade10)) >= 7 || row.grade3 === 'Neutral')).toBe(true);
  });

  it('refuses bad options', () => {
    expect(syntheticOptionsProblem({ n: 0, seed: 1 })).toMatch(/^n must be/);
    expect(syntheticOptionsProblem({ n: 5, seed: -1 })).toMatch(/^seed must be/);
    expect(syntheticOptionsProblem({ n: 5, seed: 1, labelNoise: 2 })).toMatch(/^labelNoise/);
    expect(() => generateSyntheticReviews({ n: 1.5, seed: 1 }).next()).toThrow(/n must be/);
  });
});
