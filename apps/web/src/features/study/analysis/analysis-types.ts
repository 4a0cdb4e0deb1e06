/** The shapes of `studyAnalysis` as the study page queries it (see study-analysis.tsx). */

export type CostAxis = 'TRAIN_SECONDS' | 'GPU_HOURS' | 'ENERGY_JOULES' | 'PEAK_MEMORY_BYTES' | 'TRAINABLE_PARAMETERS' | 'TOTAL_PARAMETERS' | 'INFERENCE_LATENCY_MS';

export interface MetricSummary {
  key: string;
  mean: number | null;
  std: number | null;
  n: number;
}

export interface ScoreInterval {
  score: string;
  metricKey: string;
  estimate: number;
  low: number;
  high: number;
  confidence: number;
  runs: number;
}

export interface CostSummary {
  axis: string;
  mean: number | null;
  std: number | null;
  max: number | null;
  n: number;
}

export interface RunCosts {
  trainSeconds: number | null;
  gpuHours: number | null;
  peakMemoryBytes: number | null;
  trainableParameters: number | null;
  totalParameters: number | null;
  inferenceLatencyMs?: number | null;
  inferenceThroughput?: number | null;
}

export interface RunStatistics {
  runId: string;
  seed: number;
  quality: number | null;
  intervals: ScoreInterval[];
  costs: RunCosts;
}

export interface MethodStatistics {
  method: string;
  label: string;
  shortLabel: string;
  seeds: number[];
  runIds: string[];
  quality: MetricSummary;
  metrics: MetricSummary[];
  intervals: ScoreInterval[];
  costs: CostSummary[];
  runs: RunStatistics[];
}

export interface ParetoEntry {
  key: string;
  method: string;
  runId: string | null;
  quality: number;
  costs: number[];
  dominatedBy: string | null;
}

export interface SeedMcNemar {
  seed: number;
  pValue: number;
  onlyA: number;
  onlyB: number;
  method: string;
  runIdA: string;
  runIdB: string;
}

export interface PairedComparison {
  methodA: string;
  methodB: string;
  score: string;
  significant: boolean | null;
  verdict: string;
  mcnemar: SeedMcNemar[];
}

export interface ExcludedRun {
  runId: string;
  method: string;
  seed: number;
  reason: string;
}

export interface StudyAnalysisData {
  qualityMetric: string;
  cohortRunIds: string[];
  baseline: { label: number; accuracy: number; balancedAccuracy: number; f1Macro: number; testRows: number } | null;
  comparability: { comparable: boolean; reason: string | null };
  methods: MethodStatistics[];
  comparisons: PairedComparison[];
  excluded: ExcludedRun[];
  pareto: { costAxes: CostAxis[]; qualityMetric: string; runs: ParetoEntry[]; unplaced: string[] };
}
