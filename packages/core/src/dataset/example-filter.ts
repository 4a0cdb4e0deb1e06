import { applyLabelRule, type Label, type LabelRule, parseLabelRule, rawLabelKey } from './labeling';
import { AGREEMENT, classifyGrades, type DropReason, type GradeAgreementKind, QualityReportBuilder } from './quality-report';
import type { SourceRecord } from './records';
import { hasScoreMention, stripScoreMentions } from './score-mentions';
import { hashString, SeenSet } from './seen-set';

/** One training example, exactly as the split files hold it: `{"id","text","label"}`. */
export interface Example {
  id: string;
  text: string;
  label: Label;
}

export interface ExampleFilterOptions {
  labelRule: string;
  textRule: string | null;
}

/** Applies a text rule; null keeps the text as it is. */
export function applyTextRule(rule: string | null, text: string): string {
  if (rule === null) return text;
  if (rule === 'strip-score-mentions') return stripScoreMentions(text);
  throw new Error(`unknown text rule ${JSON.stringify(rule)}`);
}

const QUOTED_LABEL_MAX = 100;
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * A raw label as the report quotes it (stored in a JSON column): at most 100 characters, never half of a surrogate
 * pair, with U+0000 and lone surrogates (which PostgreSQL cannot store) replaced by U+FFFD.
 */
function quotedLabel(value: string | null): string | null {
  if (value === null) return null;
  // 200 UTF-16 units hold at least 100 characters, so a pair cut at the end falls outside them.
  return Array.from(value.slice(0, 2 * QUOTED_LABEL_MAX)).slice(0, QUOTED_LABEL_MAX).join('').replace(UNSTORABLE, '\ufffd');
}

/** What the row-local steps decided: a label, or the reason to drop the row before the duplicate checks. */
export const OUTCOME = { negative: 0, positive: 1, emptyText: 2, neutral: 3, missingOrInvalidGrade: 4, unmappedLabel: 5 } as const;
export type Outcome = (typeof OUTCOME)[keyof typeof OUTCOME];
const OUTCOME_REASON: Record<number, DropReason> = { 2: 'emptyText', 3: 'neutral', 4: 'missingOrInvalidGrade', 5: 'unmappedLabel' };

/**
 * Everything about one row that does not depend on the other rows, in plain numbers, so that it can be
 * computed anywhere (a worker thread) and judged by ExampleFilter.accept in source order.
 */
export interface RowFacts {
  line: number;
  synthetic: boolean;
  textMissing: boolean;
  labelMissing: boolean;
  /** The row has Kinopoisk's grade3 or grade10 field (then `agreement` counts in the report). */
  hasGrades: boolean;
  agreement: GradeAgreementKind;
  outcome: Outcome;
  /** The raw label the rule could not use (outcomes missingOrInvalidGrade and unmappedLabel). */
  unusableLabel: string | null;
  hasId: boolean;
  /** hashString of the id and of the final text: [id1, id2, text1, text2]. */
  hashes: Uint32Array;
  textLength: number;
  mentionsScore: boolean;
}

export function newRowFacts(): RowFacts {
  return {
    line: 0,
    synthetic: false,
    textMissing: false,
    labelMissing: false,
    hasGrades: false,
    agreement: AGREEMENT.notCompared,
    outcome: OUTCOME.emptyText,
    unusableLabel: null,
    hasId: false,
    hashes: new Uint32Array(4),
    textLength: 0,
    mentionsScore: false,
  };
}

/**
 * The row-local steps of the pipeline: the text rule, empty text, the label rule and the grade comparison.
 * Stateless: any row can be prepared on its own.
 */
export class RowPreparer {
  private readonly rule: LabelRule;
  readonly agreementThreshold: number | undefined;

  constructor(private readonly options: ExampleFilterOptions) {
    this.rule = parseLabelRule(options.labelRule);
    this.agreementThreshold = this.rule.kind === 'grade10' ? this.rule.threshold : undefined;
  }

