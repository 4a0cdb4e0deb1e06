import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

/** GraphQL shapes of packages/core's study analysis (issue 6); the resolver passes core's objects through. */

export enum CostAxisEnum {
  TRAIN_SECONDS = 'trainSeconds',
  GPU_HOURS = 'gpuHours',
  ENERGY_JOULES = 'energyJoules',
  PEAK_MEMORY_BYTES = 'peakMemoryBytes',
  TRAINABLE_PARAMETERS = 'trainableParameters',
  TOTAL_PARAMETERS = 'totalParameters',
  INFERENCE_LATENCY_MS = 'inferenceLatencyMs',
}
registerEnumType(CostAxisEnum, { name: 'CostAxis', description: 'A lower-is-better cost of a run.' });

export enum ReportFormatEnum {
  MARKDOWN = 'MARKDOWN',
  CSV = 'CSV',
  JSON = 'JSON',
}
registerEnumType(ReportFormatEnum, { name: 'ReportFormat' });

export enum RecommendationDecisionEnum {
  RECOMMENDED = 'RECOMMENDED',
  TIED_ON_QUALITY = 'TIED_ON_QUALITY',
  TOO_THIN = 'TOO_THIN',
  NONE_ELIGIBLE = 'NONE_ELIGIBLE',
  NO_DATA = 'NO_DATA',
}
registerEnumType(RecommendationDecisionEnum, {
  name: 'RecommendationDecision',
  valuesConfig: {
    RECOMMENDED: { description: 'Significantly better than every other eligible method, on two or more seeds.' },
    TIED_ON_QUALITY: { description: 'Quality indistinguishable from another method; the cheaper one is picked.' },
    TOO_THIN: { description: 'A provisional pick: one seed, or differences that could not be tested.' },
    NONE_ELIGIBLE: { description: 'No method meets every constraint.' },
    NO_DATA: { description: 'No succeeded, comparable runs yet.' },
  },
});

@InputType()
export class AnalysisOptionsInput {
  @Field(() => String, { nullable: true, description: 'A higher-is-better final metric; default eval/f1_macro.' }) qualityMetric?: string | null;
  @Field(() => [CostAxisEnum], { nullable: true, description: 'One or two axes for the Pareto front; default TRAIN_SECONDS and TRAINABLE_PARAMETERS.' }) paretoCosts?: CostAxisEnum[] | null;
  @Field(() => Float, { nullable: true, description: 'Quality for time-to-target; default the lowest method mean.' }) target?: number | null;
}

@InputType()
export class RecommendationConstraintsInput {
  @Field(() => Float, { nullable: true }) timeBudgetSeconds?: number | null;
  @Field(() => Float, { nullable: true }) gpuMemoryBytes?: number | null;
  @Field(() => Float, { nullable: true }) trainableParameterBudget?: number | null;
  @Field(() => Float, { nullable: true, description: 'Minimum of the quality metric (macro-F1 by default).' }) minQuality?: number | null;
  @Field(() => Float, { nullable: true }) latencyBudgetMs?: number | null;
}

@ObjectType()
export class ProtocolValue {
  @Field(() => String, { nullable: true, description: 'The value as text.' }) value: string | null;
  @Field(() => [ID]) runIds: string[];
}

@ObjectType()
export class ProtocolDifference {
  @Field(() => String, { description: 'splitFingerprint, labelRule, textRule or maxSeqLength.' }) field: string;
  @Field(() => [ProtocolValue]) values: ProtocolValue[];
}

@ObjectType({ description: 'Whether runs were evaluated on the same examples under the same rules, and if not what differs.' })
export class Comparability {
  @Field(() => Boolean) comparable: boolean;
  @Field(() => String, { nullable: true }) reason: string | null;
  @Field(() => [ProtocolDifference]) differences: ProtocolDifference[];
}

@ObjectType()
export class ExcludedRun {
  @Field(() => ID) runId: string;
  @Field(() => String) method: string;
  @Field(() => Int) seed: number;
  @Field(() => String) reason: string;
}

