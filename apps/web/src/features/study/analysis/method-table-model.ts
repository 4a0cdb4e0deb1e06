import type { MethodStatistics, RunStatistics } from './analysis-types';
import { TABLE_COSTS, TABLE_METRICS, type ColumnKey, type MethodRow } from './analysis-model';

/**
 * Sorting and expanding the method table: which column the rows are ordered by (in the URL as
 * `?sort=train-time:asc`), and each method's runs as rows of their own.
 */

export type SortDirection = 'asc' | 'desc';

export interface SortableColumn {
  key: ColumnKey;
  /** In the URL: `?sort=train-time`. */
  param: string;
  /** Which way is better: scores up, costs down. A first click sorts best first. */
  better: SortDirection;
}

export const SORTABLE_COLUMNS: readonly SortableColumn[] = [
  { key: 'eval/f1_macro', param: 'f1-macro', better: 'desc' },
  { key: 'eval/accuracy', param: 'accuracy', better: 'desc' },
  { key: 'eval/f1_weighted', param: 'f1-weighted', better: 'desc' },
  { key: 'ci', param: 'ci', better: 'desc' },
  { key: 'trainSeconds', param: 'train-time', better: 'asc' },
  { key: 'trainableParameters', param: 'trainable-params', better: 'asc' },
  { key: 'totalParameters', param: 'total-params', better: 'asc' },
  { key: 'peakMemoryBytes', param: 'peak-memory', better: 'asc' },
  { key: 'inferenceLatencyMs', param: 'inference-latency', better: 'asc' },
];

/** `column` null: the default order, quality (the analysis' quality metric) descending. */
export interface MethodSort {
  column: ColumnKey | null;
  direction: SortDirection;
}

export const DEFAULT_SORT: MethodSort = { column: null, direction: 'desc' };
export const SORT_PARAM = 'sort';

/** `?sort=train-time:asc` (direction optional: the column's better direction); anything unknown is the default. */
export function parseMethodSort(raw: string | null): MethodSort {
  if (!raw) return DEFAULT_SORT;
  const [param, dir] = raw.split(':');
  const column = SORTABLE_COLUMNS.find((c) => c.param === param);
  if (!column) return DEFAULT_SORT;
  const direction = dir === 'asc' || dir === 'desc' ? dir : column.better;
  return { column: column.key, direction };
}

export function formatMethodSort(sort: MethodSort): string | null {
  if (sort.column === null) return null;
  const column = SORTABLE_COLUMNS.find((c) => c.key === sort.column);
  return column ? `${column.param}:${sort.direction}` : null;
}

/** The URL search string with the sort written (the default removes it), other params kept. */
export function methodSortSearch(current: string, sort: MethodSort): string {
  const next = new URLSearchParams(current);
  const value = formatMethodSort(sort);
  if (value) next.set(SORT_PARAM, value);
  else next.delete(SORT_PARAM);
  return next.toString();
}

/**
 * The column whose header shows the sort: the chosen one, or under the default order the quality metric's
 * column when the table has one.
 */
export function activeColumn(sort: MethodSort, qualityMetric: string): ColumnKey | null {
  if (sort.column) return sort.column;
  return TABLE_METRICS.some((m) => m.key === qualityMetric) ? (qualityMetric as ColumnKey) : null;
}

/** A header click: another column sorts best first; the active column flips. */
export function nextSort(sort: MethodSort, clicked: ColumnKey, qualityMetric: string): MethodSort {
  const column = SORTABLE_COLUMNS.find((c) => c.key === clicked);
  if (!column) return sort;
  if (activeColumn(sort, qualityMetric) === clicked) {
    const direction: SortDirection = sort.direction === 'asc' ? 'desc' : 'asc';
    // Back to quality descending is the default, which keeps the URL clean.
    if (clicked === qualityMetric && direction === 'desc') return DEFAULT_SORT;
    return { column: clicked, direction };
  }
  if (clicked === qualityMetric && column.better === 'desc') return DEFAULT_SORT;
  return { column: clicked, direction: column.better };
}

export function ariaSort(sort: MethodSort, column: ColumnKey, qualityMetric: string): 'ascending' | 'descending' | 'none' {
  if (activeColumn(sort, qualityMetric) !== column) return 'none';
  return sort.direction === 'asc' ? 'ascending' : 'descending';
}

/** The value a row is sorted by in a column; null sorts last either way. */
export function columnValue(row: MethodRow, column: ColumnKey): number | null {
  if (column === 'ci') return row.ci?.low ?? null;
  if (TABLE_METRICS.some((m) => m.key === column)) return row.metrics[column]?.mean ?? null;
  return row.costs[column] ?? null;
}

/**
 * Rows in the chosen order. Missing values last; ties by quality (descending), then by method name, so the
 * order is stable. The default order is quality descending.
 */
export function sortMethodRows(rows: readonly MethodRow[], sort: MethodSort): MethodRow[] {
  const valueOf = (row: MethodRow) => (sort.column ? columnValue(row, sort.column) : row.quality);
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const va = valueOf(a);
    const vb = valueOf(b);
    if (va !== vb) {
      if (va === null) return 1;
      if (vb === null) return -1;
      return sign * (va - vb);
    }
    const qa = a.quality ?? -Infinity;
    const qb = b.quality ?? -Infinity;
    if (qa !== qb) return qb - qa;
    return a.method.localeCompare(b.method);
  });
}

/** Opens a method's runs, or closes them. */
export function toggleExpanded(expanded: ReadonlySet<string>, method: string): Set<string> {
  const next = new Set(expanded);
  if (next.has(method)) next.delete(method);
  else next.add(method);
  return next;
}

export interface RunRow {
  runId: string;
  seed: number;
  /** Final metric per table column (`eval/f1_macro`, ...), from the run's own final metrics. */
  metrics: Record<string, number | null>;
  /** The run's 95% bootstrap interval of macro-F1 over its stored test predictions. */
  ci: { low: number; high: number; confidence: number } | null;
  costs: Record<string, number | null>;
}

const finite = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/**
 * A method's runs as table rows, by seed. `finalMetrics` maps run ids to their final metrics; without them a
 * run still shows its quality value in the quality metric's column.
 */
export function runRows(
  method: Pick<MethodStatistics, 'runs'>,
  finalMetrics: ReadonlyMap<string, Record<string, unknown> | null>,
  qualityMetric: string,
): RunRow[] {
  return [...method.runs]
    .sort((a, b) => a.seed - b.seed || a.runId.localeCompare(b.runId))
    .map((run: RunStatistics) => {
      const finals = finalMetrics.get(run.runId) ?? null;
      const metrics: Record<string, number | null> = {};
      for (const { key } of TABLE_METRICS) metrics[key] = finite(finals?.[key]) ?? (key === qualityMetric ? run.quality : null);
      const f1 = run.intervals.find((interval) => interval.score === 'f1Macro');
      const costs: Record<string, number | null> = {};
      for (const { axis } of TABLE_COSTS) costs[axis] = finite(run.costs[axis]);
      return { runId: run.runId, seed: run.seed, metrics, ci: f1 ? { low: f1.low, high: f1.high, confidence: f1.confidence } : null, costs };
    });
}