  /** Fills `facts`; returns the example the row would become, or null when a row-local step drops it. */
  prepare(record: SourceRecord, facts: RowFacts, threshold: number): Example | null {
    facts.line = record.line;
    facts.synthetic = record.synthetic === true;
    facts.textMissing = record.text === undefined;
    facts.labelMissing = record.label === undefined;
    facts.hasGrades = record.grade3 !== undefined || record.grade10 !== undefined;
    facts.agreement = facts.hasGrades ? classifyGrades(record.grade3, record.grade10, threshold) : AGREEMENT.notCompared;
    facts.unusableLabel = null;
    facts.hasId = false;
    facts.textLength = 0;
    facts.mentionsScore = false;

    const original = typeof record.text === 'string' ? record.text : '';
    const ruled = applyTextRule(this.options.textRule, original);
    const text = ruled.trim();
    if (text === '') {
      facts.outcome = OUTCOME.emptyText;
      return null;
    }
    const outcome = applyLabelRule(this.rule, record.label);
    if ('drop' in outcome) {
      facts.outcome = OUTCOME[outcome.drop];
      if (outcome.drop !== 'neutral') facts.unusableLabel = quotedLabel(rawLabelKey(record.label)) ?? '(missing)';
      return null;
    }
    facts.outcome = outcome.label;
    const id = rawLabelKey(record.id);
    if (id !== null) {
      facts.hasId = true;
      hashString(id, facts.hashes, 0);
    }
    hashString(text, facts.hashes, 2);
    facts.textLength = text.length;
    // The text rule changes a text exactly when it held a mention, so there is no need to search twice.
    facts.mentionsScore = this.options.textRule === 'strip-score-mentions' ? ruled !== original : hasScoreMention(original);
    return { id: id ?? `line-${record.line}`, text, label: outcome.label };
  }
}

/**
 * The row pipeline of an import, in this order: malformed lines and invalid UTF-8 are dropped by the reader;
 * then the text rule; empty text; the label rule (neutral, missing or invalid grade, unmapped label);
 * duplicate id; duplicate text. Every row read is either kept or dropped for exactly one reason, so
 * rowsRead = rowsKept + rowsDropped. Deterministic: the same rows in the same order give the same examples.
 */
export class ExampleFilter {
  readonly report: QualityReportBuilder;
  readonly preparer: RowPreparer;
  /** Rows that lack the text (or label) column altogether: all of them means the column name is wrong. */
  readonly missing = { text: 0, label: 0 };
  private readonly seenIds = new SeenSet();
  private readonly seenTexts = new SeenSet();
  private readonly facts = newRowFacts();

  constructor(options: ExampleFilterOptions) {
    this.preparer = new RowPreparer(options);
    this.report = new QualityReportBuilder({ labelRule: options.labelRule, textRule: options.textRule, agreementThreshold: this.preparer.agreementThreshold });
  }

  /** The threshold grade10 is compared at (pass it to RowPreparer.prepare). */
  get threshold(): number {
    return this.report.threshold;
  }

  malformed(line: number): void {
    this.report.read();
    this.report.drop('malformedLine', line);
  }

  invalidUtf8(line: number): void {
    this.report.read();
    this.report.drop('invalidUtf8', line);
  }

  /** The example this row becomes, or null when it is dropped (the report says why). */
  add(record: SourceRecord): Example | null {
    const example = this.preparer.prepare(record, this.facts, this.threshold);
    return this.accept(this.facts) ? example : null;
  }

  /** Judges a prepared row against the rows before it (duplicates) and records it; true when it is kept. */
  accept(facts: RowFacts): boolean {
    const report = this.report;
    report.read(facts.synthetic);
    if (facts.hasGrades) report.agreement(facts.line, facts.agreement);
    if (facts.textMissing) this.missing.text++;
    if (facts.labelMissing) this.missing.label++;
    if (facts.outcome !== OUTCOME.negative && facts.outcome !== OUTCOME.positive) {
      if (facts.unusableLabel !== null) report.unusableLabel(facts.unusableLabel);
      report.drop(OUTCOME_REASON[facts.outcome]!, facts.line);
      return false;
    }
    const hashes = facts.hashes;
    if (facts.hasId && !this.seenIds.addHash(hashes[0]!, hashes[1]!)) {
      report.drop('duplicateId', facts.line);
      return false;
    }
    if (!this.seenTexts.addHash(hashes[2]!, hashes[3]!)) {
      report.drop('duplicateText', facts.line);
      return false;
    }
    report.keep(facts.outcome, facts.textLength, facts.mentionsScore);
    return true;
  }
}
