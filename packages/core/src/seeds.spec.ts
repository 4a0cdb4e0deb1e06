import { describe, expect, it } from 'vitest';
import { satisfiesNumberRule } from './number-rules';
import { DEFAULT_SEED, MAX_SEED, SEED_RULE } from './seeds';

describe('seeds', () => {
  it('accepts 0..2^31-1 integers and defaults to 42', () => {
    expect(DEFAULT_SEED).toBe(42);
    expect(MAX_SEED).toBe(2147483647);
    expect(satisfiesNumberRule(0, SEED_RULE)).toBe(true);
    expect(satisfiesNumberRule(MAX_SEED, SEED_RULE)).toBe(true);
    expect(satisfiesNumberRule(MAX_SEED + 1, SEED_RULE)).toBe(false);
    expect(satisfiesNumberRule(-1, SEED_RULE)).toBe(false);
    expect(satisfiesNumberRule(0.5, SEED_RULE)).toBe(false);
  });
});
