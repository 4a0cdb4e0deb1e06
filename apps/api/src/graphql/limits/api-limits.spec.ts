import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../env';

describe('limits from the environment', () => {
  it('defaults to limits every client of the repository stays far below', () => {
    const parsed = parseEnv({});
    expect(parsed.ok && parsed.env.limits).toEqual({
      maxQueryDepth: 12,
      maxQueryCost: 1_000_000,
      maxQueryBytes: 102_400,
      rateLimit: { perMinute: 6000, burst: 600 },
      anonymousRateLimit: { perMinute: 600, burst: 60 },
    });
  });

  it('reads overrides, and 0 turns rate limits off', () => {
    const parsed = parseEnv({ TUNELAB_MAX_QUERY_DEPTH: '20', TUNELAB_MAX_QUERY_COST: '5000', TUNELAB_MAX_QUERY_BYTES: '4096', TUNELAB_RATE_LIMIT: '120', TUNELAB_RATE_LIMIT_BURST: '7', TUNELAB_RATE_LIMIT_ANONYMOUS: '0' });
    expect(parsed.ok && parsed.env.limits).toEqual({ maxQueryDepth: 20, maxQueryCost: 5000, maxQueryBytes: 4096, rateLimit: { perMinute: 120, burst: 7 }, anonymousRateLimit: null });
    const off = parseEnv({ TUNELAB_RATE_LIMIT: '0' });
    expect(off.ok && off.env.limits?.rateLimit).toBeNull();
  });

  it('reports each bad value with the variable it comes from', () => {
    const parsed = parseEnv({ TUNELAB_MAX_QUERY_DEPTH: 'deep', TUNELAB_MAX_QUERY_COST: '0', TUNELAB_MAX_QUERY_BYTES: '10', TUNELAB_RATE_LIMIT: '-1', TUNELAB_RATE_LIMIT_BURST: '1.5' });
    expect(parsed.ok).toBe(false);
    const problems = parsed.ok ? [] : parsed.problems;
    for (const name of ['TUNELAB_MAX_QUERY_DEPTH', 'TUNELAB_MAX_QUERY_COST', 'TUNELAB_MAX_QUERY_BYTES', 'TUNELAB_RATE_LIMIT', 'TUNELAB_RATE_LIMIT_BURST']) {
      expect(problems.some((problem) => problem.startsWith(`${name}: ${name} must be a whole number`)), `${name} in ${problems.join('\n')}`).toBe(true);
    }
  });
});
