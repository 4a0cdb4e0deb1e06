/** One problem with one input field; `field` is a dotted path such as `methods[1].hyperparameters.learningRate`. */
export interface FieldIssue {
  field: string;
  message: string;
}

/** The one result shape every validator in this package returns, so callers never branch on two conventions. */
export type Validated<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

export function valid<T>(value: T): Validated<T> {
  return { ok: true, value };
}

export function invalid<T = never>(issues: FieldIssue[]): Validated<T> {
  return { ok: false, issues };
}

/** Joins issues into the single sentence list that ends up in an error message: "field: message; field2: message2". */
export function formatIssues(issues: FieldIssue[]): string {
  return issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
}

/** Joins a field path so that an empty prefix does not leave a leading dot. */
export function fieldPath(prefix: string, name: string): string {
  return prefix === '' ? name : `${prefix}.${name}`;
}

/**
 * Renders a number the way a user would type it: small learning rates read as 2e-5, not 0.00002.
 */
export function formatNumber(value: number): string {
  if (value !== 0 && Number.isFinite(value) && Math.abs(value) < 1e-3) return value.toExponential();
  return String(value);
}

const MAX_SHOWN_STRING = 40;

/** Describes a rejected value for the "(got …)" part of a message, short enough to never flood an error. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') {
    const shown = value.length > MAX_SHOWN_STRING ? `${value.slice(0, MAX_SHOWN_STRING)}…` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
