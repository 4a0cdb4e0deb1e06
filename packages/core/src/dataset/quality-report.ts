import { type Label, parseGrade3, validGrade10 } from './labeling';

/**
 * The data-quality report of an import, built incrementally while the source streams past: what was read,
 * what was kept per label, what was dropped and why (with line numbers), how often grade3 and grade10
 * disagree, how many texts state their own score, how long the texts are, and the majority-class baseline.
 */
export const DROP_REASONS = ['malformedLine', 'invalidUtf8', 'emptyText', 'neutral', 'missingOrInvalidGrade', 'unmappedLabel', 'duplicateId', 'duplicateText'] as const;
export type DropReason = (typeof DROP_REASONS)[number];

export const DROP_REASON_DESCRIPTIONS: Record<DropReason, string> = {
  malformedLine: 'the line is not a JSON object (or the record could not be parsed)',
  invalidUtf8: 'the line is not valid UTF-8',
  emptyText: 'the text is empty, whitespace only or missing (after the text rule)',
  neutral: 'a neutral review (grade3 Neutral), dropped by the grade3 rule',
  missingOrInvalidGrade: 'the label is missing or not a grade the rule can use (grade10 0, empty or missing; grade3 not Good/Bad/Neutral)',
  unmappedLabel: 'the raw label is not in the custom mapping',
  duplicateId: 'the id was already seen on an earlier row',
  duplicateText: 'the same text was already kept from an earlier row',
};

/** Short names for messages: "2 malformed, 1 neutral". */
export const DROP_REASON_LABELS: Record<DropReason, string> = {
  malformedLine: 'malformed',
  invalidUtf8: 'not UTF-8',
  emptyText: 'empty text',
  neutral: 'neutral',
  missingOrInvalidGrade: 'missing or invalid grade',
  unmappedLabel: 'unmapped label',
  duplicateId: 'duplicate id',
  duplicateText: 'duplicate text',
};

/** Line numbers listed per drop reason; the count is always exact. */
export const MAX_LINES_PER_REASON = 20;
const MAX_LABEL_VALUES = 10;

/** With the grade3 rule, grade10 is compared at this threshold (the upper half of 1–10). */
export const DEFAULT_AGREEMENT_THRESHOLD = 6;

/** Text length buckets in characters: [from, to). */
export const TEXT_LENGTH_EDGES = [0, 100, 250, 500, 1000, 2000, 4000, 8000] as const;

export interface LabelCount {
  label: Label;
  count: number;
}

export interface DroppedRows {
  reason: DropReason;
  count: number;
  /** The first MAX_LINES_PER_REASON line (or row) numbers. */
  lines: number[];
}

export interface GradeAgreement {
  /** grade10 at or above this counts as positive. */
  threshold: number;
  /** Rows with a Good or Bad grade3 and a grade10 from 1 to 10. */
  compared: number;
  disagreements: number;
  share: number;
  /** grade3 Good, grade10 below the threshold. */
  goodBelowThreshold: number;
  /** grade3 Bad, grade10 at or above the threshold. */
  badAtOrAboveThreshold: number;
  lines: number[];
}

export interface TextLengthStats {
  unit: 'characters';
  min: number;
  max: number;
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  histogram: { from: number; to: number | null; count: number }[];
}

export interface SplitLabelCounts {
  name: string;
  rows: number;
  labels: LabelCount[];
}

