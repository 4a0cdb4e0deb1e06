import { labelRuleProblem } from '../label-rule';

/**
 * Label rules applied to one row. The rule strings are validated by labelRuleProblem (label-rule.ts);
 * this turns a valid one into a function from the raw label value to 0/1 or a reason to drop the row.
 */
export type LabelRule =
  | { kind: 'grade3' }
  | { kind: 'grade10'; threshold: number }
  | { kind: 'custom'; mapping: ReadonlyMap<string, 0 | 1> };

export type Label = 0 | 1;

/** Every label rule maps to 0 = negative, 1 = positive. */
export const LABEL_NAMES: Readonly<Record<number, string>> = { 0: 'negative', 1: 'positive' };

export function labelName(label: number): string {
  return LABEL_NAMES[label] ?? `label ${label}`;
}

/** Why the label rule dropped a row. */
export type LabelDropReason = 'neutral' | 'missingOrInvalidGrade' | 'unmappedLabel';

export type LabelOutcome = { label: Label } | { drop: LabelDropReason };

/** Grades outside this range (Kinopoisk writes 0 for "no grade") are not grades. */
export const GRADE10_RANGE = { min: 1, max: 10 } as const;

export function parseLabelRule(rule: string): LabelRule {
  const problem = labelRuleProblem(rule);
  if (problem !== null) throw new Error(problem);
  if (rule === 'grade3') return { kind: 'grade3' };
  if (rule.startsWith('grade10>=')) return { kind: 'grade10', threshold: Number(rule.slice('grade10>='.length)) };
  const mapping = JSON.parse(rule.slice('custom:'.length)) as Record<string, Label>;
  return { kind: 'custom', mapping: new Map(Object.entries(mapping).map(([raw, label]) => [raw.trim(), label])) };
}

/** grade10 as a number: 10, "10.0", " 7 " → the number; "", null, missing or not a number → null. */
export function parseGrade10(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (trimmed === '' || !/^-?\d+(?:[.,]\d+)?$/.test(trimmed)) return null;
  return Number(trimmed.replace(',', '.'));
}

/** A grade10 value that counts: 1..10. */
export function validGrade10(value: unknown): number | null {
  const grade = parseGrade10(value);
  return grade !== null && grade >= GRADE10_RANGE.min && grade <= GRADE10_RANGE.max ? grade : null;
}

export type Grade3 = 'good' | 'bad' | 'neutral';

/** Kinopoisk's grade3, case-insensitively: "Good", "Bad", "Neutral"; anything else → null. */
export function parseGrade3(value: unknown): Grade3 | null {
  if (typeof value !== 'string') return null;
  const normalized = value.trim().toLowerCase();
  return normalized === 'good' || normalized === 'bad' || normalized === 'neutral' ? normalized : null;
}

/** A raw label as a mapping key: strings trimmed, numbers and booleans as written ("1", "true"); else null. */
export function rawLabelKey(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return null;
}

export function applyLabelRule(rule: LabelRule, value: unknown): LabelOutcome {
  switch (rule.kind) {
    case 'grade3': {
      const grade = parseGrade3(value);
      if (grade === null) return { drop: 'missingOrInvalidGrade' };
      if (grade === 'neutral') return { drop: 'neutral' };
      return { label: grade === 'good' ? 1 : 0 };
    }
    case 'grade10': {
      const grade = validGrade10(value);
      if (grade === null) return { drop: 'missingOrInvalidGrade' };
      return { label: grade >= rule.threshold ? 1 : 0 };
    }
    case 'custom': {
      const key = rawLabelKey(value);
      if (key === null) return { drop: 'missingOrInvalidGrade' };
      const label = rule.mapping.get(key);
      return label === undefined ? { drop: 'unmappedLabel' } : { label };
    }
  }
}

/** The column a rule reads when the source is in Kinopoisk's layout and no label column is given. */
export function defaultKinopoiskLabelColumn(rule: LabelRule): string {
  return rule.kind === 'grade10' ? 'grade10' : 'grade3';
}
