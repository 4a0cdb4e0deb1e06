import { describeValue } from './validation';

export const METRIC_KEY_MAX_LENGTH = 128;

const METRIC_KEY_PATTERN = /^[a-z][a-z0-9_]*(\/[a-z0-9_]+)+$/;

/**
 * Null when `key` is a valid `split/name` metric key, otherwise the rule it breaks. `label` names the
 * field in the message (e.g. `primaryMetric`), so callers need not rephrase it.
 */
export function metricKeyProblem(key: string, label = 'metric key'): string | null {
  if (typeof key !== 'string') return `${label} must be text such as 'eval/f1_macro' (got ${typeof key})`;
  if (key.length > METRIC_KEY_MAX_LENGTH) {
    return `${label} must be at most ${METRIC_KEY_MAX_LENGTH} characters (got ${key.length}); shorten it, e.g. 'eval/f1_macro'`;
  }
  if (!METRIC_KEY_PATTERN.test(key)) {
    return (
      `${label} must be split/name in snake case: lowercase letters, digits and underscores, starting with a letter, ` +
      `with "/" between parts (got ${describeValue(key)}); use e.g. 'eval/f1_macro' or 'train/loss'`
    );
  }
  return null;
}

export type MetricDirection = 'maximize' | 'minimize';

/**
 * Words that mark a cost. Matched as substrings of the last segment, so `runtime`, `peak_memory_gb`
 * and `gpu_mem_bytes` all count as costs without listing every spelling.
 */
const COST_WORDS = [
  'loss',
  'seconds',
  'time',
  'latency',
  'bytes',
  'mem',
  'memory',
  'params',
  'parameters',
  'error',
  'perplexity',
  'joules',
  'energy',
] as const;

/** Whether a larger value of the metric is better, guessed from its name. */
export function metricDirection(key: string): MetricDirection {
  const last = key.slice(key.lastIndexOf('/') + 1).toLowerCase();
  return COST_WORDS.some((word) => last.includes(word)) ? 'minimize' : 'maximize';
}
