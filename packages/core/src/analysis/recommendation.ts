import { COST_AXIS_LABELS } from './cost-axes';
import { formatBytes, formatCount, formatScore, formatSeconds, metricLabel } from './format';
import { methodCost, type MethodStatistics, type PairedComparison, type StudyAnalysis } from './study-analysis';

/**
 * Which method to pick under a user's constraints, decided by explicit rules over the measured data:
 *
 * 1. Eligible: a method meets every given constraint on its measured values — the worst seed for train time,
 *    peak memory and trainable parameters; the seed mean for quality and inference latency. A constraint on a
 *    value never measured excludes the method (it is not assumed to fit).
 * 2. Best: the eligible method with the highest mean quality.
 * 3. Tied: another eligible method whose paired bootstrap interval of the difference to the best includes 0
 *    (or that cannot be tested for want of stored predictions).
 * 4. Pick: among the best and those tied with it, the cheapest by mean train time, then trainable parameters.
 * 5. Too thin: any method in that pool ran a single seed, or a tie rests on a missing test.
 */
export interface RecommendationConstraints {
  timeBudgetSeconds?: number | null;
  gpuMemoryBytes?: number | null;
  trainableParameterBudget?: number | null;
  /** Minimum of the analysis' quality metric (macro-F1 by default). */
  minQuality?: number | null;
  latencyBudgetMs?: number | null;
}

export type RecommendationDecision = 'RECOMMENDED' | 'TIED_ON_QUALITY' | 'TOO_THIN' | 'NONE_ELIGIBLE' | 'NO_DATA';

export interface Evidence {
  runId: string;
  method: string;
  seed: number;
  measure: string;
  value: number;
}

export interface CandidateAssessment {
  method: string;
  eligible: boolean;
  /** Why not, one line per failed constraint. */
  failed: string[];
  quality: number | null;
}

export interface Recommendation {
  decision: RecommendationDecision;
  method: string | null;
  summary: string;
  reasons: string[];
  evidence: Evidence[];
  candidates: CandidateAssessment[];
  tiedWith: string[];
}

interface ConstraintRule {
  key: keyof RecommendationConstraints;
  /** The measured value the budget applies to, and how it is described. */
  measure: (method: MethodStatistics) => number | null;
  describe: (value: number) => string;
  what: string;
  /** True when a higher value is what the constraint asks for (a minimum), false for a budget (a maximum). */
  minimum: boolean;
}

const RULES: ConstraintRule[] = [
  { key: 'timeBudgetSeconds', what: 'train time (slowest seed)', measure: (m) => methodCost(m, 'trainSeconds', 'max'), describe: formatSeconds, minimum: false },
  { key: 'gpuMemoryBytes', what: 'peak memory (highest seed)', measure: (m) => methodCost(m, 'peakMemoryBytes', 'max'), describe: formatBytes, minimum: false },
  { key: 'trainableParameterBudget', what: COST_AXIS_LABELS.trainableParameters, measure: (m) => methodCost(m, 'trainableParameters', 'max'), describe: formatCount, minimum: false },
  { key: 'minQuality', what: 'mean quality', measure: (m) => m.quality.mean, describe: (value) => formatScore(value), minimum: true },
  { key: 'latencyBudgetMs', what: 'inference latency (p50, mean)', measure: (m) => methodCost(m, 'inferenceLatencyMs', 'mean'), describe: (value) => `${value.toFixed(1)} ms`, minimum: false },
];

function assess(method: MethodStatistics, constraints: RecommendationConstraints): CandidateAssessment {
  const failed: string[] = [];
  if (method.quality.mean === null) failed.push(`no ${method.quality.key} recorded`);
  for (const rule of RULES) {
    const limit = constraints[rule.key];
    if (limit === null || limit === undefined) continue;
    const value = rule.measure(method);
    if (value === null) failed.push(`${rule.what} not measured, so the ${rule.key} constraint cannot be checked`);
    else if (rule.minimum ? value < limit : value > limit) failed.push(`${rule.what} ${rule.describe(value)} ${rule.minimum ? 'is below the minimum' : 'exceeds the budget'} of ${rule.describe(limit)}`);
  }
  return { method: method.method, eligible: failed.length === 0, failed, quality: method.quality.mean };
}

function comparisonBetween(comparisons: readonly PairedComparison[], a: string, b: string): PairedComparison | undefined {
  return comparisons.find((c) => (c.methodA === a && c.methodB === b) || (c.methodA === b && c.methodB === a));
}

function describeQuality(method: MethodStatistics): string {
  const { mean, std, n } = method.quality;
  return `${metricLabel(method.quality.key)} ${formatScore(mean)}${std === null ? '' : ` ± ${formatScore(std)}`} over ${n} seed${n === 1 ? '' : 's'}`;
}

function evidenceOf(method: MethodStatistics, qualityMetric: string): Evidence[] {
  return method.runs.flatMap((run) => [
    ...(run.quality === null ? [] : [{ runId: run.runId, method: method.method, seed: run.seed, measure: qualityMetric, value: run.quality }]),
    ...(run.costs.trainSeconds === null ? [] : [{ runId: run.runId, method: method.method, seed: run.seed, measure: 'trainSeconds', value: run.costs.trainSeconds }]),
    ...(run.costs.trainableParameters === null ? [] : [{ runId: run.runId, method: method.method, seed: run.seed, measure: 'trainableParameters', value: run.costs.trainableParameters }]),
  ]);
}

