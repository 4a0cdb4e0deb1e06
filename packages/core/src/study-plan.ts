import { type Hyperparameters, type HyperparametersInput, resolveHyperparameters } from './hyperparameters';
import { metricKeyProblem } from './metric-keys';
import { isMethod, type Method, METHODS } from './methods';
import { nameProblem } from './names';
import { describeNumberRule, type NumberRule, satisfiesNumberRule } from './number-rules';
import { DEFAULT_SEED, SEED_RULE } from './seeds';
import { describeValue, type FieldIssue, invalid, valid, type Validated } from './validation';

export interface StudyMethodRequest {
  method: string;
  baseModel: string;
  hyperparameters?: HyperparametersInput | null;
}

export interface StudyPlanInput {
  name: string;
  description?: string | null;
  maxSeqLength?: number | null;
  metrics?: string[] | null;
  primaryMetric?: string | null;
  seeds?: number[] | null;
  methods: StudyMethodRequest[];
}

export interface PlannedRun {
  method: Method;
  baseModel: string;
  hyperparameters: Hyperparameters;
  seed: number;
}

export interface StudyPlan {
  name: string;
  description: string | null;
  maxSeqLength: number;
  metrics: string[];
  primaryMetric: string;
  seeds: number[];
  runs: PlannedRun[];
}

export const DEFAULT_STUDY_METRICS = ['eval/f1_macro', 'eval/accuracy'];
export const DEFAULT_PRIMARY_METRIC = 'eval/f1_macro';
export const DEFAULT_MAX_SEQ_LENGTH = 256;
export const MAX_STUDY_SEEDS = 20;
export const MAX_STUDY_METHODS = 20;
export const BASE_MODEL_MAX_LENGTH = 500;

const MAX_SEQ_LENGTH_RULE: NumberRule = { integer: true, min: 8, max: 8192 };

function planMetrics(input: StudyPlanInput, issues: FieldIssue[]): { metrics: string[]; primaryMetric: string } {
  const given = input.metrics ?? DEFAULT_STUDY_METRICS;
  const metrics: string[] = [];
  if (!Array.isArray(given)) {
    issues.push({ field: 'metrics', message: `metrics must be a list of metric keys (got ${describeValue(given)}); omit it to use ${DEFAULT_STUDY_METRICS.join(', ')}` });
  } else {
    given.forEach((key: unknown, index) => {
      const problem = metricKeyProblem(key as string, `metrics[${index}]`);
      if (problem !== null) issues.push({ field: `metrics[${index}]`, message: problem });
      else if (!metrics.includes(key as string)) metrics.push(key as string);
    });
  }
  const primaryMetric = input.primaryMetric ?? DEFAULT_PRIMARY_METRIC;
  const problem = metricKeyProblem(primaryMetric, 'primaryMetric');
  if (problem !== null) issues.push({ field: 'primaryMetric', message: problem });
  else if (!metrics.includes(primaryMetric)) metrics.push(primaryMetric);
  return { metrics, primaryMetric };
}

function planSeeds(given: number[] | null | undefined, issues: FieldIssue[]): number[] {
  if (given === null || given === undefined) return [DEFAULT_SEED];
  if (!Array.isArray(given) || given.length < 1 || given.length > MAX_STUDY_SEEDS) {
    const got = Array.isArray(given) ? `${given.length}` : describeValue(given);
    issues.push({
      field: 'seeds',
      message: `seeds must list 1 to ${MAX_STUDY_SEEDS} seeds (got ${got}); omit it to use [${DEFAULT_SEED}]`,
    });
    if (!Array.isArray(given)) return [];
  }
  const firstIndex = new Map<number, number>();
  given.forEach((seed: unknown, index) => {
    const field = `seeds[${index}]`;
    if (!satisfiesNumberRule(seed, SEED_RULE)) {
      issues.push({ field, message: `${field} must be ${describeNumberRule(SEED_RULE)} (got ${describeValue(seed)}); use e.g. ${DEFAULT_SEED}` });
      return;
    }
    const earlier = firstIndex.get(seed);
    if (earlier !== undefined) {
      issues.push({ field, message: `${field} repeats seed ${seed} from seeds[${earlier}]; seeds must be distinct, so remove or change it` });
      return;
    }
    firstIndex.set(seed, index);
  });
  return [...firstIndex.keys()];
}

