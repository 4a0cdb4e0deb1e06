import { hashTokenSecret, parseBearer } from '@tunelab/core';
import { type LimitError, limitErrors, type RateScope } from './limit-errors';
import { type BucketRate, TokenBuckets } from './token-bucket';

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number; error: LimitError };

export interface RateLimits {
  /** Requests per API token; null: no rate limit at all. */
  perToken: BucketRate | null;
  /** Requests per remote address without a known token; null: not limited. */
  perAddress: BucketRate | null;
}

/** Token hashes remembered as known before the set is emptied (they are re-learnt on their next request). */
const MAX_KNOWN_TOKENS = 100_000;

/**
 * Which bucket a request draws from, without a database lookup: a token this process has already
 * authenticated draws from its own bucket, keyed by the SHA-256 of its secret (one token, one bucket).
 * Anything else (no token, a malformed header, an unknown, revoked or not yet seen token) draws from the
 * bucket of its remote address, so inventing tokens does not mint fresh buckets. Behind a reverse proxy all
 * such requests share the proxy's address.
 */
export class RequestRateLimiter {
  private readonly tokens: TokenBuckets | null;
  private readonly addresses: TokenBuckets | null;
  private readonly known = new Set<string>();

  constructor(readonly limits: RateLimits) {
    this.tokens = limits.perToken ? new TokenBuckets(limits.perToken) : null;
    this.addresses = limits.perToken && limits.perAddress ? new TokenBuckets(limits.perAddress) : null;
  }

  check(authorization: string | undefined, address: string | undefined, now: number = Date.now()): RateDecision {
    if (!this.tokens) return { allowed: true };
    const secret = parseBearer(authorization);
    const hash = secret ? hashTokenSecret(secret) : null;
    if (hash && this.known.has(hash)) return this.decide(this.tokens, 'token', hash, now);
    if (!this.addresses) return { allowed: true };
    return this.decide(this.addresses, 'address', address ?? 'unknown', now);
  }

  /** Called once a request's token authenticated: from now on it draws from its own bucket. */
  trust(authorization: string | undefined): void {
    if (!this.tokens) return;
    const secret = parseBearer(authorization);
    if (!secret) return;
    if (this.known.size >= MAX_KNOWN_TOKENS) this.known.clear();
    this.known.add(hashTokenSecret(secret));
  }

  private decide(buckets: TokenBuckets, scope: RateScope, key: string, now: number): RateDecision {
    const taken = buckets.take(key, now);
    if (taken.allowed) return taken;
    const retryAfterSeconds = Math.max(1, Math.ceil(taken.retryAfterMs / 1000));
    return { allowed: false, retryAfterSeconds, error: limitErrors.rateLimited(scope, buckets.rate, retryAfterSeconds) };
  }
}
