/** The recommendation panel's inputs as typed (strings), and what `recommendMethod` takes. */
export interface ConstraintFields {
  timeBudgetMinutes: string;
  gpuMemoryGiB: string;
  trainableParameterBudget: string;
  minQuality: string;
  latencyBudgetMs: string;
}

export interface RecommendationConstraints {
  timeBudgetSeconds?: number;
  gpuMemoryBytes?: number;
  trainableParameterBudget?: number;
  minQuality?: number;
  latencyBudgetMs?: number;
}

export const EMPTY_FIELDS: ConstraintFields = { timeBudgetMinutes: '', gpuMemoryGiB: '', trainableParameterBudget: '', minQuality: '', latencyBudgetMs: '' };

/** "2M", "300k", "1.5e6", "2,000,000" -> numbers; null when not a number. */
export function parseAmount(text: string): number | null {
  const cleaned = text.trim().replace(/[,_\s]/g, '');
  if (cleaned === '') return null;
  const match = /^(\d+(?:\.\d+)?(?:e[+-]?\d+)?)([kmb])?$/i.exec(cleaned);
  if (!match) return null;
  const factor = { k: 1e3, m: 1e6, b: 1e9 }[(match[2] ?? '').toLowerCase() as 'k' | 'm' | 'b'] ?? 1;
  const value = Number(match[1]) * factor;
  return Number.isFinite(value) ? value : null;
}

export type ConstraintResult = { constraints: RecommendationConstraints; errors: Partial<Record<keyof ConstraintFields, string>> };

/**
 * Typed inputs to constraints in the API's units (minutes -> seconds, GiB -> bytes). Empty fields are no
 * constraint; a field that is not a positive number (or, for macro-F1, not within 0..1) gets an error that
 * says what to type.
 */
export function toConstraints(fields: ConstraintFields): ConstraintResult {
  const constraints: RecommendationConstraints = {};
  const errors: ConstraintResult['errors'] = {};
  const positive = (name: keyof ConstraintFields, message: string): number | undefined => {
    if (fields[name].trim() === '') return undefined;
    const value = parseAmount(fields[name]);
    if (value === null || value <= 0) {
      errors[name] = message;
      return undefined;
    }
    return value;
  };
  const minutes = positive('timeBudgetMinutes', 'Enter minutes, e.g. 30.');
  if (minutes !== undefined) constraints.timeBudgetSeconds = minutes * 60;
  const gib = positive('gpuMemoryGiB', 'Enter GiB, e.g. 16.');
  if (gib !== undefined) constraints.gpuMemoryBytes = Math.round(gib * 1024 ** 3);
  const params = positive('trainableParameterBudget', 'Enter a count, e.g. 2M or 500000.');
  if (params !== undefined) constraints.trainableParameterBudget = params;
  const latency = positive('latencyBudgetMs', 'Enter milliseconds, e.g. 50.');
  if (latency !== undefined) constraints.latencyBudgetMs = latency;
  if (fields.minQuality.trim() !== '') {
    const value = Number(fields.minQuality.trim());
    if (!Number.isFinite(value) || value < 0 || value > 1) errors.minQuality = 'Enter a score from 0 to 1, e.g. 0.85.';
    else constraints.minQuality = value;
  }
  return { constraints, errors };
}
