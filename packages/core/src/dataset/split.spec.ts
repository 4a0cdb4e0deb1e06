import { describe, expect, it } from 'vitest';
import { DEFAULT_SPLIT } from '../dataset-spec';
import { createRandom } from './random';
import { assignSplits, classSplitCounts, SPLIT_INDEX, SPLIT_NAMES } from './split';

function labelsOf(n: number, positiveShare: number, seed = 'labels'): Uint8Array {
  const random = createRandom(seed);
  return Uint8Array.from({ length: n }, () => (random.chance(positiveShare) ? 1 : 0));
}

function countsOf(labels: Uint8Array, assignment: Uint8Array): number[][] {
  const counts = [
    [0, 0],
    [0, 0],
    [0, 0],
  ];
  labels.forEach((label, i) => counts[assignment[i]!]![label]!++);
  return counts;
}

describe('stratified splits', () => {
  it.each([
    [1000, 0.85, { ...DEFAULT_SPLIT }],
    [997, 0.5, { seed: 1, trainFraction: 0.7, validationFraction: 0.1, testFraction: 0.2 }],
    [31, 0.9, { seed: 7, trainFraction: 0.6, validationFraction: 0.15, testFraction: 0.25 }],
    [12345, 0.13, { seed: 42, trainFraction: 0.8, validationFraction: 0.05, testFraction: 0.15 }],
  ])('keeps every class within one row of its exact share (n=%i, positive %f)', (n, share, split) => {
    const labels = labelsOf(n, share);
    const counts = countsOf(labels, assignSplits(labels, split, 'a'.repeat(64)));
    for (const label of [0, 1]) {
      const classSize = labels.filter((value) => value === label).length;
      const fractions = [split.trainFraction, split.validationFraction, split.testFraction];
      SPLIT_NAMES.forEach((_, s) => {
        expect(Math.abs(counts[s]![label]! - classSize * fractions[s]!), `${SPLIT_NAMES[s]} class ${label}`).toBeLessThanOrEqual(1);
      });
      expect(counts[0]![label]! + counts[1]![label]! + counts[2]![label]!).toBe(classSize);
    }
  });

  it('is deterministic for (fingerprint, seed, fractions) and changes with each of them', () => {
    const labels = labelsOf(2000, 0.8);
    const base = assignSplits(labels, DEFAULT_SPLIT, 'f1');
    expect(assignSplits(labels, DEFAULT_SPLIT, 'f1')).toEqual(base);
    expect(assignSplits(labels, { ...DEFAULT_SPLIT, seed: 43 }, 'f1')).not.toEqual(base);
    expect(assignSplits(labels, DEFAULT_SPLIT, 'f2')).not.toEqual(base);
    expect(assignSplits(labels, { ...DEFAULT_SPLIT, trainFraction: 0.7, testFraction: 0.3 }, 'f1')).not.toEqual(base);
  });

  it('assigns every row to exactly one split (disjoint and complete)', () => {
    const labels = labelsOf(500, 0.6);
    const assignment = assignSplits(labels, { seed: 3, trainFraction: 0.6, validationFraction: 0.2, testFraction: 0.2 }, 'x');
    const sets = SPLIT_NAMES.map((_, s) => new Set([...assignment.keys()].filter((i) => assignment[i] === s)));
    expect(sets.reduce((sum, set) => sum + set.size, 0)).toBe(500);
    for (const i of sets[0]!) expect(sets[1]!.has(i) || sets[2]!.has(i)).toBe(false);
    for (const i of sets[1]!) expect(sets[2]!.has(i)).toBe(false);
  });

  it('carves validation out of train: the test split stays the same', () => {
    const labels = labelsOf(3000, 0.85);
    const without = assignSplits(labels, { seed: 42, trainFraction: 0.8, validationFraction: 0, testFraction: 0.2 }, 'fp');
    const withValidation = assignSplits(labels, { seed: 42, trainFraction: 0.7, validationFraction: 0.1, testFraction: 0.2 }, 'fp');
    const test = (assignment: Uint8Array) => [...assignment.keys()].filter((i) => assignment[i] === SPLIT_INDEX.test);
    expect(test(withValidation)).toEqual(test(without));
    for (const i of without.keys()) if (withValidation[i] === SPLIT_INDEX.validation) expect(without[i]).toBe(SPLIT_INDEX.train);
  });

  it('rounds per class: test and validation to the nearest row, train takes the rest', () => {
    expect(classSplitCounts(10, { trainFraction: 0.8, validationFraction: 0, testFraction: 0.2 })).toEqual({ train: 8, validation: 0, test: 2 });
    expect(classSplitCounts(7, { trainFraction: 0.7, validationFraction: 0.1, testFraction: 0.2 })).toEqual({ train: 5, validation: 1, test: 1 });
    expect(classSplitCounts(1, { trainFraction: 0.8, validationFraction: 0, testFraction: 0.2 })).toEqual({ train: 1, validation: 0, test: 0 });
    expect(classSplitCounts(0, { trainFraction: 0.8, validationFraction: 0, testFraction: 0.2 })).toEqual({ train: 0, validation: 0, test: 0 });
  });
});
