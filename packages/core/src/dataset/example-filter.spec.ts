import { describe, expect, it } from 'vitest';
import { applyTextRule, ExampleFilter } from './example-filter';
import type { SourceRecord } from './records';

const row = (line: number, fields: Partial<SourceRecord>): SourceRecord => ({ line, id: line, text: `review ${line}`, label: 'Good', ...fields });

describe('ExampleFilter', () => {
  it('keeps a row as {id, text, label} with the text trimmed and the id as a string', () => {
    const filter = new ExampleFilter({ labelRule: 'grade3', textRule: null });
    expect(filter.add(row(1, { id: 42, text: '  Хороший фильм.\n', label: 'Good' }))).toEqual({ id: '42', text: 'Хороший фильм.', label: 1 });
    expect(filter.add(row(2, { id: undefined, text: 'Плохой фильм', label: 'Bad' }))).toEqual({ id: 'line-2', text: 'Плохой фильм', label: 0 });
  });

  it('drops each row for exactly one reason, in pipeline order', () => {
    const filter = new ExampleFilter({ labelRule: 'grade3', textRule: null });
    const kept = [
      filter.add(row(1, { text: '   ' })), // empty text
      filter.add(row(2, { text: undefined })), // missing text
      filter.add(row(3, { label: 'Neutral' })),
      filter.add(row(4, { label: 'Great' })),
      filter.add(row(5, { id: 'a', text: 'one' })),
      filter.add(row(6, { id: 'a', text: 'two' })), // duplicate id
      filter.add(row(7, { id: 'b', text: 'one' })), // duplicate text
      filter.add(row(8, { id: 'c', text: '', label: 'Neutral' })), // empty text wins over neutral
    ];
    filter.malformed(9);
    filter.invalidUtf8(10);
    expect(kept.map((example) => example?.id ?? null)).toEqual([null, null, null, null, 'a', null, null, null]);
    const report = filter.report.finish();
    expect(report.rowsRead).toBe(10);
    expect(report.rowsKept).toBe(1);
    expect(report.rowsKept + report.rowsDropped).toBe(report.rowsRead);
    expect(Object.fromEntries(report.dropped.map((entry) => [entry.reason, entry.lines]))).toEqual({
      malformedLine: [9],
      invalidUtf8: [10],
      emptyText: [1, 2, 8],
      neutral: [3],
      missingOrInvalidGrade: [4],
      unmappedLabel: [],
      duplicateId: [6],
      duplicateText: [7],
    });
    expect(report.unusableLabels).toEqual([{ value: 'Great', count: 1 }]);
    expect(filter.missing).toEqual({ text: 1, label: 0 });
  });

  it('applies strip-score-mentions before checking for empty and duplicate texts, and counts mentions on the original', () => {
    const filter = new ExampleFilter({ labelRule: 'grade3', textRule: 'strip-score-mentions' });
    expect(filter.add(row(1, { text: 'Отличный фильм. 9 из 10' }))).toMatchObject({ text: 'Отличный фильм.' });
    expect(filter.add(row(2, { text: 'Отличный фильм. 10/10' }))).toBeNull();
    expect(filter.add(row(3, { text: '10/10' }))).toBeNull();
    expect(filter.add(row(4, { text: 'Без оценки.' }))).not.toBeNull();
    const report = filter.report.finish();
    expect(report.dropped.find((entry) => entry.reason === 'duplicateText')?.lines).toEqual([2]);
    expect(report.dropped.find((entry) => entry.reason === 'emptyText')?.lines).toEqual([3]);
    expect(report.scoreMentions).toEqual({ rows: 1, share: 0.5, stripped: true });

    const unstripped = new ExampleFilter({ labelRule: 'grade3', textRule: null });
    unstripped.add(row(1, { text: 'Отличный фильм. 9 из 10' }));
    unstripped.add(row(2, { text: 'Отличный фильм. 10/10' }));
    expect(unstripped.report.finish().scoreMentions).toEqual({ rows: 2, share: 1, stripped: false });
  });

  it('grade10>=N drops rows without a 1–10 grade instead of labelling them negative', () => {
    const filter = new ExampleFilter({ labelRule: 'grade10>=7', textRule: null });
    const labels = ['10.0', '0.0', '', undefined, '6.0', '7'].map((grade10, i) => filter.add(row(i + 1, { label: grade10, grade10, grade3: 'Good' }))?.label ?? null);
    expect(labels).toEqual([1, null, null, null, 0, 1]);
    const report = filter.report.finish();
    expect(report.dropped.find((entry) => entry.reason === 'missingOrInvalidGrade')).toEqual({ reason: 'missingOrInvalidGrade', count: 3, lines: [2, 3, 4] });
    // Good with 6/10 disagrees at the rule's threshold 7.
    expect(report.gradeAgreement).toMatchObject({ threshold: 7, compared: 3, disagreements: 1, goodBelowThreshold: 1, lines: [5] });
  });

  it('marks the report synthetic when a row is', () => {
    const filter = new ExampleFilter({ labelRule: 'grade3', textRule: null });
    filter.add(row(1, {}));
    expect(filter.report.finish().synthetic).toBe(false);
    filter.add(row(2, { synthetic: true }));
    expect(filter.report.finish().synthetic).toBe(true);
  });

  it('knows only the documented text rules', () => {
    expect(applyTextRule(null, 'x 9/10')).toBe('x 9/10');
    expect(() => applyTextRule('lowercase', 'x')).toThrow(/unknown text rule/);
  });
});
