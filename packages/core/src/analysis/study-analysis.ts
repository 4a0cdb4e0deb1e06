import { methodLabel } from '../methods';
import { metricDirection } from '../metric-keys';
import { checkComparability, type Comparability, type EvaluationProtocol, largestGroup } from './comparability';
import { COST_AXES, type CostAxis, type RunCosts } from './cost-axes';
import { formatPoints } from './format';
import { paretoFront, timeToTarget } from './pareto';
import { meanOf, type SharedBootstrap, sharedBootstrap } from './bootstrap';
import { type BootstrapOptions, type Interval, mcnemar, type McNemarResult, SCORE_NAMES, type ScoreName, type Summary, summarize } from './statistics';

/**
 * A study's runs turned into the evidence for a decision (issue 6): which runs may be compared at all, each
 * method's scores over seeds with bootstrap intervals from the stored test predictions, paired tests between
 * methods, the Pareto front over quality and costs, and time-to-target. Pure: the API loads the runs.
 */

/** The headline metric: with 85% of Kinopoisk reviews positive, accuracy flatters an always-positive model. */
export const HEADLINE_METRIC = 'eval/f1_macro';

export const SCORE_METRIC_KEYS: Record<ScoreName, string> = {
  accuracy: 'eval/accuracy',
  balancedAccuracy: 'eval/balanced_accuracy',
  f1Macro: 'eval/f1_macro',
};

export interface RunPredictionSet {
  /** Identifies the test examples and their order (a hash of their ids): sets pair up only when it matches. */
  examplesKey: string;
  labels: readonly number[];
  predictions: readonly number[];
}

/** One end-of-epoch evaluation: how long the run had trained by then, and what it scored. */
export interface RunEvaluation {
  epoch: number;
  trainSeconds: number;
  metrics: Record<string, number>;
}

export interface AnalysisRun {
  id: string;
  method: string;
  seed: number;
  status: string;
  protocol: Omit<EvaluationProtocol, 'runId'>;
  finalMetrics: Record<string, number> | null;
  costs: RunCosts;
  predictions: RunPredictionSet | null;
  evaluations: RunEvaluation[];
}

export interface MajorityBaseline {
  label: number;
  testRows: number;
  accuracy: number;
  balancedAccuracy: number;
  f1Macro: number;
}

export interface AnalysisOptions {
  /** A higher-is-better final metric; default eval/f1_macro. */
  qualityMetric?: string;
  /** One or two cost axes for the Pareto front; default train time and trainable parameters. */
  paretoCosts?: CostAxis[];
  /** Quality to reach for time-to-target; default the lowest method mean, a level every method reached. */
  target?: number | null;
  bootstrap?: BootstrapOptions;
}

export interface MetricSummary extends Summary {
  key: string;
}

export interface ScoreInterval extends Interval {
  score: ScoreName;
  metricKey: string;
  /** How many runs (seeds) the interval averages over. */
  runs: number;
}

export interface CostSummary extends Summary {
  axis: CostAxis | 'inferenceThroughput';
  max: number | null;
}

export interface RunStatistics {
  runId: string;
  seed: number;
  quality: number | null;
  finalMetrics: Record<string, number>;
  intervals: ScoreInterval[];
  costs: RunCosts;
}

export interface MethodStatistics {
  method: string;
  label: string;
  shortLabel: string;
  runIds: string[];
  seeds: number[];
  quality: MetricSummary;
  metrics: MetricSummary[];
  /** Seed-averaged bootstrap intervals; empty when no run of the method stored its test predictions. */
  intervals: ScoreInterval[];
  costs: CostSummary[];
  runs: RunStatistics[];
}

export interface SeedMcNemar extends McNemarResult {
  seed: number;
  runIdA: string;
  runIdB: string;
}

