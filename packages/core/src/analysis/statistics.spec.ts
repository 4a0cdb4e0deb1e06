import { describe, expect, it } from 'vitest';
import { bootstrapInterval, meanDifferenceInterval, meanScoreInterval, pairedDifferenceInterval } from './bootstrap';
import { classificationScores, confusionMatrix, mcnemar, summarize } from './statistics';

describe('summarize', () => {
  it('gives the mean and the sample standard deviation, and no spread for one seed', () => {
    expect(summarize([0.8, 0.9, 1.0])).toEqual({ n: 3, mean: expect.closeTo(0.9, 12), std: expect.closeTo(0.1, 12) });
    expect(summarize([0.85])).toEqual({ n: 1, mean: 0.85, std: null });
    expect(summarize([])).toEqual({ n: 0, mean: null, std: null });
  });
});

describe('classificationScores', () => {
  it('matches hand-computed accuracy, balanced accuracy and macro-F1', () => {
    // class 1: tp 3, fn 1, fp 1 -> F1 6/8; class 0: tp 1, fn 1, fp 1 -> F1 2/4
    const scores = classificationScores([1, 1, 1, 1, 0, 0], [1, 1, 1, 0, 1, 0]);
    expect(scores.accuracy).toBeCloseTo(4 / 6, 12);
    expect(scores.balancedAccuracy).toBeCloseTo((3 / 4 + 1 / 2) / 2, 12);
    expect(scores.f1Macro).toBeCloseTo((6 / 8 + 2 / 4) / 2, 12);
  });

  it('shows why accuracy flatters an always-positive model on imbalanced data', () => {
    const labels = [...Array(85).fill(1), ...Array(15).fill(0)];
    const scores = classificationScores(labels, Array(100).fill(1));
    expect(scores.accuracy).toBeCloseTo(0.85, 12);
    expect(scores.balancedAccuracy).toBeCloseTo(0.5, 12);
    expect(scores.f1Macro).toBeLessThan(0.5);
  });

  it('refuses predictions that do not pair up with the labels, and labels that are not class indices', () => {
    expect(() => classificationScores([1, 0], [1])).toThrow(/pair up/);
    expect(() => classificationScores([1, -1], [1, 1])).toThrow(/class indices/);
    expect(() => classificationScores([1, 0.5], [1, 1])).toThrow(/class indices/);
  });

  it('gives the confusion matrix with true labels as rows', () => {
    expect(confusionMatrix([1, 1, 1, 1, 0, 0], [1, 1, 1, 0, 1, 0])).toEqual([
      [1, 1],
      [1, 3],
    ]);
  });
});

describe('bootstrap intervals', () => {
  const labels = Array.from({ length: 400 }, (_, i) => (i % 5 === 0 ? 0 : 1));
  const good = labels.map((label, i) => (i % 10 === 3 ? 1 - label : label)); // 90% right
  const worse = labels.map((label, i) => (i % 4 === 1 ? 1 - label : label)); // 75% right

  it('contains the estimate, narrows with confidence, and repeats for a seed', () => {
    const wide = bootstrapInterval(labels, good, 'accuracy', { seed: 's', confidence: 0.95 });
    const narrow = bootstrapInterval(labels, good, 'accuracy', { seed: 's', confidence: 0.5 });
    expect(wide.estimate).toBeCloseTo(0.9, 12);
    expect(wide.low).toBeLessThan(0.9);
    expect(wide.high).toBeGreaterThan(0.9);
    expect(narrow.high - narrow.low).toBeLessThan(wide.high - wide.low);
    expect(bootstrapInterval(labels, good, 'accuracy', { seed: 's' })).toEqual(wide);
  });

  it('finds a clear paired difference significant and a model against itself not', () => {
    const difference = pairedDifferenceInterval(labels, good, worse, 'f1Macro', { seed: 'p' });
    expect(difference.estimate).toBeGreaterThan(0);
    expect(difference.low).toBeGreaterThan(0);
    const same = pairedDifferenceInterval(labels, good, good, 'f1Macro', { seed: 'p' });
    expect([same.estimate, same.low, same.high]).toEqual([0, 0, 0]);
  });
});

describe('seed-averaged intervals', () => {
  const labels = Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? 0 : 1));
  const seed1 = labels.map((label, i) => (i % 10 === 0 ? 1 - label : label)); // 90% right
  const seed2 = labels.map((label, i) => (i % 5 === 0 ? 1 - label : label)); // 80% right
  const weak = labels.map((label, i) => (i % 3 === 1 ? 1 - label : label)); // 67% right

  it('centres on the mean of the seeds and equals the single-run interval for one seed', () => {
    const mean = meanScoreInterval(labels, [seed1, seed2], 'accuracy', { seed: 'm' });
    expect(mean.estimate).toBeCloseTo(0.85, 12);
    expect(mean.low).toBeLessThan(0.85);
    expect(mean.high).toBeGreaterThan(0.85);
    const single = meanScoreInterval(labels, [seed1], 'accuracy', { seed: 'm' }, 'bootstrap');
    expect(single).toEqual(bootstrapInterval(labels, seed1, 'accuracy', { seed: 'm' }));
  });

  it('separates a clearly better method from a weak one, and not a method from itself', () => {
    const better = meanDifferenceInterval(labels, [seed1, seed2], [weak], 'f1Macro', { seed: 'd' });
    expect(better.estimate).toBeGreaterThan(0);
    expect(better.low).toBeGreaterThan(0);
    const same = meanDifferenceInterval(labels, [seed1, seed2], [seed2, seed1], 'f1Macro', { seed: 'd' });
    expect([same.estimate, same.low, same.high]).toEqual([0, 0, 0]);
  });
});

describe('mcnemar', () => {
  const pair = (onlyA: number, onlyB: number, both: number) => {
    const labels: number[] = [];
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < onlyA; i++) (labels.push(1), a.push(1), b.push(0));
    for (let i = 0; i < onlyB; i++) (labels.push(1), a.push(0), b.push(1));
    for (let i = 0; i < both; i++) (labels.push(1), a.push(1), b.push(1));
    return [labels, a, b] as const;
  };

  it('uses the exact binomial test for few discordant pairs (10 vs 2: p = 158/4096)', () => {
    const result = mcnemar(...pair(10, 2, 50));
    expect(result).toMatchObject({ onlyA: 10, onlyB: 2, method: 'exact' });
    expect(result.pValue).toBeCloseTo(158 / 4096, 10);
  });

  it('uses chi-square with continuity correction for many (30 vs 12: statistic 289/42)', () => {
    const result = mcnemar(...pair(30, 12, 100));
    expect(result.method).toBe('chi-square');
    // chi-square(1) survival of 6.881 is 0.00871
    expect(result.pValue).toBeCloseTo(0.00871, 4);
  });

  it('says p = 1 when the models agree everywhere', () => {
    expect(mcnemar(...pair(0, 0, 20)).pValue).toBe(1);
  });
});
