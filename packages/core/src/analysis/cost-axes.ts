/**
 * The cost side of a trade-off, as typed fields rather than free metric keys, so plots, Pareto fronts and
 * recommendations agree on what each axis means. Every axis is lower-is-better; inference throughput (higher
 * is better) is kept beside them but is not an axis.
 */
export const COST_AXES = ['trainSeconds', 'gpuHours', 'energyJoules', 'peakMemoryBytes', 'trainableParameters', 'totalParameters', 'inferenceLatencyMs'] as const;

export type CostAxis = (typeof COST_AXES)[number];

export interface RunCosts {
  trainSeconds: number | null;
  /** Train seconds × GPUs used / 3600; 0 for a run on CPU. */
  gpuHours: number | null;
  /** GPU energy integrated from the power readings; null when the GPU reports no power (or on CPU). */
  energyJoules: number | null;
  peakMemoryBytes: number | null;
  trainableParameters: number | null;
  totalParameters: number | null;
  /** Batch-1 latency, p50, once measured after training (issue 8). */
  inferenceLatencyMs: number | null;
  /** Texts per second at batch 32, once measured. */
  inferenceThroughput: number | null;
}

export const COST_AXIS_LABELS: Record<CostAxis, string> = {
  trainSeconds: 'train time',
  gpuHours: 'GPU-hours',
  energyJoules: 'GPU energy',
  peakMemoryBytes: 'peak memory',
  trainableParameters: 'trainable parameters',
  totalParameters: 'total parameters',
  inferenceLatencyMs: 'inference latency (p50, batch 1)',
};

export function isCostAxis(value: string): value is CostAxis {
  return (COST_AXES as readonly string[]).includes(value);
}

/** Final-metric keys the trainer stores after measuring inference (issue 8); the cost axes read the first two. */
export const INFERENCE_METRIC_KEYS = {
  latencyP50Ms: 'inference/latency_p50_ms',
  throughput: 'inference/throughput',
  latencyP95Ms: 'inference/latency_p95_ms',
  modelBytes: 'inference/model_bytes',
  agreement: 'inference/onnx_agreement',
} as const;

/** Final-metric key the system sampler's energy total ends as. */
export const ENERGY_METRIC_KEY = 'system/gpu_energy_joules';

export interface RunCostFacts {
  trainSeconds: number | null;
  peakMemoryBytes: number | null;
  trainableParameters: number | null;
  totalParameters: number | null;
  device: string | null;
  /** GPUs the run trained on; 1 for a cuda device unless said otherwise. */
  gpus?: number | null;
  finalMetrics: Record<string, number> | null;
  energyJoules?: number | null;
}

function finite(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The cost fields of a run from what the worker reported; a cost nobody measured stays null, never 0. */
export function runCosts(facts: RunCostFacts): RunCosts {
  const onGpu = facts.device !== null && /^cuda/.test(facts.device);
  const gpus = onGpu ? Math.max(1, facts.gpus ?? 1) : 0;
  const metrics = facts.finalMetrics ?? {};
  return {
    trainSeconds: finite(facts.trainSeconds),
    gpuHours: facts.trainSeconds === null || facts.device === null ? null : (facts.trainSeconds * gpus) / 3600,
    energyJoules: finite(facts.energyJoules) ?? finite(metrics[ENERGY_METRIC_KEY]),
    peakMemoryBytes: finite(facts.peakMemoryBytes),
    trainableParameters: finite(facts.trainableParameters),
    totalParameters: finite(facts.totalParameters),
    inferenceLatencyMs: finite(metrics[INFERENCE_METRIC_KEYS.latencyP50Ms]),
    inferenceThroughput: finite(metrics[INFERENCE_METRIC_KEYS.throughput]),
  };
}