export interface PairedComparison {
  methodA: string;
  methodB: string;
  score: ScoreName;
  /** score(A) − score(B), seed-averaged, with its paired bootstrap interval; null without predictions. */
  difference: Interval | null;
  /** McNemar's test for each seed both methods ran. */
  mcnemar: SeedMcNemar[];
  /** Whether the interval excludes 0; null when it could not be computed. */
  significant: boolean | null;
  verdict: string;
}

export interface ParetoEntry {
  key: string;
  method: string;
  runId: string | null;
  quality: number;
  costs: number[];
  dominatedBy: string | null;
}

export interface ParetoAnalysis {
  qualityMetric: string;
  costAxes: CostAxis[];
  /** Runs on or off the front; a run missing a value on an axis is left out and listed in `unplaced`. */
  runs: ParetoEntry[];
  /** The same over method means. */
  methods: ParetoEntry[];
  unplaced: string[];
}

export interface MethodTimeToTarget {
  method: string;
  runs: number;
  reached: number;
  /** Median over the runs that reached the target. */
  medianSeconds: number | null;
  perRun: { runId: string; seconds: number | null }[];
}

export interface TimeToTargetAnalysis {
  metric: string;
  target: number;
  methods: MethodTimeToTarget[];
}

export interface ExcludedRun {
  runId: string;
  method: string;
  seed: number;
  reason: string;
}

export interface StudyAnalysis {
  qualityMetric: string;
  /** Over every succeeded run of the study. */
  comparability: Comparability;
  /** The succeeded runs compared here: all on one split under one set of rules. */
  cohortRunIds: string[];
  excluded: ExcludedRun[];
  baseline: MajorityBaseline | null;
  /** Best mean quality first. */
  methods: MethodStatistics[];
  comparisons: PairedComparison[];
  pareto: ParetoAnalysis;
  timeToTarget: TimeToTargetAnalysis | null;
}

/** A method's statistic of one cost over its runs (null when no run measured it). */
export function methodCost(method: MethodStatistics, axis: CostSummary['axis'], statistic: 'mean' | 'max'): number | null {
  return method.costs.find((entry) => entry.axis === axis)?.[statistic] ?? null;
}

/** What always predicting the most frequent test label scores: the floor every method must clear. */
export function majorityBaseline(testLabels: readonly { label: number; count: number }[]): MajorityBaseline | null {
  const present = testLabels.filter((entry) => entry.count > 0);
  const rows = present.reduce((sum, entry) => sum + entry.count, 0);
  if (!rows) return null;
  const majority = present.reduce((best, entry) => (entry.count > best.count || (entry.count === best.count && entry.label < best.label) ? entry : best));
  const share = majority.count / rows;
  // Only the majority class gets an F1 above 0: 2p / (1 + p); every other present class scores 0.
  return { label: majority.label, testRows: rows, accuracy: share, balancedAccuracy: 1 / present.length, f1Macro: (2 * share) / (1 + share) / present.length };
}

function protocolKey(protocol: AnalysisRun['protocol']): string {
  return JSON.stringify([protocol.splitFingerprint, protocol.labelRule, protocol.textRule, protocol.maxSeqLength]);
}

function finalValue(run: AnalysisRun, key: string): number | null {
  const metrics = run.finalMetrics;
  if (!metrics || !Object.prototype.hasOwnProperty.call(metrics, key)) return null;
  const value = metrics[key];
  return Number.isFinite(value) ? value : null;
}

/** The largest group of succeeded runs sharing one evaluation protocol; the others are set aside, with why. */
function chooseCohort(runs: readonly AnalysisRun[]): { cohort: AnalysisRun[]; excluded: ExcludedRun[] } {
  const excluded: ExcludedRun[] = runs
    .filter((run) => run.status !== 'SUCCEEDED')
    .map((run) => ({ runId: run.id, method: run.method, seed: run.seed, reason: `not finished (${run.status})` }));
  const { group: cohort, rest } = largestGroup(
    runs.filter((run) => run.status === 'SUCCEEDED'),
    (run) => protocolKey(run.protocol),
  );
  if (!cohort.length) return { cohort, excluded };
  const reference = cohort[0].protocol;
  for (const run of rest) {
    const differs = (['splitFingerprint', 'labelRule', 'textRule', 'maxSeqLength'] as const)
      .filter((field) => run.protocol[field] !== reference[field])
      .map((field) => `${field} ${String(run.protocol[field])} instead of ${String(reference[field])}`);
    excluded.push({ runId: run.id, method: run.method, seed: run.seed, reason: `not comparable with the ${cohort.length} runs compared: ${differs.join(', ')}` });
  }
  return { cohort, excluded };
}