@ObjectType()
export class MajorityBaseline {
  @Field(() => Int) label: number;
  @Field(() => Int) testRows: number;
  @Field(() => Float) accuracy: number;
  @Field(() => Float) balancedAccuracy: number;
  @Field(() => Float) f1Macro: number;
}

@ObjectType()
export class MetricSummary {
  @Field(() => String) key: string;
  @Field(() => Int) n: number;
  @Field(() => Float, { nullable: true }) mean: number | null;
  @Field(() => Float, { nullable: true, description: 'Sample standard deviation; null below two seeds.' }) std: number | null;
}

@ObjectType()
export class ConfidenceInterval {
  @Field(() => Float) estimate: number;
  @Field(() => Float) low: number;
  @Field(() => Float) high: number;
  @Field(() => Float) confidence: number;
}

@ObjectType()
export class ScoreInterval extends ConfidenceInterval {
  @Field(() => String, { description: 'accuracy, balancedAccuracy or f1Macro.' }) score: string;
  @Field(() => String) metricKey: string;
  @Field(() => Int, { description: 'Runs (seeds) averaged.' }) runs: number;
}

@ObjectType()
export class CostSummary {
  @Field(() => String, { description: 'A CostAxis value in camelCase, or inferenceThroughput.' }) axis: string;
  @Field(() => Int) n: number;
  @Field(() => Float, { nullable: true }) mean: number | null;
  @Field(() => Float, { nullable: true }) std: number | null;
  @Field(() => Float, { nullable: true }) max: number | null;
}

@ObjectType()
export class RunCosts {
  @Field(() => Float, { nullable: true }) trainSeconds: number | null;
  @Field(() => Float, { nullable: true }) gpuHours: number | null;
  @Field(() => Float, { nullable: true }) energyJoules: number | null;
  @Field(() => Float, { nullable: true }) peakMemoryBytes: number | null;
  @Field(() => Float, { nullable: true }) trainableParameters: number | null;
  @Field(() => Float, { nullable: true }) totalParameters: number | null;
  @Field(() => Float, { nullable: true }) inferenceLatencyMs: number | null;
  @Field(() => Float, { nullable: true }) inferenceThroughput: number | null;
}

@ObjectType()
export class RunStatistics {
  @Field(() => ID) runId: string;
  @Field(() => Int) seed: number;
  @Field(() => Float, { nullable: true }) quality: number | null;
  @Field(() => [ScoreInterval]) intervals: ScoreInterval[];
  @Field(() => RunCosts) costs: RunCosts;
}

@ObjectType()
export class MethodStatistics {
  @Field(() => String) method: string;
  @Field(() => String) label: string;
  @Field(() => String) shortLabel: string;
  @Field(() => [ID]) runIds: string[];
  @Field(() => [Int]) seeds: number[];
  @Field(() => MetricSummary) quality: MetricSummary;
  @Field(() => [MetricSummary]) metrics: MetricSummary[];
  @Field(() => [ScoreInterval], { description: 'Seed-averaged bootstrap intervals; empty without stored predictions.' }) intervals: ScoreInterval[];
  @Field(() => [CostSummary]) costs: CostSummary[];
  @Field(() => [RunStatistics]) runs: RunStatistics[];
}

@ObjectType()
export class SeedMcNemar {
  @Field(() => Int) seed: number;
  @Field(() => ID) runIdA: string;
  @Field(() => ID) runIdB: string;
  @Field(() => Int, { description: 'Examples A got right and B wrong.' }) onlyA: number;
  @Field(() => Int) onlyB: number;
  @Field(() => Float) pValue: number;
  @Field(() => String, { description: 'exact or chi-square.' }) method: string;
}

@ObjectType()
export class PairedComparison {
  @Field(() => String) methodA: string;
  @Field(() => String) methodB: string;
  @Field(() => String) score: string;
  @Field(() => ConfidenceInterval, { nullable: true, description: 'score(A) − score(B), paired bootstrap.' }) difference: ConfidenceInterval | null;
  @Field(() => [SeedMcNemar]) mcnemar: SeedMcNemar[];
  @Field(() => Boolean, { nullable: true }) significant: boolean | null;
  @Field(() => String, { description: 'e.g. "LoRA vs Full FT: −0.4 macro-F1, 95% CI [−1.1, +0.3], not significant".' }) verdict: string;
}

