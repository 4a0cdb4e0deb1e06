import { confusionMatrix } from '@tunelab/core';
import type { RunPredictions } from './run-predictions.entity';
import type { RunPredictionsSummary } from './run-predictions.type';

export function summarizePredictions(stored: RunPredictions): RunPredictionsSummary {
  return { split: stored.split, count: stored.count, examplesKey: stored.examplesKey, confusionMatrix: confusionMatrix(stored.labels, stored.predictions), createdAt: stored.createdAt };
}
