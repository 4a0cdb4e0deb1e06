import { formatShortNumber } from '@/components/charts/value-format';
import type { ScatterPoint } from '@/components/charts/scatter-option';
import { EMPTY, formatBytes, formatCompact, formatDuration, formatMetric } from '@/lib/format';
import type { MethodStatistics, MetricSummary, ParetoEntry, StudyAnalysisData } from './analysis-types';
import type { CostChoice } from './analysis-view-state';


/** The metric columns of the method table, by final-metric key. */
export const TABLE_METRICS = [
  { key: 'eval/f1_macro', label: 'Macro-F1' },
  { key: 'eval/accuracy', label: 'Accuracy' },
  { key: 'eval/f1_weighted', label: 'F1 weighted' },
] as const;

export const TABLE_COSTS = [
  { axis: 'trainSeconds', label: 'Train time', format: (v: number) => formatDuration(v) },
  { axis: 'trainableParameters', label: 'Trainable params', format: (v: number) => formatCompact(v) },
  { axis: 'totalParameters', label: 'Total params', format: (v: number) => formatCompact(v) },
  { axis: 'peakMemoryBytes', label: 'Peak memory', format: (v: number) => formatBytes(v) },
  { axis: 'inferenceLatencyMs', label: 'Latency p50', format: (v: number) => `${formatShortNumber(v)} ms` },
] as const;

export type ColumnKey = (typeof TABLE_METRICS)[number]['key'] | (typeof TABLE_COSTS)[number]['axis'] | 'ci';

export interface MethodRow {
  method: string;
  label: string;
  shortLabel: string;
  runs: number;
  seeds: number[];
  /** Mean of the analysis' quality metric over seeds: the default order. */
  quality: number | null;
  metrics: Record<string, MetricSummary | undefined>;
  /** Seed-averaged 95% interval of macro-F1 from stored predictions. */
  ci: { low: number; high: number; confidence: number } | null;
  costs: Record<string, number | null>;
}

/** "0.8123 ± 0.0110", "0.8123" for one seed, "—" without a value. */
export function formatMeanStd(summary: MetricSummary | undefined): string {
  if (!summary || summary.mean === null) return EMPTY;
  return summary.std === null ? formatMetric(summary.mean) : `${formatMetric(summary.mean)} ± ${formatMetric(summary.std)}`;
}

export function methodRows(methods: readonly MethodStatistics[]): MethodRow[] {
  return methods.map((m) => {
    const f1 = m.intervals.find((interval) => interval.score === 'f1Macro');
    return {
      method: m.method,
      label: m.label,
      shortLabel: m.shortLabel,
      runs: m.runs.length,
      seeds: m.seeds,
      quality: m.quality.mean,
      metrics: Object.fromEntries(m.metrics.map((summary) => [summary.key, summary])),
      ci: f1 ? { low: f1.low, high: f1.high, confidence: f1.confidence } : null,
      costs: Object.fromEntries(m.costs.map((cost) => [cost.axis, cost.mean])),
    };
  });
}

/**
 * Which method is best in each column: the highest mean of a metric, the highest lower bound
 * of the interval, the lowest mean cost. Ties all count as best; a column with fewer than two values marks
 * nothing (a lone value is not "best").
 */
export function bestPerColumn(rows: readonly MethodRow[]): Map<ColumnKey, Set<string>> {
  const best = new Map<ColumnKey, Set<string>>();
  const mark = (key: ColumnKey, values: Array<[string, number | null | undefined]>, higher: boolean) => {
    const present = values.filter((entry): entry is [string, number] => typeof entry[1] === 'number' && Number.isFinite(entry[1]));
    if (present.length < 2) return;
    const target = higher ? Math.max(...present.map(([, v]) => v)) : Math.min(...present.map(([, v]) => v));
    best.set(key, new Set(present.filter(([, v]) => v === target).map(([method]) => method)));
  };
  for (const { key } of TABLE_METRICS) mark(key, rows.map((row) => [row.method, row.metrics[key]?.mean]), true);
  mark('ci', rows.map((row) => [row.method, row.ci?.low]), true);
  for (const { axis } of TABLE_COSTS) mark(axis, rows.map((row) => [row.method, row.costs[axis]]), false);
  return best;
}

