import { describe, expect, it } from 'vitest';
import { labelRuleProblem } from './label-rule';

describe('labelRuleProblem', () => {
  it('accepts every documented form', () => {
    for (const rule of ['grade3', 'grade10>=1', 'grade10>=7', 'grade10>=10', 'grade10>=6.5', 'custom:{"pos":1,"neg":0}', 'custom:{"x":1}']) {
      expect(labelRuleProblem(rule), rule).toBeNull();
    }
  });

  it('rejects grade10 thresholds outside 1..10 or not plain numbers', () => {
    for (const rule of ['grade10>=0', 'grade10>=11', 'grade10>=', 'grade10>=abc', 'grade10>=-1', 'grade10>= 7', 'grade10>=1e1']) {
      expect(labelRuleProblem(rule), rule).toMatch(/^labelRule threshold in 'grade10>=N' must be a number from 1 to 10/);
    }
  });

  it('rejects malformed custom mappings, saying what is wrong', () => {
    expect(labelRuleProblem('custom:{pos:1}')).toMatch(/must be valid JSON/);
    expect(labelRuleProblem('custom:[1,0]')).toMatch(/must be a JSON object/);
    expect(labelRuleProblem('custom:null')).toMatch(/must be a JSON object/);
    expect(labelRuleProblem('custom:{}')).toMatch(/at least one raw label/);
    expect(labelRuleProblem('custom:{"pos":1,"neg":2}')).toBe(
      `labelRule maps "neg" to 2, but every label must map to 0 or 1; write it like 'custom:{"pos":1,"neg":0}'`,
    );
    expect(labelRuleProblem('custom:{"pos":"1"}')).toMatch(/maps "pos" to "1"/);
  });

  it('rejects unknown rules and lists the allowed ones', () => {
    expect(labelRuleProblem('grade5', 'dataset.labelRule')).toBe(
      `dataset.labelRule must be one of grade3, grade10>=N or custom:<json> (got "grade5"); use 'grade3', 'grade10>=7' or 'custom:{"pos":1,"neg":0}'`,
    );
  });
});
