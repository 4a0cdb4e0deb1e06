import type { ValueUnit } from '@/components/charts/value-format';
import type { CostAxis, RunCosts } from './analysis-types';

/** A cost the trade-off chart can put on its x axis. */
export interface CostChoice {
  /** In the URL: `?cost=trainable-params`. */
  param: string;
  axis: CostAxis;
  field: keyof RunCosts;
  label: string;
  unit: ValueUnit;
  log: boolean;
}

export const COST_CHOICES: readonly CostChoice[] = [
  { param: 'train-time', axis: 'TRAIN_SECONDS', field: 'trainSeconds', label: 'Train time', unit: 'seconds', log: false },
  { param: 'trainable-params', axis: 'TRAINABLE_PARAMETERS', field: 'trainableParameters', label: 'Trainable parameters (log)', unit: 'plain', log: true },
  { param: 'peak-memory', axis: 'PEAK_MEMORY_BYTES', field: 'peakMemoryBytes', label: 'Peak memory', unit: 'bytes', log: false },
  { param: 'gpu-hours', axis: 'GPU_HOURS', field: 'gpuHours', label: 'GPU-hours', unit: 'plain', log: false },
  { param: 'inference-latency', axis: 'INFERENCE_LATENCY_MS', field: 'inferenceLatencyMs', label: 'Inference latency (p50, batch 1)', unit: 'milliseconds', log: false },
];

export const DEFAULT_QUALITY = 'eval/f1_macro';

export interface AnalysisViewState {
  cost: CostChoice;
  qualityMetric: string;
}

/**
 * The trade-off chart's choices from the URL (`?cost=&quality=`); unknown values fall back to train time and
 * the study's primary metric (or macro-F1) so a stale link still opens.
 */
export function parseAnalysisView(params: { get(name: string): string | null }, qualityChoices: readonly string[], fallbackQuality: string): AnalysisViewState {
  const cost = COST_CHOICES.find((choice) => choice.param === params.get('cost')) ?? COST_CHOICES[0];
  const raw = params.get('quality');
  const qualityMetric = raw && qualityChoices.includes(raw) ? raw : fallbackQuality;
  return { cost, qualityMetric };
}

/** The URL search string after a change of the chart's choices; defaults are left out of the URL. */
export function analysisViewSearch(current: string, patch: { cost?: string; quality?: string }, fallbackQuality: string): string {
  const next = new URLSearchParams(current);
  if (patch.cost !== undefined) {
    if (patch.cost === COST_CHOICES[0].param) next.delete('cost');
    else next.set('cost', patch.cost);
  }
  if (patch.quality !== undefined) {
    if (patch.quality === fallbackQuality) next.delete('quality');
    else next.set('quality', patch.quality);
  }
  return next.toString();
}

/** Higher-is-better final metrics a user may rank quality by: the study's metrics without losses. */
export function qualityChoices(studyMetrics: readonly string[]): string[] {
  const keys = studyMetrics.filter((key) => !/loss|seconds|latency|_bytes|perplexity/.test(key));
  return keys.includes(DEFAULT_QUALITY) ? keys : [DEFAULT_QUALITY, ...keys];
}
