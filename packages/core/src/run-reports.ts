import { metricKeyProblem } from './metric-keys';
import { describeValue, type FieldIssue, invalid, valid, type Validated } from './validation';

/** What a worker reports about a run; the API refuses a report that would store nonsense. */
export interface RunCompletion {
  finalMetrics: Record<string, number>;
  trainSeconds: number;
  evalSeconds?: number | null;
  peakMemoryBytes?: number | null;
  trainableParameters?: number | null;
  totalParameters?: number | null;
}

export interface RunCompletionInput {
  finalMetrics: Record<string, unknown>;
  trainSeconds: number;
  evalSeconds?: number | null;
  peakMemoryBytes?: number | null;
  trainableParameters?: number | null;
  totalParameters?: number | null;
}

const MAX_FINAL_METRICS = 200;

function nonNegativeProblem(value: number | null | undefined, field: string, fix: string): FieldIssue[] {
  if (value === null || value === undefined) return [];
  if (!Number.isFinite(value) || value < 0) return [{ field, message: `must be a finite number of at least 0 (got ${describeValue(value)}); ${fix}` }];
  return [];
}

export function parameterCountProblems(trainable: number | null | undefined, total: number | null | undefined, prefix: string): FieldIssue[] {
  const issues = [
    ...nonNegativeProblem(trainable, `${prefix}trainableParameters`, 'report the count of parameters with requires_grad'),
    ...nonNegativeProblem(total, `${prefix}totalParameters`, 'report the count of all model parameters'),
  ];
  if (!issues.length && trainable != null && total != null && trainable > total) {
    issues.push({ field: `${prefix}trainableParameters`, message: `cannot exceed totalParameters (${trainable} > ${total}); count each parameter once` });
  }
  return issues;
}

export function validateRunCompletion(input: RunCompletionInput, prefix = 'input.'): Validated<RunCompletion> {
  const issues: FieldIssue[] = [];
  const finalMetrics: Record<string, number> = {};
  const entries = Object.entries(input.finalMetrics ?? {});
  if (entries.length > MAX_FINAL_METRICS) issues.push({ field: `${prefix}finalMetrics`, message: `at most ${MAX_FINAL_METRICS} metrics (got ${entries.length}); keep the final ones` });
  for (const [key, value] of entries) {
    const keyProblem = metricKeyProblem(key);
    if (keyProblem) issues.push({ field: `${prefix}finalMetrics.${key}`, message: keyProblem });
    else if (typeof value !== 'number' || !Number.isFinite(value)) issues.push({ field: `${prefix}finalMetrics.${key}`, message: `must be a finite number (got ${describeValue(value)}); report NaN losses with failRun code NAN_LOSS` });
    else finalMetrics[key] = value;
  }
  issues.push(
    ...nonNegativeProblem(input.trainSeconds, `${prefix}trainSeconds`, 'report the wall-clock seconds of training'),
    ...nonNegativeProblem(input.evalSeconds, `${prefix}evalSeconds`, 'report the wall-clock seconds of evaluation'),
    ...nonNegativeProblem(input.peakMemoryBytes, `${prefix}peakMemoryBytes`, 'report the peak memory in bytes'),
    ...parameterCountProblems(input.trainableParameters, input.totalParameters, prefix),
  );
  if (issues.length) return invalid(issues);
  return valid({ ...input, finalMetrics });
}

const ERROR_CODE = /^[A-Z][A-Z0-9_]{1,63}$/;

export function validateRunFailure(input: { code: string; message: string }, prefix = 'input.'): Validated<{ code: string; message: string }> {
  const issues: FieldIssue[] = [];
  if (!ERROR_CODE.test(input.code)) issues.push({ field: `${prefix}code`, message: `must be an upper-case code such as OOM or NAN_LOSS (got ${describeValue(input.code)})` });
  const message = input.message.trim();
  if (!message) issues.push({ field: `${prefix}message`, message: 'must say what went wrong; it is shown to the user' });
  if (issues.length) return invalid(issues);
  return valid({ code: input.code, message: message.slice(0, 10_000) });
}
