import { describe, expect, it } from 'vitest';
import { RequestRateLimiter } from './request-rate-limiter';

const bearer = (secret: string) => `Bearer ${secret}`;

describe('RequestRateLimiter', () => {
  const limiter = () => new RequestRateLimiter({ perToken: { perMinute: 60, burst: 2 }, perAddress: { perMinute: 6, burst: 1 } });

  it('counts a token it has seen authenticate in its own bucket, apart from other tokens', () => {
    const rate = limiter();
    rate.trust(bearer('tlk_a'));
    rate.trust(bearer('tlk_b'));
    expect(rate.check(bearer('tlk_a'), '10.0.0.1', 0).allowed).toBe(true);
    expect(rate.check(bearer('tlk_a'), '10.0.0.2', 0).allowed).toBe(true);
    const refused = rate.check(bearer('tlk_a'), '10.0.0.3', 0);
    expect(refused.allowed).toBe(false);
    expect(rate.check(bearer('tlk_b'), '10.0.0.1', 0).allowed).toBe(true);
    if (refused.allowed) return;
    expect(refused.retryAfterSeconds).toBe(1);
    expect(refused.error.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: 1, limit: 60, burst: 2, scope: 'token' });
    expect(refused.error.message).toContain('(TUNELAB_RATE_LIMIT, TUNELAB_RATE_LIMIT_BURST)');
  });

  it('counts requests without a known token per address, whatever token they invent', () => {
    const rate = limiter();
    expect(rate.check(undefined, '10.0.0.1', 0).allowed).toBe(true);
    const invented = rate.check(bearer('tlk_invented'), '10.0.0.1', 0);
    expect(invented.allowed).toBe(false);
    if (!invented.allowed) expect(invented.error.message).toContain('TUNELAB_RATE_LIMIT_ANONYMOUS');
    expect(rate.check('Basic abc', '10.0.0.1', 0).allowed).toBe(false);
    expect(rate.check(undefined, '10.0.0.2', 0).allowed).toBe(true);
    // Whole seconds, rounded up: 6 a minute is one per 10 s.
    const later = rate.check(undefined, '10.0.0.1', 1);
    expect(later.allowed ? null : later.retryAfterSeconds).toBe(10);
  });

  it('keys a token by the hash of its secret, not by where it comes from', () => {
    const rate = limiter();
    rate.trust(bearer('tlk_a'));
    rate.check(`bearer   tlk_a`, 'x', 0);
    rate.check(bearer('tlk_a'), 'y', 0);
    expect(rate.check(bearer('tlk_a'), 'z', 0).allowed).toBe(false);
  });

  it('lets everything through when turned off, and only tokens when the anonymous limit is off', () => {
    const off = new RequestRateLimiter({ perToken: null, perAddress: { perMinute: 1, burst: 1 } });
    for (let i = 0; i < 100; i++) expect(off.check(undefined, 'a', 0).allowed).toBe(true);
    const tokensOnly = new RequestRateLimiter({ perToken: { perMinute: 1, burst: 1 }, perAddress: null });
    for (let i = 0; i < 100; i++) expect(tokensOnly.check(undefined, 'a', 0).allowed).toBe(true);
  });
});
