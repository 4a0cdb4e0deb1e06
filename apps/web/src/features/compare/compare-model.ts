import type { BandPoint, LineBandSeries } from '@/components/charts/line-band-option';

export const MIN_RUNS = 2;
export const MAX_RUNS = 10;
export const CURVE_KEYS = ['eval/f1_macro', 'train/loss'] as const;

export interface CompareRun {
  id: string;
  method: string;
  seed: number;
  status: string;
  baseModel: string;
  finalMetrics: Record<string, unknown> | null;
  trainSeconds: number | null;
  trainableParameters: number | null;
  peakMemoryBytes: number | null;
  hyperparameters: Record<string, unknown>;
  study: { id: string; name: string };
}

export interface HistorySeries {
  key: string;
  buckets: Array<{ lastStep: number; last: number; min: number; max: number; count: number; stepStart: number; stepEnd: number }>;
}

/** `?runs=a,b,c` -> unique ids in order; `error` when there are too few or too many. */
export function parseRunIds(raw: string | null): { ids: string[]; error: string | null } {
  const ids = [...new Set((raw ?? '').split(',').map((id) => id.trim()).filter(Boolean))];
  if (ids.length < MIN_RUNS) return { ids, error: `Pick at least ${MIN_RUNS} runs to compare (?runs=id1,id2).` };
  if (ids.length > MAX_RUNS) return { ids: ids.slice(0, MAX_RUNS), error: `Compare at most ${MAX_RUNS} runs; showing the first ${MAX_RUNS}.` };
  return { ids, error: null };
}

export function compareHref(ids: readonly string[]): string {
  return `/compare?runs=${ids.map(encodeURIComponent).join(',')}`;
}

/**
 * One query for n runs: the comparability verdict, each run as `rI` and its curves as `hI`. Aliases keep it
 * one round trip; the document depends only on n.
 */
export function compareQuery(count: number): string {
  const vars = Array.from({ length: count }, (_, i) => `$r${i}: ID!`).join(', ');
  const parts = Array.from(
    { length: count },
    (_, i) => `
    r${i}: run(id: $r${i}) {
      id method seed status baseModel finalMetrics trainSeconds trainableParameters peakMemoryBytes
      hyperparameters { learningRate batchSize epochs weightDecay warmupRatio gradientAccumulationSteps loraR loraAlpha loraDropout loraTargetModules pooling }
      study { id name }
    }
    h${i}: metricHistory(runId: $r${i}, keys: ${JSON.stringify(CURVE_KEYS)}, maxPoints: 500) {
      key
      buckets { lastStep last min max count stepStart stepEnd }
    }`,
  ).join('');
  return `query ComparePage_Runs($ids: [ID!]!, ${vars}) {
    compareRuns(runIds: $ids) { comparable reason differences { field values { value runIds } } }${parts}
  }`;
}

export function compareVariables(ids: readonly string[]): Record<string, unknown> {
  return Object.fromEntries([['ids', ids], ...ids.map((id, i) => [`r${i}`, id])]);
}

const numeric = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

export interface MetricRow {
  key: string;
  values: Array<{ value: number | null; delta: number | null }>;
}

/** Every final metric any run has, with each run's value and its difference from the first run. */
export function metricRows(runs: readonly CompareRun[]): MetricRow[] {
  const keys = [...new Set(runs.flatMap((run) => Object.keys(run.finalMetrics ?? {})))].sort();
  return keys.map((key) => {
    const base = numeric(runs[0]?.finalMetrics?.[key]);
    return {
      key,
      values: runs.map((run, index) => {
        const value = numeric(run.finalMetrics?.[key]);
        return { value, delta: index === 0 || value === null || base === null ? null : value - base };
      }),
    };
  });
}

/** Hyperparameters (and base model) whose values differ between the runs; `same` lists the shared ones. */
export function configDiff(runs: readonly CompareRun[]): { differing: Array<{ key: string; values: string[] }>; same: Array<{ key: string; value: string }> } {
  const configs = runs.map((run) => ({ baseModel: run.baseModel, method: run.method, ...run.hyperparameters }));
  const keys = [...new Set(configs.flatMap((config) => Object.keys(config)))].filter((key) => key !== '__typename');
  const text = (value: unknown) => (value == null ? '—' : Array.isArray(value) ? value.join(', ') : String(value));
  const differing: Array<{ key: string; values: string[] }> = [];
  const same: Array<{ key: string; value: string }> = [];
  for (const key of keys) {
    const values = configs.map((config) => text((config as Record<string, unknown>)[key]));
    if (new Set(values).size > 1) differing.push({ key, values });
    else same.push({ key, value: values[0] });
  }
  return { differing, same };
}

export function runLabel(run: Pick<CompareRun, 'method' | 'seed'>): string {
  return `${run.method} · seed ${run.seed}`;
}

