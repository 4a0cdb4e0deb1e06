import { describe, expect, it } from 'vitest';
import { EMPTY_FIELDS, parseAmount, toConstraints } from './recommendation-form';

describe('recommendation constraints', () => {
  it('parses counts with suffixes and separators', () => {
    expect(parseAmount('2M')).toBe(2_000_000);
    expect(parseAmount('300k')).toBe(300_000);
    expect(parseAmount('1,500,000')).toBe(1_500_000);
    expect(parseAmount('1.5e6')).toBe(1_500_000);
    expect(parseAmount('lots')).toBeNull();
    expect(parseAmount('')).toBeNull();
  });

  it('converts minutes and GiB to the API units and leaves empty fields out', () => {
    expect(toConstraints({ ...EMPTY_FIELDS, timeBudgetMinutes: '30', gpuMemoryGiB: '16', minQuality: '0.85' })).toEqual({
      constraints: { timeBudgetSeconds: 1800, gpuMemoryBytes: 16 * 1024 ** 3, minQuality: 0.85 },
      errors: {},
    });
    expect(toConstraints(EMPTY_FIELDS)).toEqual({ constraints: {}, errors: {} });
  });

  it('names the field and what to type when a value is wrong', () => {
    const { constraints, errors } = toConstraints({ ...EMPTY_FIELDS, latencyBudgetMs: '-5', minQuality: '85', trainableParameterBudget: 'many' });
    expect(constraints).toEqual({});
    expect(errors.latencyBudgetMs).toMatch(/milliseconds/);
    expect(errors.minQuality).toMatch(/0 to 1/);
    expect(errors.trainableParameterBudget).toMatch(/2M/);
  });
});