/** The Pareto front from entries on one cost axis: non-dominated entries in ascending cost. */
export function frontOf(entries: readonly ParetoEntry[]): Array<{ x: number; y: number }> {
  return entries
    .filter((entry) => entry.dominatedBy === null && entry.costs.length > 0)
    .map((entry) => ({ x: entry.costs[0], y: entry.quality }))
    .sort((a, b) => a.x - b.x || b.y - a.y);
}

export function formatCost(choice: CostChoice, value: number | null | undefined): string {
  if (value == null) return EMPTY;
  switch (choice.field) {
    case 'trainSeconds':
      return formatDuration(value);
    case 'peakMemoryBytes':
      return formatBytes(value);
    case 'gpuHours':
      return `${formatShortNumber(value)} GPU-h`;
    case 'inferenceLatencyMs':
      return `${formatShortNumber(value)} ms`;
    default:
      return formatCompact(value);
  }
}

export interface ScatterInput {
  points: ScatterPoint[];
  groups: string[];
  front: Array<{ x: number; y: number }>;
}

/**
 * Points of the trade-off chart from the analysis: one per placed run (`pareto.runs`), coloured by method,
 * sized by trainable parameters, faded when dominated, with the run's seed-level interval of macro-F1 as an
 * error bar when quality is macro-F1.
 */
export function scatterInput(analysis: Pick<StudyAnalysisData, 'methods' | 'pareto'>, cost: CostChoice): ScatterInput {
  const groups = analysis.methods.map((m) => m.method);
  for (const entry of analysis.pareto.runs) if (!groups.includes(entry.method)) groups.push(entry.method);
  const labels = new Map(analysis.methods.map((m) => [m.method, m.label]));
  const runStats = new Map(analysis.methods.flatMap((m) => m.runs.map((run) => [run.runId, run] as const)));
  const withBars = analysis.pareto.qualityMetric === 'eval/f1_macro';
  const metric = analysis.pareto.qualityMetric;

  const points: ScatterPoint[] = [];
  for (const entry of analysis.pareto.runs) {
    if (!entry.runId || entry.costs.length === 0) continue;
    const run = runStats.get(entry.runId);
    const interval = withBars ? run?.intervals.find((i) => i.score === 'f1Macro') : undefined;
    const trainable = run?.costs.trainableParameters ?? null;
    points.push({
      id: entry.runId,
      x: entry.costs[0],
      y: entry.quality,
      group: groups.indexOf(entry.method),
      size: trainable,
      faded: entry.dominatedBy !== null,
      low: interval?.low ?? null,
      high: interval?.high ?? null,
      title: `${labels.get(entry.method) ?? entry.method} · seed ${run?.seed ?? '?'}`,
      details: [
        `${metric}: ${formatMetric(entry.quality)}${interval ? ` (95% CI ${formatMetric(interval.low)}–${formatMetric(interval.high)})` : ''}`,
        `${cost.label.replace(' (log)', '')}: ${formatCost(cost, entry.costs[0])}`,
        `Trainable params: ${formatCompact(trainable)}`,
        entry.dominatedBy === null ? 'On the Pareto front' : 'Dominated by another run',
        `Run ${entry.runId.slice(0, 8)}`,
      ],
    });
  }
  return { points, groups, front: frontOf(analysis.pareto.runs) };
}

/** "p = 0.031", "p < 0.001". */
export function formatPValue(p: number): string {
  if (!Number.isFinite(p)) return EMPTY;
  if (p < 0.001) return 'p < 0.001';
  return `p = ${p < 0.01 ? p.toFixed(3) : p.toFixed(2)}`;
}
