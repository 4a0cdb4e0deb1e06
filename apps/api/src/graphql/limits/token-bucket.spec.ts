import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TokenBuckets } from './token-bucket';

describe('TokenBuckets', () => {
  it('lets a burst through at once, then refuses with the time until the next token', () => {
    const buckets = new TokenBuckets({ perMinute: 60, burst: 3 });
    expect([1, 2, 3].map(() => buckets.take('a', 0).allowed)).toEqual([true, true, true]);
    expect(buckets.take('a', 0)).toEqual({ allowed: false, retryAfterMs: 1000 });
    expect(buckets.take('a', 400)).toEqual({ allowed: false, retryAfterMs: 600 });
    expect(buckets.take('a', 1000)).toEqual({ allowed: true });
    expect(buckets.take('a', 1000).allowed).toBe(false);
  });

  it('refills to the burst and no further', () => {
    const buckets = new TokenBuckets({ perMinute: 60, burst: 2 });
    buckets.take('a', 0);
    buckets.take('a', 0);
    const later = 3_600_000;
    expect([1, 2, 3].map(() => buckets.take('a', later).allowed)).toEqual([true, true, false]);
  });

  it('keeps one bucket per key', () => {
    const buckets = new TokenBuckets({ perMinute: 60, burst: 1 });
    expect(buckets.take('a', 0).allowed).toBe(true);
    expect(buckets.take('a', 0).allowed).toBe(false);
    expect(buckets.take('b', 0).allowed).toBe(true);
  });

  it('never lets more through in a window than the burst plus what refilled in it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6000 }),
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.integer({ min: 0, max: 5_000 }), { minLength: 1, maxLength: 300 }),
        (perMinute, burst, gaps) => {
          const buckets = new TokenBuckets({ perMinute, burst });
          let now = 0;
          let allowed = 0;
          for (const gap of gaps) {
            now += gap;
            if (buckets.take('k', now).allowed) allowed++;
          }
          expect(allowed).toBeLessThanOrEqual(burst + Math.floor((now * perMinute) / 60_000) + 1e-9);
        },
      ),
    );
  });

  it('a refused request is told a wait after which it passes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 20 }), (perMinute, burst) => {
        const buckets = new TokenBuckets({ perMinute, burst });
        for (let i = 0; i < burst; i++) buckets.take('k', 0);
        const refused = buckets.take('k', 0);
        expect(refused.allowed).toBe(false);
        if (refused.allowed) return;
        expect(buckets.take('k', refused.retryAfterMs).allowed).toBe(true);
      }),
    );
  });

  it('sweeps buckets that refilled, so rotating keys does not grow memory', () => {
    const buckets = new TokenBuckets({ perMinute: 60, burst: 1 }, 100);
    for (let i = 0; i < 1000; i++) buckets.take(`key-${i}`, i * 10_000);
    expect(buckets.size).toBeLessThanOrEqual(100);
  });

  it('stays bounded even when every bucket is busy', () => {
    const buckets = new TokenBuckets({ perMinute: 1, burst: 1 }, 100);
    for (let i = 0; i < 1000; i++) buckets.take(`key-${i}`, 0);
    expect(buckets.size).toBeLessThanOrEqual(100);
  });

  it('refuses a rate that cannot refill', () => {
    expect(() => new TokenBuckets({ perMinute: 0, burst: 1 })).toThrow(/perMinute > 0/);
    expect(() => new TokenBuckets({ perMinute: 10, burst: 0 })).toThrow(/burst >= 1/);
  });
});
