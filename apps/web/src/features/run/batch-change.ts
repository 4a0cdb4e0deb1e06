import { EMPTY } from '@/lib/format';

export interface BatchShape {
  batchSize: number;
  gradientAccumulationSteps: number;
}

/** "8 × 2" (micro-batch × accumulation steps); just "8" without accumulation. */
export function formatBatch(batchSize: number, gradientAccumulationSteps: number): string {
  return gradientAccumulationSteps > 1 ? `${batchSize} × ${gradientAccumulationSteps}` : String(batchSize);
}

/** The batch a retry switched to, or what it left alone: "8 × 2", "8", "accumulation 4", "—". */
export function formatRetryBatch(batchSize: number | null, gradientAccumulationSteps: number | null): string {
  if (batchSize != null && gradientAccumulationSteps != null) return `${batchSize} × ${gradientAccumulationSteps}`;
  if (batchSize != null) return String(batchSize);
  if (gradientAccumulationSteps != null) return `accumulation ${gradientAccumulationSteps}`;
  return EMPTY;
}

export interface BatchChange {
  /** "16 → 8 × 2 accumulation" */
  summary: string;
  /** "Same effective batch: 16." or "Effective batch 16 → 12." */
  effect: string;
}

/**
 * How the batch the run trains with differs from the one it asked for, or null
 * when it does not (no change, or no effective hyperparameters yet).
 */
export function describeBatchChange(requested: BatchShape, effective: BatchShape | null | undefined): BatchChange | null {
  if (!effective) return null;
  if (effective.batchSize === requested.batchSize && effective.gradientAccumulationSteps === requested.gradientAccumulationSteps) return null;
  const before = formatBatch(requested.batchSize, requested.gradientAccumulationSteps);
  const after = `${effective.batchSize} × ${effective.gradientAccumulationSteps} accumulation`;
  const total = (shape: BatchShape) => shape.batchSize * shape.gradientAccumulationSteps;
  const effect = total(requested) === total(effective) ? `Same effective batch: ${total(effective)}.` : `Effective batch ${total(requested)} → ${total(effective)}.`;
  return { summary: `${before} → ${after}`, effect };
}

const RETRY_CODES: Record<string, string> = {
  OOM: 'Out of memory',
  ENGINE_CRASHED: 'Engine crashed',
  MEMORY_PREFLIGHT: 'Batch too big for memory',
};

/** A short explanation of a retry code; null for codes without one (the code speaks for itself). */
export function describeRetryCode(code: string): string | null {
  return RETRY_CODES[code] ?? null;
}
