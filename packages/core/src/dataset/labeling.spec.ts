import { describe, expect, it } from 'vitest';
import { applyLabelRule, parseGrade10, parseGrade3, parseLabelRule, rawLabelKey, validGrade10 } from './labeling';

describe('label rules', () => {
  it('grade3: Good → 1, Bad → 0, Neutral dropped, anything else is an invalid grade', () => {
    const rule = parseLabelRule('grade3');
    expect(applyLabelRule(rule, 'Good')).toEqual({ label: 1 });
    expect(applyLabelRule(rule, 'Bad')).toEqual({ label: 0 });
    expect(applyLabelRule(rule, ' good ')).toEqual({ label: 1 });
    expect(applyLabelRule(rule, 'Neutral')).toEqual({ drop: 'neutral' });
    for (const value of ['', 'Great', null, undefined, 1]) expect(applyLabelRule(rule, value), String(value)).toEqual({ drop: 'missingOrInvalidGrade' });
  });

  it('grade10>=N: only grades 1–10 count; 0, empty and missing are dropped, never labelled negative', () => {
    const rule = parseLabelRule('grade10>=7');
    expect(rule).toEqual({ kind: 'grade10', threshold: 7 });
    expect(applyLabelRule(rule, '10.0')).toEqual({ label: 1 });
    expect(applyLabelRule(rule, '7.0')).toEqual({ label: 1 });
    expect(applyLabelRule(rule, 7)).toEqual({ label: 1 });
    expect(applyLabelRule(rule, '6.0')).toEqual({ label: 0 });
    expect(applyLabelRule(rule, '1')).toEqual({ label: 0 });
    for (const value of ['0.0', 0, '', '   ', null, undefined, 'abc', '11', -1, '10/10', Number.NaN]) {
      expect(applyLabelRule(rule, value), String(value)).toEqual({ drop: 'missingOrInvalidGrade' });
    }
    expect(applyLabelRule(parseLabelRule('grade10>=6.5'), '6.5')).toEqual({ label: 1 });
  });

  it('custom mappings map raw labels (trimmed; numbers as written) and drop the rest', () => {
    const rule = parseLabelRule('custom:{"pos":1,"neg":0," 1 ":1}');
    expect(applyLabelRule(rule, 'pos')).toEqual({ label: 1 });
    expect(applyLabelRule(rule, ' neg')).toEqual({ label: 0 });
    expect(applyLabelRule(rule, 1)).toEqual({ label: 1 });
    expect(applyLabelRule(rule, 'neutral')).toEqual({ drop: 'unmappedLabel' });
    expect(applyLabelRule(rule, '')).toEqual({ drop: 'missingOrInvalidGrade' });
    expect(applyLabelRule(rule, null)).toEqual({ drop: 'missingOrInvalidGrade' });
    expect(applyLabelRule(parseLabelRule('custom:{"true":1,"false":0}'), false)).toEqual({ label: 0 });
  });

  it('refuses an invalid rule with the message of labelRuleProblem', () => {
    expect(() => parseLabelRule('grade5')).toThrow(/labelRule must be one of/);
  });

  it('parses grades', () => {
    expect(parseGrade10('10.0')).toBe(10);
    expect(parseGrade10('7,5')).toBe(7.5);
    expect(parseGrade10('')).toBeNull();
    expect(parseGrade10('0.0')).toBe(0);
    expect(validGrade10('0.0')).toBeNull();
    expect(validGrade10(10)).toBe(10);
    expect(parseGrade3('NEUTRAL')).toBe('neutral');
    expect(parseGrade3('ok')).toBeNull();
    expect(rawLabelKey(' x ')).toBe('x');
    expect(rawLabelKey(2)).toBe('2');
    expect(rawLabelKey({})).toBeNull();
  });
});