function baseModelProblemOf(value: unknown, field: string): string | null {
  const hint = "give a Hugging Face model id such as 'bert-base-uncased' or a local path";
  if (typeof value !== 'string' || value.trim() === '') return `${field} must not be empty (got ${describeValue(value)}); ${hint}`;
  const length = value.trim().length;
  if (length > BASE_MODEL_MAX_LENGTH) {
    return `${field} must be at most ${BASE_MODEL_MAX_LENGTH} characters (got ${length}); ${hint}`;
  }
  return null;
}

function planMethod(request: StudyMethodRequest, index: number, issues: FieldIssue[]): Omit<PlannedRun, 'seed'> | null {
  const prefix = `methods[${index}]`;
  if (request === null || typeof request !== 'object') {
    issues.push({ field: prefix, message: `${prefix} must be an object with method and baseModel (got ${describeValue(request)})` });
    return null;
  }
  let ok = true;
  const { method } = request;
  if (typeof method !== 'string' || !isMethod(method)) {
    ok = false;
    issues.push({
      field: `${prefix}.method`,
      message: `${prefix}.method must be one of ${METHODS.join(', ')} (got ${describeValue(method)})`,
    });
  }
  const baseModelProblem = baseModelProblemOf(request.baseModel, `${prefix}.baseModel`);
  if (baseModelProblem !== null) {
    ok = false;
    issues.push({ field: `${prefix}.baseModel`, message: baseModelProblem });
  }
  // Hyperparameter rules depend on the method, so they can only be checked once the method is known.
  if (typeof method !== 'string' || !isMethod(method)) return null;
  const resolved = resolveHyperparameters(method, request.hyperparameters, `${prefix}.hyperparameters`);
  if (!resolved.ok) {
    issues.push(...resolved.issues);
    return null;
  }
  return ok ? { method, baseModel: request.baseModel.trim(), hyperparameters: resolved.value } : null;
}

/**
 * Validates a study request and expands it into one run per method and seed, method-major, so runs of
 * the same method sit together in queues and tables. Every problem is reported in one pass.
 */
export function planStudy(input: StudyPlanInput): Validated<StudyPlan> {
  const issues: FieldIssue[] = [];

  const nameIssue = nameProblem(input.name, 'name');
  if (nameIssue !== null) issues.push({ field: 'name', message: nameIssue });

  let description: string | null = null;
  if (input.description !== null && input.description !== undefined) {
    if (typeof input.description !== 'string') {
      issues.push({ field: 'description', message: `description must be text or null (got ${describeValue(input.description)})` });
    } else {
      description = input.description.trim() === '' ? null : input.description.trim();
    }
  }

  const maxSeqLength = input.maxSeqLength ?? DEFAULT_MAX_SEQ_LENGTH;
  if (!satisfiesNumberRule(maxSeqLength, MAX_SEQ_LENGTH_RULE)) {
    issues.push({
      field: 'maxSeqLength',
      message: `maxSeqLength must be ${describeNumberRule(MAX_SEQ_LENGTH_RULE)} tokens (got ${describeValue(maxSeqLength)}); use e.g. ${DEFAULT_MAX_SEQ_LENGTH}`,
    });
  }

  const { metrics, primaryMetric } = planMetrics(input, issues);
  const seeds = planSeeds(input.seeds, issues);

  const planned: Omit<PlannedRun, 'seed'>[] = [];
  if (!Array.isArray(input.methods) || input.methods.length < 1 || input.methods.length > MAX_STUDY_METHODS) {
    const got = Array.isArray(input.methods) ? `${input.methods.length}` : describeValue(input.methods);
    issues.push({
      field: 'methods',
      message: `methods must list 1 to ${MAX_STUDY_METHODS} methods (got ${got}); add e.g. { method: "lora", baseModel: "bert-base-uncased" }`,
    });
  }
  if (Array.isArray(input.methods)) {
    input.methods.forEach((request, index) => {
      const method = planMethod(request, index, issues);
      if (method !== null) planned.push(method);
    });
  }

  if (issues.length > 0) return invalid(issues);

  const runs: PlannedRun[] = [];
  for (const method of planned) {
    for (const seed of seeds) {
      runs.push({ ...method, hyperparameters: structuredClone(method.hyperparameters), seed });
    }
  }
  return valid({ name: input.name.trim(), description, maxSeqLength, metrics, primaryMetric, seeds, runs });
}