/**
 * Prediction sets that pair up with the cohort's most common test set (others cannot enter a paired test),
 * bootstrapped together once.
 */
interface PredictionEvidence {
  /** Index of each run's set in the shared bootstrap. */
  setOf: Map<string, number>;
  boot: SharedBootstrap | null;
}

function predictionEvidence(cohort: readonly AnalysisRun[], options: BootstrapOptions): PredictionEvidence {
  const counts = new Map<string, number>();
  for (const run of cohort) if (run.predictions) counts.set(run.predictions.examplesKey, (counts.get(run.predictions.examplesKey) ?? 0) + 1);
  const key = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  const setOf = new Map<string, number>();
  const sets: (readonly number[])[] = [];
  let labels: readonly number[] | null = null;
  for (const run of cohort) {
    if (!run.predictions || run.predictions.examplesKey !== key) continue;
    labels ??= run.predictions.labels;
    if (run.predictions.labels.length !== labels.length || run.predictions.predictions.length !== labels.length) continue;
    setOf.set(run.id, sets.length);
    sets.push(run.predictions.predictions);
  }
  return { setOf, boot: labels && sets.length ? sharedBootstrap(labels, sets, options) : null };
}

function setsOf(evidence: PredictionEvidence, runIds: readonly string[]): number[] {
  return runIds.map((id) => evidence.setOf.get(id)).filter((index): index is number => index !== undefined);
}

function summaryOf(key: string, values: (number | null)[]): MetricSummary {
  return { key, ...summarize(values.filter((value): value is number => value !== null)) };
}

function intervalsFor(evidence: PredictionEvidence, runIds: readonly string[]): ScoreInterval[] {
  const sets = setsOf(evidence, runIds);
  const boot = evidence.boot;
  if (!boot || !sets.length) return [];
  return SCORE_NAMES.map((score) => ({ score, metricKey: SCORE_METRIC_KEYS[score], runs: sets.length, ...boot.interval(meanOf(sets, score)) }));
}

function costSummaries(runs: readonly AnalysisRun[]): CostSummary[] {
  return [...COST_AXES, 'inferenceThroughput' as const].map((axis) => {
    const values = runs.map((run) => run.costs[axis]).filter((value): value is number => value !== null);
    return { axis, ...summarize(values), max: values.length ? Math.max(...values) : null };
  });
}

function methodStatistics(cohort: readonly AnalysisRun[], qualityMetric: string, evidence: PredictionEvidence): MethodStatistics[] {
  const byMethod = new Map<string, AnalysisRun[]>();
  for (const run of cohort) byMethod.set(run.method, [...(byMethod.get(run.method) ?? []), run]);
  const methods = [...byMethod.entries()].map(([method, runs]): MethodStatistics => {
    runs.sort((a, b) => a.seed - b.seed || (a.id < b.id ? -1 : 1));
    const keys = [...new Set(runs.flatMap((run) => Object.keys(run.finalMetrics ?? {})))].sort();
    return {
      method,
      label: methodLabel(method),
      shortLabel: methodLabel(method, 'short'),
      runIds: runs.map((run) => run.id),
      seeds: runs.map((run) => run.seed),
      quality: summaryOf(qualityMetric, runs.map((run) => finalValue(run, qualityMetric))),
      metrics: keys.map((key) => summaryOf(key, runs.map((run) => finalValue(run, key)))),
      intervals: intervalsFor(evidence, runs.map((run) => run.id)),
      costs: costSummaries(runs),
      runs: runs.map((run) => ({ runId: run.id, seed: run.seed, quality: finalValue(run, qualityMetric), finalMetrics: run.finalMetrics ?? {}, intervals: intervalsFor(evidence, [run.id]), costs: run.costs })),
    };
  });
  return methods.sort((a, b) => (b.quality.mean ?? -Infinity) - (a.quality.mean ?? -Infinity) || (a.method < b.method ? -1 : 1));
}