@ObjectType()
export class ParetoEntry {
  @Field(() => String, { description: 'The run id, or the method for method means.' }) key: string;
  @Field(() => String) method: string;
  @Field(() => ID, { nullable: true }) runId: string | null;
  @Field(() => Float) quality: number;
  @Field(() => [Float], { description: 'One value per cost axis, in the order asked for.' }) costs: number[];
  @Field(() => String, { nullable: true, description: 'The key of an entry that beats this one on every axis; null on the front.' }) dominatedBy: string | null;
}

@ObjectType()
export class ParetoAnalysis {
  @Field(() => String) qualityMetric: string;
  @Field(() => [CostAxisEnum]) costAxes: CostAxisEnum[];
  @Field(() => [ParetoEntry]) runs: ParetoEntry[];
  @Field(() => [ParetoEntry]) methods: ParetoEntry[];
  @Field(() => [ID], { description: 'Runs missing the quality metric or a cost, left off the plot.' }) unplaced: string[];
}

@ObjectType()
export class RunTimeToTarget {
  @Field(() => ID) runId: string;
  @Field(() => Float, { nullable: true }) seconds: number | null;
}

@ObjectType()
export class MethodTimeToTarget {
  @Field(() => String) method: string;
  @Field(() => Int) runs: number;
  @Field(() => Int) reached: number;
  @Field(() => Float, { nullable: true }) medianSeconds: number | null;
  @Field(() => [RunTimeToTarget]) perRun: RunTimeToTarget[];
}

@ObjectType()
export class TimeToTargetAnalysis {
  @Field(() => String) metric: string;
  @Field(() => Float) target: number;
  @Field(() => [MethodTimeToTarget]) methods: MethodTimeToTarget[];
}

@ObjectType({ description: "A study's runs as evidence: comparability, per-method statistics, paired tests, Pareto front, time-to-target." })
export class StudyAnalysis {
  @Field(() => String) qualityMetric: string;
  @Field(() => Comparability, { description: 'Over every succeeded run of the study.' }) comparability: Comparability;
  @Field(() => [ID], { description: 'The succeeded runs compared: one split, one set of rules.' }) cohortRunIds: string[];
  @Field(() => [ExcludedRun]) excluded: ExcludedRun[];
  @Field(() => MajorityBaseline, { nullable: true }) baseline: MajorityBaseline | null;
  @Field(() => [MethodStatistics], { description: 'Best mean quality first.' }) methods: MethodStatistics[];
  @Field(() => [PairedComparison]) comparisons: PairedComparison[];
  @Field(() => ParetoAnalysis) pareto: ParetoAnalysis;
  @Field(() => TimeToTargetAnalysis, { nullable: true }) timeToTarget: TimeToTargetAnalysis | null;
}

@ObjectType()
export class Evidence {
  @Field(() => ID) runId: string;
  @Field(() => String) method: string;
  @Field(() => Int) seed: number;
  @Field(() => String) measure: string;
  @Field(() => Float) value: number;
}

@ObjectType()
export class CandidateAssessment {
  @Field(() => String) method: string;
  @Field(() => Boolean) eligible: boolean;
  @Field(() => [String]) failed: string[];
  @Field(() => Float, { nullable: true }) quality: number | null;
}

@ObjectType({ description: 'Which method to pick under constraints, with the rule that decided and the runs behind it.' })
export class Recommendation {
  @Field(() => RecommendationDecisionEnum) decision: RecommendationDecisionEnum;
  @Field(() => String, { nullable: true }) method: string | null;
  @Field(() => String) summary: string;
  @Field(() => [String]) reasons: string[];
  @Field(() => [Evidence]) evidence: Evidence[];
  @Field(() => [CandidateAssessment]) candidates: CandidateAssessment[];
  @Field(() => [String]) tiedWith: string[];
}

@ObjectType()
export class StudyReport {
  @Field(() => ReportFormatEnum) format: ReportFormatEnum;
  @Field(() => String) filename: string;
  @Field(() => String) contentType: string;
  @Field(() => String) content: string;
}
