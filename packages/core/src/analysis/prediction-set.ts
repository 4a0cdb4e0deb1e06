import { createHash } from 'node:crypto';
import { type FieldIssue, invalid, valid, type Validated } from '../validation';

/**
 * A run's stored test predictions: what the statistics of issue 6 rest on. Ids are not stored, only a key
 * over them in order, so two runs' predictions pair up example by example only when they match.
 */
export const MAX_PREDICTIONS = 200_000;
const MAX_CLASS = 999;

export interface PredictionSetInput {
  split: string;
  ids: readonly string[];
  labels: readonly number[];
  predictions: readonly number[];
}

export interface PredictionSet {
  split: string;
  examplesKey: string;
  labels: number[];
  predictions: number[];
}

/** SHA-256 over the example ids in order: equal keys mean the same examples in the same order. */
export function examplesKey(ids: readonly string[]): string {
  const hash = createHash('sha256');
  for (const id of ids) hash.update(id).update('\n');
  return hash.digest('hex');
}

function classIssues(values: readonly number[], field: string): FieldIssue[] {
  const bad = values.findIndex((value) => !Number.isInteger(value) || value < 0 || value > MAX_CLASS);
  return bad === -1 ? [] : [{ field: `${field}[${bad}]`, message: `must be a class index 0…${MAX_CLASS} (got ${values[bad]}); send the label ids the model was trained with` }];
}

export function validatePredictionSet(input: PredictionSetInput, prefix = 'input.'): Validated<PredictionSet> {
  const issues: FieldIssue[] = [];
  if (!/^[a-z][a-z0-9_-]{0,31}$/.test(input.split)) issues.push({ field: `${prefix}split`, message: 'must be a split name such as test' });
  const n = input.ids.length;
  if (n === 0) issues.push({ field: `${prefix}ids`, message: 'must name at least one example' });
  if (n > MAX_PREDICTIONS) issues.push({ field: `${prefix}ids`, message: `at most ${MAX_PREDICTIONS.toLocaleString('en-US')} examples per run (got ${n.toLocaleString('en-US')})` });
  for (const field of ['labels', 'predictions'] as const) {
    if (input[field].length !== n) issues.push({ field: `${prefix}${field}`, message: `must have one entry per id (${n}), got ${input[field].length}` });
    else issues.push(...classIssues(input[field], `${prefix}${field}`));
  }
  const emptyId = input.ids.findIndex((id) => !id);
  if (emptyId !== -1) issues.push({ field: `${prefix}ids[${emptyId}]`, message: 'must be the example id from the split file' });
  if (issues.length) return invalid(issues);
  return valid({ split: input.split, examplesKey: examplesKey(input.ids), labels: [...input.labels], predictions: [...input.predictions] });
}
