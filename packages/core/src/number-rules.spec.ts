import { describe, expect, it } from 'vitest';
import { describeNumberRule, satisfiesNumberRule } from './number-rules';

describe('satisfiesNumberRule', () => {
  it('requires a finite number', () => {
    expect(satisfiesNumberRule('1', {})).toBe(false);
    expect(satisfiesNumberRule(Number.NaN, {})).toBe(false);
    expect(satisfiesNumberRule(Number.POSITIVE_INFINITY, {})).toBe(false);
    expect(satisfiesNumberRule(null, {})).toBe(false);
    expect(satisfiesNumberRule(1.5, {})).toBe(true);
  });

  it('checks integrality', () => {
    expect(satisfiesNumberRule(2.5, { integer: true })).toBe(false);
    expect(satisfiesNumberRule(2, { integer: true })).toBe(true);
  });

  it('checks inclusive and exclusive bounds', () => {
    expect(satisfiesNumberRule(0, { min: 0 })).toBe(true);
    expect(satisfiesNumberRule(0, { min: 0, minExclusive: true })).toBe(false);
    expect(satisfiesNumberRule(1, { max: 1 })).toBe(true);
    expect(satisfiesNumberRule(1, { max: 1, maxExclusive: true })).toBe(false);
  });
});

describe('describeNumberRule', () => {
  it('reads naturally', () => {
    expect(describeNumberRule({ integer: true, min: 1, max: 4096 })).toBe('an integer from 1 to 4096');
    expect(describeNumberRule({ min: 0, minExclusive: true, max: 1 })).toBe('a number greater than 0 and at most 1');
    expect(describeNumberRule({ min: 0, max: 1, maxExclusive: true })).toBe('a number at least 0 and less than 1');
    expect(describeNumberRule({ min: 0, minExclusive: true })).toBe('a number greater than 0');
    expect(describeNumberRule({})).toBe('a number');
  });
});
