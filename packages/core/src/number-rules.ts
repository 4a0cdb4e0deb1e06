/** A numeric constraint stated once, so the check and the wording of its message cannot drift apart. */
export interface NumberRule {
  integer?: boolean;
  min?: number;
  minExclusive?: boolean;
  max?: number;
  maxExclusive?: boolean;
}

export function satisfiesNumberRule(value: unknown, rule: NumberRule): value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  if (rule.integer && !Number.isInteger(value)) return false;
  if (rule.min !== undefined && (rule.minExclusive ? value <= rule.min : value < rule.min)) return false;
  if (rule.max !== undefined && (rule.maxExclusive ? value >= rule.max : value > rule.max)) return false;
  return true;
}

/** Words for the rule, to follow "must be": "an integer from 1 to 4096", "a number greater than 0 and at most 1". */
export function describeNumberRule(rule: NumberRule): string {
  const kind = rule.integer ? 'an integer' : 'a number';
  const { min, max } = rule;
  if (min !== undefined && max !== undefined && !rule.minExclusive && !rule.maxExclusive) {
    return `${kind} from ${min} to ${max}`;
  }
  const parts: string[] = [];
  if (min !== undefined) parts.push(rule.minExclusive ? `greater than ${min}` : `at least ${min}`);
  if (max !== undefined) parts.push(rule.maxExclusive ? `less than ${max}` : `at most ${max}`);
  return parts.length === 0 ? kind : `${kind} ${parts.join(' and ')}`;
}