function verdictOf(a: MethodStatistics, b: MethodStatistics, difference: Interval | null): string {
  const subject = `${a.shortLabel} vs ${b.shortLabel}`;
  if (!difference) return `${subject}: no stored test predictions to compare`;
  const level = Math.round(difference.confidence * 100);
  const significant = difference.low > 0 || difference.high < 0;
  return `${subject}: ${formatPoints(difference.estimate)} macro-F1, ${level}% CI [${formatPoints(difference.low)}, ${formatPoints(difference.high)}], ${significant ? 'significant' : 'not significant'}`;
}

/** Every pair of methods, the lower-ranked one first ("LoRA vs Full FT: −0.4 …"), on macro-F1. */
function pairedComparisons(methods: readonly MethodStatistics[], cohort: readonly AnalysisRun[], evidence: PredictionEvidence): PairedComparison[] {
  const comparisons: PairedComparison[] = [];
  const predictionsOf = new Map(cohort.map((run) => [run.id, run.predictions]));
  for (let better = 0; better < methods.length; better++) {
    for (let worse = better + 1; worse < methods.length; worse++) {
      const a = methods[worse];
      const b = methods[better];
      const setsA = setsOf(evidence, a.runIds);
      const setsB = setsOf(evidence, b.runIds);
      const boot = evidence.boot;
      const difference = boot && setsA.length && setsB.length ? boot.interval((scores) => meanOf(setsA, 'f1Macro')(scores) - meanOf(setsB, 'f1Macro')(scores)) : null;
      const seedMcNemar: SeedMcNemar[] = [];
      for (const runA of a.runs) {
        const runB = b.runs.find((run) => run.seed === runA.seed);
        if (!runB || !evidence.setOf.has(runA.runId) || !evidence.setOf.has(runB.runId)) continue;
        const setA = predictionsOf.get(runA.runId)!;
        const setB = predictionsOf.get(runB.runId)!;
        seedMcNemar.push({ seed: runA.seed, runIdA: runA.runId, runIdB: runB.runId, ...mcnemar(setA.labels, setA.predictions, setB.predictions) });
      }
      comparisons.push({
        methodA: a.method,
        methodB: b.method,
        score: 'f1Macro',
        difference,
        mcnemar: seedMcNemar,
        significant: difference ? difference.low > 0 || difference.high < 0 : null,
        verdict: verdictOf(a, b, difference),
      });
    }
  }
  return comparisons;
}

function paretoEntries(points: { key: string; method: string; runId: string | null; quality: number | null; costs: (number | null)[] }[]): { entries: ParetoEntry[]; unplaced: string[] } {
  const placed = points.filter((point) => point.quality !== null && point.costs.every((cost) => cost !== null));
  const result = paretoFront(placed.map((point) => ({ item: point, quality: point.quality!, costs: point.costs as number[] })));
  const entries: ParetoEntry[] = [
    ...result.front.map(({ item }) => ({ key: item.key, method: item.method, runId: item.runId, quality: item.quality!, costs: item.costs as number[], dominatedBy: null })),
    ...result.dominated.map(({ point, by }) => ({ key: point.item.key, method: point.item.method, runId: point.item.runId, quality: point.item.quality!, costs: point.item.costs as number[], dominatedBy: by.item.key })),
  ];
  return { entries, unplaced: points.filter((point) => !placed.includes(point)).map((point) => point.key) };
}

