import { bucketIndex, type MetricBucket } from './metric-downsample';

/**
 * Pre-aggregated metric series. Each stored point also lands in one block per width below; a history
 * query over a million points then reads a few thousand blocks instead of every point.
 * Widths grow by 4 so a query finds a width within 4x of the bucket width it needs.
 */
export const ROLLUP_WIDTHS = [64, 256, 1_024, 4_096, 16_384, 65_536, 262_144] as const;

/** Series with at most this many points are downsampled from the points themselves, exactly. */
export const EXACT_HISTORY_LIMIT = 20_000;

export interface RollupBlock {
  key: string;
  width: number;
  /** floor(step / width): blocks are aligned to multiples of their width. */
  block: number;
  count: number;
  min: number;
  max: number;
  firstStep: number;
  lastStep: number;
  lastValue: number;
}

/** Folds a batch of newly stored points into blocks, to be merged into the stored ones. Runs on every ingest call. */
export function rollupBlocks(points: readonly { key: string; step: number; value: number }[]): RollupBlock[] {
  const byKey = new Map<string, Map<number, RollupBlock>[]>();
  for (const point of points) {
    let perWidth = byKey.get(point.key);
    if (!perWidth) {
      perWidth = ROLLUP_WIDTHS.map(() => new Map<number, RollupBlock>());
      byKey.set(point.key, perWidth);
    }
    for (let w = 0; w < ROLLUP_WIDTHS.length; w++) {
      const width = ROLLUP_WIDTHS[w];
      const block = Math.floor(point.step / width);
      const existing = perWidth[w].get(block);
      if (!existing) {
        perWidth[w].set(block, { key: point.key, width, block, count: 1, min: point.value, max: point.value, firstStep: point.step, lastStep: point.step, lastValue: point.value });
        continue;
      }
      existing.count += 1;
      if (point.value < existing.min) existing.min = point.value;
      if (point.value > existing.max) existing.max = point.value;
      if (point.step < existing.firstStep) existing.firstStep = point.step;
      if (point.step > existing.lastStep) {
        existing.lastStep = point.step;
        existing.lastValue = point.value;
      }
    }
  }
  const blocks: RollupBlock[] = [];
  for (const perWidth of byKey.values()) for (const ofWidth of perWidth) for (const block of ofWidth.values()) blocks.push(block);
  return blocks;
}

/**
 * The widest rollup whose blocks are no wider than the buckets a query asks for, or null when the
 * series is small enough (or the buckets narrow enough) to read the points themselves.
 */
export function chooseRollupWidth(range: { minStep: number; maxStep: number; count: number }, maxPoints: number): number | null {
  if (range.count <= EXACT_HISTORY_LIMIT) return null;
  const bucketWidth = (range.maxStep - range.minStep + 1) / maxPoints;
  let chosen: number | null = null;
  for (const width of ROLLUP_WIDTHS) if (width <= bucketWidth) chosen = width;
  return chosen;
}

/**
 * Merges stored blocks of one width into at most maxPoints buckets. A block goes to the bucket of its
 * first step, so bucket edges snap to block edges; every point is still counted once, and the global
 * minimum and maximum are kept.
 */
export function bucketsFromBlocks(blocks: readonly Omit<RollupBlock, 'key' | 'width' | 'block'>[], range: { minStep: number; maxStep: number }, maxPoints: number): MetricBucket[] {
  const buckets = new Map<number, MetricBucket>();
  for (const block of blocks) {
    const index = bucketIndex(block.firstStep, range.minStep, range.maxStep, maxPoints);
    const bucket = buckets.get(index);
    if (!bucket) {
      buckets.set(index, { stepStart: block.firstStep, stepEnd: block.lastStep, lastStep: block.lastStep, min: block.min, max: block.max, last: block.lastValue, count: block.count });
      continue;
    }
    bucket.count += block.count;
    if (block.min < bucket.min) bucket.min = block.min;
    if (block.max > bucket.max) bucket.max = block.max;
    if (block.firstStep < bucket.stepStart) bucket.stepStart = block.firstStep;
    if (block.lastStep > bucket.stepEnd) {
      bucket.stepEnd = block.lastStep;
      bucket.lastStep = block.lastStep;
      bucket.last = block.lastValue;
    }
  }
  return [...buckets.values()].sort((a, b) => a.stepStart - b.stepStart);
}