export interface QualityReport {
  version: 1;
  /** True when any row came from the synthetic generator: never a real dataset. */
  synthetic: boolean;
  labelRule: string;
  textRule: string | null;
  rowsRead: number;
  rowsKept: number;
  keptPerLabel: LabelCount[];
  rowsDropped: number;
  dropped: DroppedRows[];
  /** Raw labels the rule could not use (top 10 by count), to help write a custom mapping. */
  unusableLabels: { value: string; count: number }[];
  /** Null when the source has no grade3 and grade10 columns. */
  gradeAgreement: GradeAgreement | null;
  /** Kept rows whose original text states its own score («9 из 10»). */
  scoreMentions: { rows: number; share: number; stripped: boolean };
  /** Of the kept texts as the model sees them. */
  textLength: TextLengthStats;
  /** In tokens once a tokenizer is known (a run knows it; the import does not). */
  tokenLength: null;
  /** Always predicting the most frequent label; on the test split when splits are known. */
  majorityClass: { label: Label; accuracy: number; testAccuracy: number | null };
  splits: SplitLabelCounts[];
}

/** How a row's grade3 relates to its grade10. */
export const AGREEMENT = { notCompared: 0, agrees: 1, goodBelow: 2, badAtOrAbove: 3 } as const;
export type GradeAgreementKind = (typeof AGREEMENT)[keyof typeof AGREEMENT];

/** Compared only when grade3 is Good or Bad and grade10 is a grade from 1 to 10. */
export function classifyGrades(grade3: unknown, grade10: unknown, threshold: number): GradeAgreementKind {
  const g3 = parseGrade3(grade3);
  const g10 = validGrade10(grade10);
  if (g10 === null || (g3 !== 'good' && g3 !== 'bad')) return AGREEMENT.notCompared;
  const positive = g10 >= threshold;
  if (g3 === 'good' && !positive) return AGREEMENT.goodBelow;
  if (g3 === 'bad' && positive) return AGREEMENT.badAtOrAbove;
  return AGREEMENT.agrees;
}

const round = (value: number, digits = 6) => Math.round(value * 10 ** digits) / 10 ** digits;

export class QualityReportBuilder {
  private readCount = 0;
  private synthetic = false;
  private readonly kept: [number, number] = [0, 0];
  private readonly dropCounts = new Map<DropReason, { count: number; lines: number[] }>(DROP_REASONS.map((reason) => [reason, { count: 0, lines: [] }]));
  private readonly unusable = new Map<string, number>();
  private sawGrades = false;
  private compared = 0;
  private goodBelow = 0;
  private badAbove = 0;
  private readonly disagreementLines: number[] = [];
  private mentions = 0;
  private lengths = new Uint32Array(1024);
  private lengthSum = 0;

  constructor(private readonly options: { labelRule: string; textRule: string | null; agreementThreshold?: number }) {}

  get threshold(): number {
    return this.options.agreementThreshold ?? DEFAULT_AGREEMENT_THRESHOLD;
  }

  /** A row (or line) was read, whatever happens to it next. */
  read(synthetic = false): void {
    this.readCount++;
    if (synthetic) this.synthetic = true;
  }

  drop(reason: DropReason, line: number): void {
    const entry = this.dropCounts.get(reason)!;
    entry.count++;
    if (entry.lines.length < MAX_LINES_PER_REASON) entry.lines.push(line);
  }

  /** A raw label value the rule could not use. */
  unusableLabel(value: string): void {
    const count = this.unusable.get(value);
    if (count !== undefined) this.unusable.set(value, count + 1);
    else if (this.unusable.size < 1000) this.unusable.set(value, 1);
  }

  /** Kinopoisk's two grades of a well-formed row, kept or not. */
  grades(line: number, grade3: unknown, grade10: unknown): void {
    this.agreement(line, classifyGrades(grade3, grade10, this.threshold));
  }

  /** The same, already classified (by classifyGrades with this report's threshold). */
  agreement(line: number, kind: GradeAgreementKind): void {
    this.sawGrades = true;
    if (kind === AGREEMENT.notCompared) return;
    this.compared++;
    if (kind === AGREEMENT.goodBelow) this.goodBelow++;
    else if (kind === AGREEMENT.badAtOrAbove) this.badAbove++;
    else return;
    if (this.disagreementLines.length < MAX_LINES_PER_REASON) this.disagreementLines.push(line);
  }

