/**
 * Live metric series of one run: the downsampled history from `metricHistory`
 * plus the raw points that arrived over `runEvents` since. Pure functions, so
 * the merge rules can be tested without a browser.
 */

export interface MetricBucketData {
  stepStart: number;
  stepEnd: number;
  lastStep: number;
  min: number;
  max: number;
  last: number;
  count: number;
}

export interface MetricSeriesData {
  key: string;
  totalPoints: number;
  buckets: MetricBucketData[];
}

export interface LivePoint {
  key: string;
  step: number;
  value: number;
}

/** Live points per metric key, sorted by step, one per step. */
export type LivePoints = ReadonlyMap<string, readonly LivePoint[]>;

export interface SeriesView {
  key: string;
  totalPoints: number;
  lastStep: number | null;
  last: number | null;
  /** At most `maxTrail` values, oldest first, for the sparkline. */
  trail: number[];
}

export const MAX_TRAIL = 200;

/** Adds points (any keys, any order); a step already held for a key is kept as first seen. */
export function addLivePoints(live: LivePoints, points: readonly LivePoint[]): LivePoints {
  if (points.length === 0) return live;
  const next = new Map(live);
  const byKey = new Map<string, LivePoint[]>();
  for (const point of points) {
    const list = byKey.get(point.key) ?? [];
    list.push(point);
    byKey.set(point.key, list);
  }
  for (const [key, incoming] of byKey) {
    const merged = new Map<number, LivePoint>();
    for (const point of next.get(key) ?? []) merged.set(point.step, point);
    for (const point of incoming) if (!merged.has(point.step)) merged.set(point.step, point);
    next.set(
      key,
      [...merged.values()].sort((a, b) => a.step - b.step),
    );
  }
  return next;
}

function lastStepOf(series: MetricSeriesData | undefined): number | null {
  const last = series?.buckets.at(-1);
  return last ? last.lastStep : null;
}

/** Drops live points the history already counts (step at or before its last step). */
export function pruneLivePoints(live: LivePoints, history: readonly MetricSeriesData[]): LivePoints {
  const next = new Map(live);
  for (const series of history) {
    const lastStep = lastStepOf(series);
    const points = next.get(series.key);
    if (lastStep === null || !points) continue;
    const kept = points.filter((p) => p.step > lastStep);
    if (kept.length === 0) next.delete(series.key);
    else next.set(series.key, kept);
  }
  return next;
}

/** Evenly spaced values, always keeping the first and the last. */
export function downsample(values: readonly number[], max: number): number[] {
  if (values.length <= max) return [...values];
  const out: number[] = [];
  const stride = (values.length - 1) / (max - 1);
  for (let i = 0; i < max; i++) out.push(values[Math.round(i * stride)]);
  return out;
}

/** One view per key (sorted), history first, then the live points after it. */
export function buildSeriesViews(
  keys: readonly string[],
  history: readonly MetricSeriesData[],
  live: LivePoints,
  maxTrail = MAX_TRAIL,
): SeriesView[] {
  const historyByKey = new Map(history.map((s) => [s.key, s]));
  const allKeys = [...new Set([...keys, ...historyByKey.keys(), ...live.keys()])].sort();
  return allKeys.map((key) => {
    const base = historyByKey.get(key);
    const baseLastStep = lastStepOf(base);
    const fresh = (live.get(key) ?? []).filter((p) => baseLastStep === null || p.step > baseLastStep);
    const lastBucket = base?.buckets.at(-1);
    const lastFresh = fresh.at(-1);
    return {
      key,
      totalPoints: (base?.totalPoints ?? 0) + fresh.length,
      lastStep: lastFresh?.step ?? lastBucket?.lastStep ?? null,
      last: lastFresh?.value ?? lastBucket?.last ?? null,
      trail: downsample([...(base?.buckets.map((b) => b.last) ?? []), ...fresh.map((p) => p.value)], maxTrail),
    };
  });
}