/** Line series of one metric, one per run (empty ones kept so colours match the runs' order). */
export function curveSeries(runs: readonly CompareRun[], histories: ReadonlyArray<readonly HistorySeries[]>, key: string): LineBandSeries[] {
  return runs.map((run, index) => {
    const series = histories[index]?.find((s) => s.key === key);
    const points: BandPoint[] = (series?.buckets ?? []).map((b) => ({ x: b.lastStep, y: b.last, min: b.min, max: b.max, count: b.count, xStart: b.stepStart, xEnd: b.stepEnd }));
    return { name: `${runLabel(run)} (${run.id.slice(0, 6)})`, points };
  });
}

/** Bootstrap intervals by score name, and the final-metric key each belongs to. */
export const INTERVAL_METRIC_KEYS: Readonly<Record<string, string>> = {
  f1Macro: 'eval/f1_macro',
  accuracy: 'eval/accuracy',
  balancedAccuracy: 'eval/balanced_accuracy',
};

export interface RunInterval {
  low: number;
  high: number;
  confidence: number;
}

/** The part of `studyAnalysis` the compare page reads: per-run intervals and the paired tests between methods. */
export interface StudyNoise {
  methods: Array<{ method: string; runs: Array<{ runId: string; intervals: Array<{ score: string; low: number; high: number; confidence: number }> }> }>;
  comparisons: Array<{ methodA: string; methodB: string; score: string; significant: boolean | null; verdict: string }>;
}

/** The distinct studies of the runs, in the runs' order. */
export function studyIdsOf(runs: ReadonlyArray<Pick<CompareRun, 'study'> | null | undefined>): string[] {
  return [...new Set(runs.flatMap((run) => (run?.study ? [run.study.id] : [])))];
}

/**
 * One query for the analyses of n studies (`sI` per study): there is no per-run-set interval query, so the
 * compare page reads the runs' intervals out of their studies' analyses.
 */
export function noiseQuery(count: number): string {
  const vars = Array.from({ length: count }, (_, i) => `$s${i}: ID!`).join(', ');
  const parts = Array.from(
    { length: count },
    (_, i) => `
    s${i}: studyAnalysis(studyId: $s${i}) {
      methods { method runs { runId intervals { score low high confidence } } }
      comparisons { methodA methodB score significant verdict }
    }`,
  ).join('');
  return `query ComparePage_Noise(${vars}) {${parts}
  }`;
}

export function noiseVariables(studyIds: readonly string[]): Record<string, string> {
  return Object.fromEntries(studyIds.map((id, i) => [`s${i}`, id]));
}

/** Each run's intervals by final-metric key (`eval/f1_macro` → its 95% CI), from any of the analyses. */
export function runIntervals(analyses: ReadonlyArray<StudyNoise | null | undefined>): Map<string, Map<string, RunInterval>> {
  const byRun = new Map<string, Map<string, RunInterval>>();
  for (const analysis of analyses) {
    for (const method of analysis?.methods ?? []) {
      for (const run of method.runs) {
        const intervals = new Map<string, RunInterval>();
        for (const interval of run.intervals) {
          const key = INTERVAL_METRIC_KEYS[interval.score];
          if (key) intervals.set(key, { low: interval.low, high: interval.high, confidence: interval.confidence });
        }
        if (intervals.size > 0) byRun.set(run.runId, intervals);
      }
    }
  }
  return byRun;
}

export type NoiseVerdict = 'within' | 'beyond';

/**
 * A rough check, not a test: two runs' intervals that overlap leave their difference "within noise"; disjoint
 * intervals put it "beyond noise". Overlap is conservative (a paired test on the same examples is sharper).
 */
export function overlapVerdict(a: RunInterval | undefined, b: RunInterval | undefined): NoiseVerdict | null {
  if (!a || !b) return null;
  return a.low <= b.high && b.low <= a.high ? 'within' : 'beyond';
}

export interface PairedVerdict {
  runId: string;
  methodA: string;
  methodB: string;
  score: string;
  significant: boolean | null;
  verdict: string;
}

/**
 * For each run after the first that is in the first run's study with another method: the study analysis'
 * paired test between the two methods (over all their seeds), when it has one.
 */
export function pairedVerdicts(runs: ReadonlyArray<Pick<CompareRun, 'id' | 'method' | 'study'>>, analyses: ReadonlyMap<string, StudyNoise | null>): PairedVerdict[] {
  const [reference, ...others] = runs;
  if (!reference) return [];
  const analysis = analyses.get(reference.study.id);
  if (!analysis) return [];
  const seen = new Set<string>();
  const verdicts: PairedVerdict[] = [];
  for (const run of others) {
    if (run.study.id !== reference.study.id || run.method === reference.method || seen.has(run.method)) continue;
    seen.add(run.method);
    for (const comparison of analysis.comparisons) {
      const pair = new Set([comparison.methodA, comparison.methodB]);
      if (pair.size === 2 && pair.has(run.method) && pair.has(reference.method)) verdicts.push({ runId: run.id, ...comparison });
    }
  }
  return verdicts;
}
