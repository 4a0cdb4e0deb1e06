import { describe, expect, it } from 'vitest';
import { describeValue, fieldPath, formatIssues, formatNumber, invalid, valid } from './validation';

describe('formatIssues', () => {
  it('joins issues as "field: message" separated by semicolons', () => {
    expect(
      formatIssues([
        { field: 'name', message: 'name must not be empty' },
        { field: 'seeds[1]', message: 'seeds[1] must be an integer' },
      ]),
    ).toBe('name: name must not be empty; seeds[1]: seeds[1] must be an integer');
  });

  it('returns an empty string for no issues', () => {
    expect(formatIssues([])).toBe('');
  });
});

describe('valid / invalid', () => {
  it('build the two arms of Validated', () => {
    expect(valid(3)).toEqual({ ok: true, value: 3 });
    expect(invalid([{ field: 'a', message: 'b' }])).toEqual({ ok: false, issues: [{ field: 'a', message: 'b' }] });
  });
});

describe('fieldPath', () => {
  it('omits the dot for an empty prefix', () => {
    expect(fieldPath('', 'epochs')).toBe('epochs');
    expect(fieldPath('methods[0].hyperparameters', 'epochs')).toBe('methods[0].hyperparameters.epochs');
  });
});

describe('formatNumber', () => {
  it('uses exponent notation for small magnitudes only', () => {
    expect(formatNumber(2e-5)).toBe('2e-5');
    expect(formatNumber(-1e-4)).toBe('-1e-4');
    expect(formatNumber(0.001)).toBe('0.001');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(16)).toBe('16');
    expect(formatNumber(Number.NaN)).toBe('NaN');
  });
});

describe('describeValue', () => {
  it('describes each kind of value briefly', () => {
    expect(describeValue(null)).toBe('null');
    expect(describeValue(undefined)).toBe('nothing');
    expect(describeValue(-0.1)).toBe('-0.1');
    expect(describeValue('abc')).toBe('"abc"');
    expect(describeValue(true)).toBe('true');
    expect(describeValue([1, 2])).toBe('a list of 2');
    expect(describeValue({})).toBe('an object');
  });

  it('truncates long strings', () => {
    const shown = describeValue('x'.repeat(100));
    expect(shown.length).toBeLessThan(50);
    expect(shown.endsWith('…"')).toBe(true);
  });
});