function paretoAnalysis(cohort: readonly AnalysisRun[], methods: readonly MethodStatistics[], qualityMetric: string, costAxes: CostAxis[]): ParetoAnalysis {
  const runs = paretoEntries(cohort.map((run) => ({ key: run.id, method: run.method, runId: run.id, quality: finalValue(run, qualityMetric), costs: costAxes.map((axis) => run.costs[axis]) })));
  const byMethod = paretoEntries(methods.map((method) => ({ key: method.method, method: method.method, runId: null, quality: method.quality.mean, costs: costAxes.map((axis) => methodCost(method, axis, 'mean')) })));
  return { qualityMetric, costAxes, runs: runs.entries, methods: byMethod.entries, unplaced: runs.unplaced };
}

function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function timeToTargetAnalysis(cohort: readonly AnalysisRun[], methods: readonly MethodStatistics[], metric: string, requested: number | null | undefined): TimeToTargetAnalysis | null {
  const means = methods.map((method) => method.quality.mean).filter((mean): mean is number => mean !== null);
  if (!means.length) return null;
  const target = requested ?? Math.floor(Math.min(...means) * 1000) / 1000;
  return {
    metric,
    target,
    methods: methods.map((method) => {
      const perRun = method.runIds.map((runId) => {
        const run = cohort.find((candidate) => candidate.id === runId)!;
        const evaluations = run.evaluations.filter((evaluation) => Number.isFinite(evaluation.metrics[metric])).map((evaluation) => ({ trainSeconds: evaluation.trainSeconds, value: evaluation.metrics[metric] }));
        return { runId, seconds: timeToTarget(evaluations, target) };
      });
      const reached = perRun.map((run) => run.seconds).filter((seconds): seconds is number => seconds !== null);
      return { method: method.method, runs: perRun.length, reached: reached.length, medianSeconds: median(reached), perRun };
    }),
  };
}

const DEFAULT_PARETO_COSTS: CostAxis[] = ['trainSeconds', 'trainableParameters'];

/** Why analyzeStudy cannot honour these options, or null. */
export function analysisOptionsProblem(options: AnalysisOptions): string | null {
  const qualityMetric = options.qualityMetric ?? HEADLINE_METRIC;
  if (metricDirection(qualityMetric) !== 'maximize') return `qualityMetric ${qualityMetric} is lower-is-better; choose a score such as ${HEADLINE_METRIC}`;
  const costAxes = options.paretoCosts ?? DEFAULT_PARETO_COSTS;
  if (costAxes.length < 1 || costAxes.length > 2) return `paretoCosts takes one or two cost axes (got ${costAxes.length})`;
  return null;
}

export function analyzeStudy(runs: readonly AnalysisRun[], baseline: MajorityBaseline | null, options: AnalysisOptions = {}): StudyAnalysis {
  const problem = analysisOptionsProblem(options);
  if (problem) throw new RangeError(problem);
  const qualityMetric = options.qualityMetric ?? HEADLINE_METRIC;
  const costAxes = options.paretoCosts ?? DEFAULT_PARETO_COSTS;
  const bootstrapOptions = options.bootstrap ?? {};
  const succeeded = runs.filter((run) => run.status === 'SUCCEEDED');
  const { cohort, excluded } = chooseCohort(runs);
  const evidence = predictionEvidence(cohort, bootstrapOptions);
  const methods = methodStatistics(cohort, qualityMetric, evidence);
  return {
    qualityMetric,
    comparability: checkComparability(succeeded.map((run) => ({ runId: run.id, ...run.protocol }))),
    cohortRunIds: cohort.map((run) => run.id),
    excluded,
    baseline,
    methods,
    comparisons: pairedComparisons(methods, cohort, evidence),
    pareto: paretoAnalysis(cohort, methods, qualityMetric, costAxes),
    timeToTarget: timeToTargetAnalysis(cohort, methods, qualityMetric, options.target),
  };
}