function cheaper(a: MethodStatistics, b: MethodStatistics): number {
  const time = (methodCost(a, 'trainSeconds', 'mean') ?? Infinity) - (methodCost(b, 'trainSeconds', 'mean') ?? Infinity);
  if (Number.isFinite(time) && time !== 0) return time;
  const parameters = (methodCost(a, 'trainableParameters', 'max') ?? Infinity) - (methodCost(b, 'trainableParameters', 'max') ?? Infinity);
  if (Number.isFinite(parameters) && parameters !== 0) return parameters;
  return (b.quality.mean ?? 0) - (a.quality.mean ?? 0);
}

function speedup(slow: MethodStatistics, fast: MethodStatistics): string {
  const slowSeconds = methodCost(slow, 'trainSeconds', 'mean');
  const fastSeconds = methodCost(fast, 'trainSeconds', 'mean');
  if (slowSeconds === null || fastSeconds === null || fastSeconds <= 0) return 'it is cheaper';
  return `it trains ${(slowSeconds / fastSeconds).toFixed(1)}× faster (${formatSeconds(fastSeconds)} vs ${formatSeconds(slowSeconds)} mean)`;
}

export function recommendMethod(analysis: StudyAnalysis, constraints: RecommendationConstraints = {}): Recommendation {
  const candidates = analysis.methods.map((method) => assess(method, constraints));
  if (!analysis.methods.length) {
    return { decision: 'NO_DATA', method: null, summary: 'No succeeded, comparable runs yet: nothing to recommend.', reasons: [], evidence: [], candidates, tiedWith: [] };
  }
  const eligible = analysis.methods.filter((method) => candidates.find((candidate) => candidate.method === method.method)!.eligible);
  const name = (method: string) => analysis.methods.find((entry) => entry.method === method)?.shortLabel ?? method;
  const exclusions = candidates.filter((candidate) => !candidate.eligible).map((candidate) => `${name(candidate.method)} excluded: ${candidate.failed.join('; ')}`);
  if (!eligible.length) {
    return { decision: 'NONE_ELIGIBLE', method: null, summary: 'No method meets every constraint.', reasons: exclusions, evidence: [], candidates, tiedWith: [] };
  }

  const best = eligible[0];
  const reasons: string[] = [];
  const tied: MethodStatistics[] = [];
  let untested = false;
  for (const other of eligible.slice(1)) {
    const comparison = comparisonBetween(analysis.comparisons, other.method, best.method);
    if (comparison?.significant === true) {
      reasons.push(`${best.shortLabel} is significantly better than ${other.shortLabel} (${comparison.verdict})`);
      continue;
    }
    tied.push(other);
    if (!comparison || comparison.significant === null) untested = true;
  }

  const pool = [best, ...tied].sort(cheaper);
  const pick = pool[0];
  const contenders = pool.filter((method) => method !== pick);
  for (const other of contenders) {
    const comparison = comparisonBetween(analysis.comparisons, other.method, pick.method);
    const evidence = comparison && comparison.significant !== null ? comparison.verdict : 'no stored test predictions to test the difference';
    reasons.push(`the quality of ${pick.shortLabel} and ${other.shortLabel} cannot be told apart (${evidence}); ${pick.shortLabel} chosen because ${speedup(other, pick)}`);
  }
  const singleSeed = pool.filter((method) => method.seeds.length < 2).map((method) => method.shortLabel);
  if (singleSeed.length) reasons.push(`only one seed of ${singleSeed.join(', ')}: run more seeds before relying on this`);
  if (untested) reasons.push('without stored test predictions the differences cannot be tested');
  reasons.unshift(`${pick.shortLabel}: ${describeQuality(pick)}${constraintsMet(pick, constraints)}`);
  reasons.push(...exclusions);

  const decision: RecommendationDecision = singleSeed.length || untested ? 'TOO_THIN' : contenders.length ? 'TIED_ON_QUALITY' : 'RECOMMENDED';
  const lead = decision === 'TOO_THIN' ? 'Provisional pick' : decision === 'TIED_ON_QUALITY' ? 'Cheapest of equals' : 'Recommended';
  const thin = decision === 'TOO_THIN' ? ' — the data is too thin to decide' : '';
  return {
    decision,
    method: pick.method,
    summary: `${lead}: ${pick.label} (${describeQuality(pick)}, train time ${formatSeconds(methodCost(pick, 'trainSeconds', 'mean'))})${thin}.`,
    reasons,
    evidence: pool.flatMap((method) => evidenceOf(method, analysis.qualityMetric)),
    candidates,
    tiedWith: contenders.map((method) => method.method),
  };
}

function constraintsMet(method: MethodStatistics, constraints: RecommendationConstraints): string {
  const met = RULES.filter((rule) => constraints[rule.key] !== null && constraints[rule.key] !== undefined).map((rule) => {
    const value = rule.measure(method)!;
    return `${rule.what} ${rule.describe(value)} ${rule.minimum ? '≥' : '≤'} ${rule.describe(constraints[rule.key]!)}`;
  });
  return met.length ? `; meets ${met.join(', ')}` : '';
}
