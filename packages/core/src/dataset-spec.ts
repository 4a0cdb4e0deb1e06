import { DEFAULT_LABEL_RULE, labelRuleProblem } from './label-rule';
import { nameProblem } from './names';
import { describeNumberRule, type NumberRule, satisfiesNumberRule } from './number-rules';
import { DEFAULT_SEED, SEED_RULE } from './seeds';
import { describeValue, type FieldIssue, formatNumber, invalid, valid, type Validated } from './validation';

export interface DatasetSplit {
  seed: number;
  trainFraction: number;
  validationFraction: number;
  testFraction: number;
}

export interface DatasetSpecInput {
  name: string;
  source: string;
  labelRule?: string | null;
  textRule?: string | null;
  split?: Partial<DatasetSplit> | null;
}

export interface DatasetSpec {
  name: string;
  source: string;
  labelRule: string;
  textRule: string | null;
  split: DatasetSplit;
}

export const TEXT_RULES = ['strip-score-mentions'] as const;

export const DEFAULT_SPLIT: Readonly<DatasetSplit> = { seed: DEFAULT_SEED, trainFraction: 0.8, validationFraction: 0, testFraction: 0.2 };

/** Floating-point sums such as 0.7 + 0.1 + 0.2 miss 1 by an ulp; anything closer than this is exact enough. */
export const SPLIT_SUM_TOLERANCE = 1e-9;

const FRACTION_RULE: NumberRule = { min: 0, max: 1 };
const HF_SOURCE = /^hf:\/\/datasets\/[^/\s]+\/[^/\s]+\/\S+$/;
const URL_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const SOURCE_HINT = "use a local path or hf://datasets/<owner>/<name>/<file>, e.g. 'hf://datasets/stanfordnlp/imdb/plain_text/train-00000-of-00001.parquet'";

export function sourceProblem(source: unknown, field = 'source'): string | null {
  if (typeof source !== 'string' || source.trim() === '') return `${field} must not be empty (got ${describeValue(source)}); ${SOURCE_HINT}`;
  const trimmed = source.trim();
  if (trimmed.startsWith('hf://')) {
    return HF_SOURCE.test(trimmed) ? null : `${field} is not a valid Hugging Face source (got ${describeValue(trimmed)}); ${SOURCE_HINT}`;
  }
  // The engine reads only local files and the Hub; any other URL would fail later, on a worker, with a vaguer error.
  if (URL_SCHEME.test(trimmed)) return `${field} uses an unsupported scheme (got ${describeValue(trimmed)}); ${SOURCE_HINT}`;
  return null;
}

function resolveSplit(input: Partial<DatasetSplit> | null | undefined, issues: FieldIssue[]): DatasetSplit {
  if (input !== null && input !== undefined && (typeof input !== 'object' || Array.isArray(input))) {
    issues.push({ field: 'split', message: `split must be an object with seed and fractions (got ${describeValue(input)}); omit it to use 0.8/0/0.2` });
    return { ...DEFAULT_SPLIT };
  }
  const given = input ?? {};
  const split: DatasetSplit = {
    seed: given.seed ?? DEFAULT_SPLIT.seed,
    trainFraction: given.trainFraction ?? DEFAULT_SPLIT.trainFraction,
    validationFraction: given.validationFraction ?? DEFAULT_SPLIT.validationFraction,
    testFraction: given.testFraction ?? DEFAULT_SPLIT.testFraction,
  };
  const before = issues.length;
  if (!satisfiesNumberRule(split.seed, SEED_RULE)) {
    issues.push({ field: 'split.seed', message: `split.seed must be ${describeNumberRule(SEED_RULE)} (got ${describeValue(split.seed)}); use e.g. ${DEFAULT_SEED}` });
  }
  for (const key of ['trainFraction', 'validationFraction', 'testFraction'] as const) {
    const value = split[key];
    const field = `split.${key}`;
    if (!satisfiesNumberRule(value, FRACTION_RULE)) {
      issues.push({ field, message: `${field} must be ${describeNumberRule(FRACTION_RULE)} (got ${describeValue(value)}); use e.g. ${DEFAULT_SPLIT[key]}` });
    } else if (value === 0 && key !== 'validationFraction') {
      // Training needs examples and the leaderboard needs a held-out test set; only validation is optional.
      issues.push({ field, message: `${field} must be greater than 0 (got 0); use e.g. ${DEFAULT_SPLIT[key]}` });
    }
  }
  if (issues.length === before) {
    const sum = split.trainFraction + split.validationFraction + split.testFraction;
    if (Math.abs(sum - 1) > SPLIT_SUM_TOLERANCE) {
      const rest = 1 - split.trainFraction - split.validationFraction;
      const fix = rest > 0 && rest < 1 ? `e.g. set testFraction to ${formatNumber(Number(rest.toFixed(9)))}` : 'adjust them';
      issues.push({
        field: 'split',
        message: `split fractions must sum to 1 (got ${formatNumber(split.trainFraction)} + ${formatNumber(split.validationFraction)} + ${formatNumber(split.testFraction)} = ${formatNumber(Number(sum.toFixed(9)))}); ${fix}`,
      });
    }
  }
  return split;
}

/** Validates a dataset definition and fills its defaults, reporting every problem at once. */
export function validateDatasetSpec(input: DatasetSpecInput): Validated<DatasetSpec> {
  const issues: FieldIssue[] = [];

  const nameIssue = nameProblem(input.name, 'name');
  if (nameIssue !== null) issues.push({ field: 'name', message: nameIssue });

  const sourceIssue = sourceProblem(input.source);
  if (sourceIssue !== null) issues.push({ field: 'source', message: sourceIssue });

  let labelRule = DEFAULT_LABEL_RULE;
  if (input.labelRule !== null && input.labelRule !== undefined) {
    if (typeof input.labelRule !== 'string') {
      issues.push({ field: 'labelRule', message: `labelRule must be text (got ${describeValue(input.labelRule)}); use e.g. '${DEFAULT_LABEL_RULE}'` });
    } else {
      labelRule = input.labelRule.trim();
      const problem = labelRuleProblem(labelRule);
      if (problem !== null) issues.push({ field: 'labelRule', message: problem });
    }
  }

  let textRule: string | null = null;
  if (input.textRule !== null && input.textRule !== undefined) {
    const trimmed = typeof input.textRule === 'string' ? input.textRule.trim() : input.textRule;
    if (typeof trimmed === 'string' && (TEXT_RULES as readonly string[]).includes(trimmed)) {
      textRule = trimmed;
    } else {
      issues.push({
        field: 'textRule',
        message: `textRule must be null or one of ${TEXT_RULES.join(', ')} (got ${describeValue(input.textRule)}); omit it to keep the text as is`,
      });
    }
  }

  const split = resolveSplit(input.split, issues);

  if (issues.length > 0) return invalid(issues);
  return valid({ name: input.name.trim(), source: input.source.trim(), labelRule, textRule, split });
}
