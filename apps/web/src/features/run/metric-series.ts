/**
 * Live metric series of one run: the downsampled history from `metricHistory` plus the raw points that
 * arrived over `runEvents` since. Pure functions, so the merge rules can be tested without a browser.
 */
import type { BandPoint } from '@/components/charts/line-band-option';

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
  /** The curve to draw, oldest first: one point per history bucket, then the live points (bucketed when many). */
  points: BandPoint[];
}

/** Buckets asked of `metricHistory`: enough that a 100,000-step curve stays smooth, few enough to draw fast. */
export const HISTORY_BUCKETS = 1000;

/** Live points drawn one by one up to this many per key; beyond it they are bucketed like the history. */
export const MAX_LIVE_POINTS = 1000;

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
    const held = next.get(key) ?? [];
    const last = held.at(-1);
    // The usual case: a batch of new steps after the last one held, in order. Append without a re-sort.
    if (incoming.every((p, i) => (i === 0 ? !last || p.step > last.step : p.step > incoming[i - 1].step))) {
      next.set(key, [...held, ...incoming]);
      continue;
    }
    const merged = new Map<number, LivePoint>();
    for (const point of held) merged.set(point.step, point);
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

/** A history bucket as a chart point: the line at its last step, the band over its min and max. */
export function bucketToPoint(bucket: MetricBucketData): BandPoint {
  return { x: bucket.lastStep, y: bucket.last, min: bucket.min, max: bucket.max, count: bucket.count, xStart: bucket.stepStart, xEnd: bucket.stepEnd };
}

/**
 * Live points as chart points: one each while there are at most `max`, else runs of consecutive points
 * folded into buckets (last value, min, max), as the API downsamples, so a long live session stays fast
 * to draw and keeps its spikes.
 */
export function livePointsToChart(points: readonly LivePoint[], max = MAX_LIVE_POINTS): BandPoint[] {
  const finite = points.filter((p) => Number.isFinite(p.value));
  const size = Math.max(1, Math.ceil(finite.length / max));
  const out: BandPoint[] = [];
  for (let i = 0; i < finite.length; i += size) {
    const run = finite.slice(i, i + size);
    const last = run[run.length - 1];
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const p of run) {
      min = Math.min(min, p.value);
      max = Math.max(max, p.value);
    }
    out.push({ x: last.step, y: last.value, min, max, count: run.length, xStart: run[0].step, xEnd: last.step });
  }
  return out;
}

/** The view of one key from its history (if any) and its live points (if any). */
export function buildSeriesView(key: string, base: MetricSeriesData | undefined, live: readonly LivePoint[] | undefined, maxLive = MAX_LIVE_POINTS): SeriesView {
  const baseLastStep = lastStepOf(base);
  const fresh = (live ?? []).filter((p) => baseLastStep === null || p.step > baseLastStep);
  const lastBucket = base?.buckets.at(-1);
  const lastFresh = fresh.at(-1);
  return {
    key,
    totalPoints: (base?.totalPoints ?? 0) + fresh.length,
    lastStep: lastFresh?.step ?? lastBucket?.lastStep ?? null,
    last: lastFresh?.value ?? lastBucket?.last ?? null,
    points: [...(base?.buckets.filter((b) => Number.isFinite(b.last)).map(bucketToPoint) ?? []), ...livePointsToChart(fresh, maxLive)],
  };
}

/**
 * Views built before, per key, with the inputs they were built from. A live batch replaces the points of the
 * keys it carries only, so the other keys keep their view object and their charts are not redrawn.
 */
export type SeriesViewCache = Map<string, { base: MetricSeriesData | undefined; live: readonly LivePoint[] | undefined; view: SeriesView }>;

/** One view per key (sorted), history first, then the live points after it. */
export function buildSeriesViews(
  keys: readonly string[],
  history: readonly MetricSeriesData[],
  live: LivePoints,
  cache?: SeriesViewCache,
  maxLive = MAX_LIVE_POINTS,
): SeriesView[] {
  const historyByKey = new Map(history.map((s) => [s.key, s]));
  const allKeys = [...new Set([...keys, ...historyByKey.keys(), ...live.keys()])].sort();
  return allKeys.map((key) => {
    const base = historyByKey.get(key);
    const points = live.get(key);
    const hit = cache?.get(key);
    if (hit && hit.base === base && hit.live === points) return hit.view;
    const view = buildSeriesView(key, base, points, maxLive);
    cache?.set(key, { base, live: points, view });
    return view;
  });
}

/** Live points held for all keys together: past a few thousand, a history refetch folds them into buckets. */
export function countLivePoints(live: LivePoints): number {
  let count = 0;
  for (const points of live.values()) count += points.length;
  return count;
}