  /** A kept row: its label, the length of its final text, and whether its original text stated a score. */
  keep(label: Label, textLength: number, mentionsScore: boolean): void {
    const index = this.kept[0] + this.kept[1];
    this.kept[label]++;
    if (mentionsScore) this.mentions++;
    if (index === this.lengths.length) {
      const grown = new Uint32Array(this.lengths.length * 2);
      grown.set(this.lengths);
      this.lengths = grown;
    }
    this.lengths[index] = textLength;
    this.lengthSum += textLength;
  }

  get rowsRead(): number {
    return this.readCount;
  }

  get rowsKept(): number {
    return this.kept[0] + this.kept[1];
  }

  keptOf(label: Label): number {
    return this.kept[label];
  }

  droppedOf(reason: DropReason): number {
    return this.dropCounts.get(reason)!.count;
  }

  /** `splits`: label counts per split, once the rows are split; the test split gives the baseline's accuracy. */
  finish(splits: SplitLabelCounts[] = []): QualityReport {
    const rowsKept = this.rowsKept;
    const dropped = DROP_REASONS.map((reason) => ({ reason, ...this.dropCounts.get(reason)!, lines: [...this.dropCounts.get(reason)!.lines] }));
    const majority: Label = this.kept[1] >= this.kept[0] ? 1 : 0;
    const test = splits.find((split) => split.name === 'test');
    const testMajority = test ? (test.labels.find((entry) => entry.label === majority)?.count ?? 0) : 0;
    const disagreements = this.goodBelow + this.badAbove;
    return {
      version: 1,
      synthetic: this.synthetic,
      labelRule: this.options.labelRule,
      textRule: this.options.textRule,
      rowsRead: this.readCount,
      rowsKept,
      keptPerLabel: [
        { label: 0, count: this.kept[0] },
        { label: 1, count: this.kept[1] },
      ],
      rowsDropped: dropped.reduce((sum, entry) => sum + entry.count, 0),
      dropped,
      unusableLabels: [...this.unusable]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, MAX_LABEL_VALUES)
        .map(([value, count]) => ({ value, count })),
      gradeAgreement: this.sawGrades
        ? {
            threshold: this.threshold,
            compared: this.compared,
            disagreements,
            share: this.compared === 0 ? 0 : round(disagreements / this.compared),
            goodBelowThreshold: this.goodBelow,
            badAtOrAboveThreshold: this.badAbove,
            lines: [...this.disagreementLines],
          }
        : null,
      scoreMentions: { rows: this.mentions, share: rowsKept === 0 ? 0 : round(this.mentions / rowsKept), stripped: this.options.textRule === 'strip-score-mentions' },
      textLength: this.lengthStats(),
      tokenLength: null,
      majorityClass: {
        label: majority,
        accuracy: rowsKept === 0 ? 0 : round(this.kept[majority] / rowsKept),
        testAccuracy: test && test.rows > 0 ? round(testMajority / test.rows) : null,
      },
      splits: splits.map((split) => ({ name: split.name, rows: split.rows, labels: split.labels.map((entry) => ({ ...entry })) })),
    };
  }

  private lengthStats(): TextLengthStats {
    const n = this.rowsKept;
    const sorted = this.lengths.slice(0, n).sort();
    // Nearest rank: the smallest length with at least p of the texts at or below it.
    const percentile = (p: number) => (n === 0 ? 0 : sorted[Math.min(n - 1, Math.max(0, Math.ceil(p * n) - 1))]!);
    const histogram = TEXT_LENGTH_EDGES.map((from, i) => ({ from, to: TEXT_LENGTH_EDGES[i + 1] ?? null, count: 0 }));
    let bucket = 0;
    for (const length of sorted) {
      while (bucket + 1 < TEXT_LENGTH_EDGES.length && length >= TEXT_LENGTH_EDGES[bucket + 1]!) bucket++;
      histogram[bucket]!.count++;
    }
    return {
      unit: 'characters',
      min: n === 0 ? 0 : sorted[0]!,
      max: n === 0 ? 0 : sorted[n - 1]!,
      mean: n === 0 ? 0 : round(this.lengthSum / n, 1),
      p50: percentile(0.5),
      p90: percentile(0.9),
      p95: percentile(0.95),
      p99: percentile(0.99),
      histogram,
    };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// A stored report comes back as JSON (and createDataset accepts one from a client): its shape is checked before
// anything reads it as a QualityReport.

type ShapeCheck = (value: unknown, at: string) => string | null;
const GRAPHQL_INT_MAX = 2 ** 31 - 1;
const whole: ShapeCheck = (value, at) => (Number.isInteger(value) && Math.abs(value as number) <= GRAPHQL_INT_MAX ? null : `${at} must be a whole number`);
const tally: ShapeCheck = (value, at) => whole(value, at) ?? ((value as number) < 0 ? `${at} must be at least 0` : null);
const finite: ShapeCheck = (value, at) => (typeof value === 'number' && Number.isFinite(value) ? null : `${at} must be a finite number`);
const text: ShapeCheck = (value, at) => (typeof value === 'string' ? null : `${at} must be text`);
const flag: ShapeCheck = (value, at) => (typeof value === 'boolean' ? null : `${at} must be true or false`);
const orNull = (check: ShapeCheck): ShapeCheck => (value, at) => (value === null ? null : check(value, at));
const listOf = (check: ShapeCheck): ShapeCheck => (value, at) => {
  if (!Array.isArray(value)) return `${at} must be a list`;
  for (let i = 0; i < value.length; i++) {
    const problem = check(value[i], `${at}[${i}]`);
    if (problem) return problem;
  }
  return null;
};
const shaped = (fields: Record<string, ShapeCheck>): ShapeCheck => (value, at) => {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return `${at} must be an object`;
  for (const [key, check] of Object.entries(fields)) {
    const problem = check((value as Record<string, unknown>)[key], `${at}.${key}`);
    if (problem) return problem;
  }
  return null;
};
const labelCounts = listOf(shaped({ label: whole, count: tally }));
const lengthStats = shaped({
  unit: text,
  min: tally,
  max: tally,
  mean: finite,
  p50: tally,
  p90: tally,
  p95: tally,
  p99: tally,
  histogram: listOf(shaped({ from: tally, to: orNull(tally), count: tally })),
});
const REPORT_SHAPE = shaped({
  version: (value, at) => (value === 1 ? null : `${at} must be 1`),
  synthetic: flag,
  labelRule: text,
  textRule: orNull(text),
  rowsRead: tally,
  rowsKept: tally,
  rowsDropped: tally,
  keptPerLabel: labelCounts,
  dropped: listOf(shaped({ reason: text, count: tally, lines: listOf(tally) })),
  unusableLabels: listOf(shaped({ value: text, count: tally })),
  gradeAgreement: orNull(shaped({ threshold: finite, compared: tally, disagreements: tally, share: finite, goodBelowThreshold: tally, badAtOrAboveThreshold: tally, lines: listOf(tally) })),
  scoreMentions: shaped({ rows: tally, share: finite, stripped: flag }),
  textLength: lengthStats,
  tokenLength: orNull(lengthStats),
  majorityClass: shaped({ label: whole, accuracy: finite, testAccuracy: orNull(finite) }),
  splits: listOf(shaped({ name: text, rows: tally, labels: labelCounts })),
});

/** Null when `value` has the shape of a version-1 QualityReport (as finish() makes it); else the first thing wrong. */
export function qualityReportProblem(value: unknown, field = 'qualityReport'): string | null {
  const problem = REPORT_SHAPE(value, field);
  return problem && `${problem}; pass a quality report as registerDataset stores it (version 1), or leave it out`;
}
