/** One bucket of a downsampled series: enough to draw a min/max band and the latest value. */
export interface MetricBucket {
  stepStart: number;
  stepEnd: number;
  lastStep: number;
  min: number;
  max: number;
  last: number;
  count: number;
}

export const MAX_POINTS_LIMIT = 10_000;

/**
 * floor(a * b / c) for non-negative integers, exact even when a * b passes 2^53 (steps may be that
 * large), so it agrees with the database's 64-bit integer division.
 */
function mulDivFloor(a: number, b: number, c: number): number {
  const product = a * b;
  if (product <= Number.MAX_SAFE_INTEGER) return Math.floor(product / c);
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

/** ceil(a * b / c) for non-negative integers, exact in the same way. */
function mulDivCeil(a: number, b: number, c: number): number {
  const product = a * b;
  if (product + c <= Number.MAX_SAFE_INTEGER) return Math.floor((product + c - 1) / c);
  return Number((BigInt(a) * BigInt(b) + BigInt(c) - 1n) / BigInt(c));
}

/**
 * The bucket a step falls in. This is the same integer arithmetic as the SQL downsampling query,
 * `((step - min) * maxPoints) / (max - min + 1)`, so a bucket computed here and one computed there
 * hold the same points. Steps outside [minStep, maxStep] are clamped to the first or last bucket.
 */
export function bucketIndex(step: number, minStep: number, maxStep: number, maxPoints: number): number {
  const offset = step - minStep;
  if (offset <= 0) return 0;
  const index = mulDivFloor(offset, maxPoints, maxStep - minStep + 1);
  return index < maxPoints ? index : maxPoints - 1;
}

/**
 * The smallest and largest step that `bucketIndex` maps to `index`. When there are more buckets than
 * steps some buckets receive no step; for those stepStart is greater than stepEnd.
 */
export function bucketBounds(index: number, minStep: number, maxStep: number, maxPoints: number): { stepStart: number; stepEnd: number } {
  const span = maxStep - minStep + 1;
  return {
    stepStart: minStep + mulDivCeil(index, span, maxPoints),
    stepEnd: minStep + mulDivCeil(index + 1, span, maxPoints) - 1,
  };
}

/** Null when maxPoints is acceptable, otherwise why not. */
export function validateMaxPoints(maxPoints: number): string | null {
  if (typeof maxPoints !== 'number' || !Number.isInteger(maxPoints) || maxPoints < 1 || maxPoints > MAX_POINTS_LIMIT) {
    return `maxPoints must be an integer from 1 to ${MAX_POINTS_LIMIT} (got ${String(maxPoints)}); use e.g. 500`;
  }
  return null;
}

/**
 * Reference implementation of the downsampling the API does in SQL, used to test that query and to
 * downsample in memory. Accepts points in any order; returns the non-empty buckets in step order.
 * When two points share a step (the database forbids it), `last` is the first of them seen.
 */
export function downsample(points: { step: number; value: number }[], maxPoints: number): MetricBucket[] {
  const problem = validateMaxPoints(maxPoints);
  if (problem !== null) throw new RangeError(problem);
  if (points.length === 0) return [];

  let minStep = points[0]!.step;
  let maxStep = minStep;
  for (const { step } of points) {
    if (step < minStep) minStep = step;
    if (step > maxStep) maxStep = step;
  }

  const slots: (MetricBucket | undefined)[] = new Array(maxPoints);
  for (const { step, value } of points) {
    const index = bucketIndex(step, minStep, maxStep, maxPoints);
    const bucket = slots[index];
    if (bucket === undefined) {
      slots[index] = { stepStart: step, stepEnd: step, lastStep: step, min: value, max: value, last: value, count: 1 };
      continue;
    }
    bucket.count += 1;
    if (step < bucket.stepStart) bucket.stepStart = step;
    if (step > bucket.stepEnd) bucket.stepEnd = step;
    if (value < bucket.min) bucket.min = value;
    if (value > bucket.max) bucket.max = value;
    if (step > bucket.lastStep) {
      bucket.lastStep = step;
      bucket.last = value;
    }
  }
  // Buckets cover consecutive step ranges, so index order is step order.
  return slots.filter((bucket): bucket is MetricBucket => bucket !== undefined);
}
