import { metricDirection, type MetricDirection } from './metric-keys';

export interface RankableRun {
  id: string;
  method: string;
  seed: number;
  finalMetrics: Record<string, unknown> | null;
}

export interface RankedRun<R extends RankableRun> {
  rank: number;
  run: R;
  value: number;
}

function metricValue(run: RankableRun, metric: string): number | null {
  const metrics = run.finalMetrics;
  // Own properties only: a metric called "constructor" must not read Object.prototype.
  if (metrics === null || typeof metrics !== 'object' || !Object.prototype.hasOwnProperty.call(metrics, metric)) return null;
  const value = metrics[metric];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * Orders runs best-first by one final metric. Runs that lack a finite value are left out rather than
 * ranked last, since a missing score is not a bad score. Equal values share a rank and the next rank
 * skips (1, 2, 2, 4); ties are listed by id so the order is stable between requests.
 */
export function rankRuns<R extends RankableRun>(runs: R[], metric: string, direction?: MetricDirection): RankedRun<R>[] {
  const sign = (direction ?? metricDirection(metric)) === 'maximize' ? -1 : 1;
  const scored: { run: R; value: number }[] = [];
  for (const run of runs) {
    const value = metricValue(run, metric);
    if (value !== null) scored.push({ run, value });
  }
  scored.sort((a, b) => {
    if (a.value !== b.value) return sign * (a.value - b.value);
    return a.run.id < b.run.id ? -1 : a.run.id > b.run.id ? 1 : 0;
  });
  const ranked: RankedRun<R>[] = [];
  for (let i = 0; i < scored.length; i++) {
    const { run, value } = scored[i]!;
    const previous = ranked[i - 1];
    const rank = previous !== undefined && previous.value === value ? previous.rank : i + 1;
    ranked.push({ rank, run, value });
  }
  return ranked;
}
