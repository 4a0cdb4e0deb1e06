import type { DatasetSplit } from '../dataset-spec';
import type { Label } from './labeling';
import { createRandom } from './random';

/**
 * Stratified, deterministic split assignment. Each class is shuffled on its own with a PRNG seeded by
 * (content fingerprint, seed, class); the first round(n·test) rows of the shuffle go to test, the next
 * round(n·validation) to validation, the rest to train. So:
 *  - every class is split in the requested proportions, each split within one row of exact;
 *  - the same data, seed and fractions always give the same assignment;
 *  - validation is carved out of what would otherwise be train: adding a validation split leaves test unchanged.
 */
export const SPLIT_NAMES = ['train', 'validation', 'test'] as const;
export type SplitName = (typeof SPLIT_NAMES)[number];

export const SPLIT_INDEX: Record<SplitName, number> = { train: 0, validation: 1, test: 2 };

export type SplitFractions = Pick<DatasetSplit, 'trainFraction' | 'validationFraction' | 'testFraction'>;

/** Rows of one class per split: test and validation rounded to the nearest row, train takes the rest. */
export function classSplitCounts(classSize: number, fractions: SplitFractions): Record<SplitName, number> {
  const test = Math.min(classSize, Math.round(classSize * fractions.testFraction));
  const validation = Math.min(classSize - test, Math.round(classSize * fractions.validationFraction));
  return { train: classSize - test - validation, validation, test };
}

/** The seed material of one class's shuffle; documented so other tools can reproduce a split. */
export function splitSeedMaterial(contentFingerprint: string, seed: number, label: Label): string {
  return `tunelab-split/v1:${contentFingerprint}:${seed}:${label}`;
}

/**
 * Assigns every row (by its index in `labels`) to a split: the result holds SPLIT_INDEX values.
 * `labels` are the kept rows in source order; `contentFingerprint` is the SHA-256 of those rows.
 */
export function assignSplits(labels: ArrayLike<number>, split: DatasetSplit, contentFingerprint: string): Uint8Array {
  const assignment = new Uint8Array(labels.length);
  for (const label of [0, 1] as const) {
    let size = 0;
    for (let i = 0; i < labels.length; i++) if (labels[i] === label) size++;
    const rows = new Uint32Array(size);
    for (let i = 0, k = 0; i < labels.length; i++) if (labels[i] === label) rows[k++] = i;
    createRandom(splitSeedMaterial(contentFingerprint, split.seed, label)).shuffle(rows);
    const counts = classSplitCounts(size, split);
    for (let k = 0; k < size; k++) {
      assignment[rows[k]!] = k < counts.test ? SPLIT_INDEX.test : k < counts.test + counts.validation ? SPLIT_INDEX.validation : SPLIT_INDEX.train;
    }
  }
  return assignment;
}
