/**
 * Label rules turn a source's raw labels into the binary 0/1 target the engine trains on:
 * `grade3` (the source's own 3-way grade), `grade10>=N` (a 1..10 score, positive from N up) and
 * `custom:{"pos":1,"neg":0}` (an explicit mapping).
 */
import { describeValue } from './validation';

export const DEFAULT_LABEL_RULE = 'grade3';

/** The dataset's label_rule column holds this many characters; a longer custom mapping could not be stored. */
export const LABEL_RULE_MAX_LENGTH = 500;

const GRADE10_PREFIX = 'grade10>=';
const CUSTOM_PREFIX = 'custom:';
const PLAIN_NUMBER = /^\d+(\.\d+)?$/;

const EXAMPLES = `use 'grade3', 'grade10>=7' or 'custom:{"pos":1,"neg":0}'`;

/** Null when `rule` is a valid label rule; `field` names it in the message. */
export function labelRuleProblem(rule: string, field = 'labelRule'): string | null {
  if (rule === 'grade3') return null;
  const length = Array.from(rule).length;
  if (length > LABEL_RULE_MAX_LENGTH) {
    return `${field} must be at most ${LABEL_RULE_MAX_LENGTH} characters (got ${length}); map fewer raw labels, or normalise them in the source first`;
  }
  if (rule.startsWith(GRADE10_PREFIX)) {
    const threshold = rule.slice(GRADE10_PREFIX.length);
    const value = Number(threshold);
    if (!PLAIN_NUMBER.test(threshold) || value < 1 || value > 10) {
      return `${field} threshold in 'grade10>=N' must be a number from 1 to 10 (got ${describeValue(threshold)}); use e.g. 'grade10>=7'`;
    }
    return null;
  }
  if (rule.startsWith(CUSTOM_PREFIX)) return customMappingProblem(rule.slice(CUSTOM_PREFIX.length), field);
  return `${field} must be one of grade3, grade10>=N or custom:<json> (got ${describeValue(rule)}); ${EXAMPLES}`;
}

function customMappingProblem(json: string, field: string): string | null {
  const hint = `write it like 'custom:{"pos":1,"neg":0}'`;
  let mapping: unknown;
  try {
    mapping = JSON.parse(json);
  } catch {
    return `${field} after 'custom:' must be valid JSON; ${hint}`;
  }
  if (mapping === null || typeof mapping !== 'object' || Array.isArray(mapping)) {
    return `${field} after 'custom:' must be a JSON object mapping raw labels to 0 or 1; ${hint}`;
  }
  const entries = Object.entries(mapping);
  if (entries.length === 0) return `${field} mapping must name at least one raw label; ${hint}`;
  const bad = entries.find(([, target]) => target !== 0 && target !== 1);
  if (bad !== undefined) {
    return `${field} maps ${describeValue(bad[0])} to ${describeValue(bad[1])}, but every label must map to 0 or 1; ${hint}`;
  }
  return null;
}
