import { metricKeyProblem } from './metric-keys';
import { describeValue, type FieldIssue, invalid, valid, type Validated } from './validation';

export interface MetricPointInput {
  key: string;
  step: number;
  epoch?: number | null;
  value: number;
  wallTime?: number | null;
}

/** A point as stored; `wallTime` is unix seconds. */
export interface MetricPointRecord {
  key: string;
  step: number;
  epoch: number | null;
  value: number;
  wallTime: number;
}

export const MAX_METRIC_BATCH = 10_000;

/** Enough issues to show a pattern without turning one bad batch into a megabyte of error text. */
export const MAX_REPORTED_POINT_ISSUES = 20;

const MAX_STEP = 2 ** 53;

/**
 * Validates one batch and fills defaults. This runs for every ingest call (about 1,000 points at 100+
 * batches a second), so it is a single plain loop: each distinct key is checked by regex once per batch,
 * and messages are built only for points that fail.
 *
 * A repeated (key, step) within the batch keeps the first occurrence, matching the database's
 * insert-or-ignore, so a retried or overlapping batch stores the same thing either way.
 */
export function normalizeMetricPoints(points: MetricPointInput[], nowSeconds: number): Validated<MetricPointRecord[]> {
  if (!Array.isArray(points) || points.length === 0) {
    return invalid([
      { field: 'points', message: `points must contain at least one metric point (got ${describeValue(points)}); send e.g. [{ key: "train/loss", step: 0, value: 0.69 }]` },
    ]);
  }
  if (points.length > MAX_METRIC_BATCH) {
    return invalid([
      {
        field: 'points',
        message: `points holds ${points.length} entries but at most ${MAX_METRIC_BATCH} are accepted per call; split the batch into calls of at most ${MAX_METRIC_BATCH} points`,
      },
    ]);
  }

  const keyValidity = new Map<string, boolean>();
  const seen = new Set<string>();
  const records: MetricPointRecord[] = [];
  const issues: FieldIssue[] = [];
  let issueCount = 0;
  const report = (field: string, message: string): void => {
    issueCount += 1;
    if (issues.length < MAX_REPORTED_POINT_ISSUES) issues.push({ field, message });
  };

  for (let i = 0; i < points.length; i++) {
    const point = points[i];
    if (point === null || typeof point !== 'object') {
      report(`points[${i}]`, `points[${i}] must be an object with key, step and value (got ${describeValue(point)})`);
      continue;
    }
    const { key, step, value } = point;
    const epoch = point.epoch ?? null;
    const wallTime = point.wallTime ?? nowSeconds;

    let keyValid = keyValidity.get(key);
    if (keyValid === undefined) {
      keyValid = metricKeyProblem(key) === null;
      keyValidity.set(key, keyValid);
    }
    if (!keyValid) {
      // The message is rebuilt per bad point so it names that point's index; this is the rare path.
      report(`points[${i}].key`, metricKeyProblem(key, `points[${i}].key`) ?? '');
    }
    if (typeof step !== 'number' || !Number.isInteger(step) || step < 0 || step > MAX_STEP) {
      report(`points[${i}].step`, `points[${i}].step must be an integer from 0 to 2^53 (got ${describeValue(step)}); use the optimizer step, e.g. 100`);
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      report(`points[${i}].value`, `points[${i}].value must be a finite number (got ${describeValue(value)}); skip NaN or infinite values, or log them as a failure`);
    }
    if (epoch !== null && (typeof epoch !== 'number' || !Number.isFinite(epoch) || epoch < 0)) {
      report(`points[${i}].epoch`, `points[${i}].epoch must be null or a finite number of at least 0 (got ${describeValue(epoch)}); e.g. 1.5 halfway through the second epoch`);
    }
    if (typeof wallTime !== 'number' || !Number.isFinite(wallTime) || wallTime <= 0) {
      report(`points[${i}].wallTime`, `points[${i}].wallTime must be null or unix seconds greater than 0 (got ${describeValue(wallTime)}); omit it to use the server time`);
    }

    // Once any point is bad the batch is rejected, so there is no point building records.
    if (issueCount > 0) continue;
    const id = `${key}\u0000${step}`;
    if (seen.has(id)) continue;
    seen.add(id);
    records.push({ key, step, epoch, value, wallTime });
  }

  if (issueCount === 0) return valid(records);
  if (issueCount > issues.length) {
    const rest = issueCount - issues.length;
    issues.push({ field: 'points', message: `and ${rest} more issue${rest === 1 ? '' : 's'} in this batch; fix the ones listed and resend` });
  }
  return invalid(issues);
}
