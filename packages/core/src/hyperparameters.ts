import { type Method, usesLora, usesMamba } from './methods';
import { describeNumberRule, type NumberRule, satisfiesNumberRule } from './number-rules';
import { describeValue, type FieldIssue, fieldPath, formatNumber, invalid, valid, type Validated } from './validation';

export type Pooling = 'last-token' | 'mean';

export const POOLINGS: readonly Pooling[] = ['last-token', 'mean'];

export interface Hyperparameters {
  learningRate: number;
  batchSize: number;
  epochs: number;
  weightDecay: number;
  warmupRatio: number;
  gradientAccumulationSteps: number;
  /** LoRA fields exist only for lora and mamba-lora. */
  loraR?: number;
  loraAlpha?: number;
  loraDropout?: number;
  loraTargetModules?: string[];
  /** Only Mamba backbones need a pooling choice; BERT classifies from [CLS]. */
  pooling?: Pooling;
}

export type HyperparameterKey = keyof Hyperparameters;

export type HyperparametersInput = Partial<Record<HyperparameterKey, unknown>>;

type NumericKey = Exclude<HyperparameterKey, 'loraTargetModules' | 'pooling'>;

/** The order here is the order of keys in every resolved object, so stored JSON is stable. */
export const HYPERPARAMETER_KEYS: readonly HyperparameterKey[] = [
  'learningRate',
  'batchSize',
  'epochs',
  'weightDecay',
  'warmupRatio',
  'gradientAccumulationSteps',
  'loraR',
  'loraAlpha',
  'loraDropout',
  'loraTargetModules',
  'pooling',
];

const LORA_KEYS: ReadonlySet<HyperparameterKey> = new Set(['loraR', 'loraAlpha', 'loraDropout', 'loraTargetModules']);

const NUMBER_RULES: Record<NumericKey, NumberRule> = {
  learningRate: { min: 0, minExclusive: true, max: 1 },
  batchSize: { integer: true, min: 1, max: 4096 },
  epochs: { integer: true, min: 1, max: 1000 },
  weightDecay: { min: 0, max: 1 },
  warmupRatio: { min: 0, max: 1, maxExclusive: true },
  gradientAccumulationSteps: { integer: true, min: 1, max: 1024 },
  loraR: { integer: true, min: 1, max: 1024 },
  loraAlpha: { min: 0, minExclusive: true },
  loraDropout: { min: 0, max: 1, maxExclusive: true },
};

export function defaultHyperparameters(method: Method): Hyperparameters {
  const common = { batchSize: 16, epochs: 3, weightDecay: 0.01, warmupRatio: 0.1, gradientAccumulationSteps: 1 };
  switch (method) {
    case 'full':
      return { learningRate: 2e-5, ...common };
    case 'lora':
      return {
        learningRate: 2e-4,
        ...common,
        loraR: 8,
        loraAlpha: 16,
        loraDropout: 0.1,
        loraTargetModules: ['query', 'value'],
      };
    case 'mamba':
      return { learningRate: 1e-4, ...common, pooling: 'last-token' };
    case 'head-only':
      return { learningRate: 1e-3, ...common };
    case 'mamba-lora':
      return {
        learningRate: 2e-4,
        ...common,
        loraR: 8,
        loraAlpha: 16,
        loraDropout: 0.05,
        loraTargetModules: ['in_proj'],
        pooling: 'last-token',
      };
  }
}

function applies(method: Method, key: HyperparameterKey): boolean {
  if (LORA_KEYS.has(key)) return usesLora(method);
  if (key === 'pooling') return usesMamba(method);
  return true;
}

function notApplicableMessage(key: HyperparameterKey): string {
  const owners = key === 'pooling' ? 'mamba and mamba-lora' : 'lora and mamba-lora';
  return `${key} applies only to ${owners}; remove it`;
}

function resolveTargetModules(raw: unknown, example: string[], field: string, issues: FieldIssue[]): string[] | undefined {
  const hint = `use e.g. ${JSON.stringify(example)}`;
  if (!Array.isArray(raw) || raw.length === 0) {
    issues.push({ field, message: `loraTargetModules must be a non-empty list of module names (got ${describeValue(raw)}); ${hint}` });
    return undefined;
  }
  const modules: string[] = [];
  let ok = true;
  raw.forEach((entry: unknown, index) => {
    const name = typeof entry === 'string' ? entry.trim() : '';
    if (name === '') {
      ok = false;
      issues.push({
        field: `${field}[${index}]`,
        message: `loraTargetModules[${index}] must be a non-empty module name (got ${describeValue(entry)}); ${hint}`,
      });
    } else {
      modules.push(name);
    }
  });
  return ok ? modules : undefined;
}

/**
 * Merges user input over the method's defaults and checks every rule, reporting all problems at once
 * so a user fixes a form in one round trip. The result holds only the fields the method uses.
 */
export function resolveHyperparameters(
  method: Method,
  input: HyperparametersInput | null | undefined,
  fieldPrefix: string,
): Validated<Hyperparameters> {
  const defaults = defaultHyperparameters(method);
  const issues: FieldIssue[] = [];
  if (input !== null && input !== undefined && (typeof input !== 'object' || Array.isArray(input))) {
    const field = fieldPrefix === '' ? 'hyperparameters' : fieldPrefix;
    return invalid([{ field, message: `${field} must be an object of hyperparameters (got ${describeValue(input)})` }]);
  }
  const source: Record<string, unknown> = input ?? {};

  // A misspelt key (e.g. learning_rate) would otherwise be dropped silently and the default trained instead.
  for (const key of Object.keys(source)) {
    if (source[key] === null || source[key] === undefined) continue;
    if (!(HYPERPARAMETER_KEYS as readonly string[]).includes(key)) {
      issues.push({
        field: fieldPath(fieldPrefix, key),
        message: `${key} is not a hyperparameter; use one of ${HYPERPARAMETER_KEYS.join(', ')}`,
      });
    }
  }

  const resolved: Record<string, unknown> = {};
  for (const key of HYPERPARAMETER_KEYS) {
    const raw = Object.prototype.hasOwnProperty.call(source, key) ? source[key] : undefined;
    const field = fieldPath(fieldPrefix, key);
    if (!applies(method, key)) {
      if (raw !== null && raw !== undefined) issues.push({ field, message: notApplicableMessage(key) });
      continue;
    }
    const fallback = defaults[key];
    if (raw === null || raw === undefined) {
      resolved[key] = Array.isArray(fallback) ? [...fallback] : fallback;
      continue;
    }
    if (key === 'loraTargetModules') {
      resolved[key] = resolveTargetModules(raw, fallback as string[], field, issues);
    } else if (key === 'pooling') {
      if (typeof raw === 'string' && (POOLINGS as readonly string[]).includes(raw)) {
        resolved[key] = raw;
      } else {
        issues.push({
          field,
          message: `pooling must be one of ${POOLINGS.map((p) => `"${p}"`).join(', ')} (got ${describeValue(raw)}); use e.g. "${String(fallback)}"`,
        });
      }
    } else {
      const rule = NUMBER_RULES[key];
      if (satisfiesNumberRule(raw, rule)) {
        resolved[key] = raw;
      } else {
        issues.push({
          field,
          message: `${key} must be ${describeNumberRule(rule)} (got ${describeValue(raw)}); use e.g. ${formatNumber(fallback as number)}`,
        });
      }
    }
  }

  if (issues.length > 0) return invalid(issues);
  return valid(resolved as unknown as Hyperparameters);
}
