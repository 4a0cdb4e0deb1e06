/**
 * Token buckets, one per key, held in this process's memory: each API replica counts on its own.
 *
 * A bucket holds up to `burst` requests and refills at `perMinute` / 60 per second, so a client may send
 * `burst` requests at once and `perMinute` a minute for ever after. A request takes one token; without one it
 * is refused with the time until the next token.
 */
export interface BucketRate {
  perMinute: number;
  burst: number;
}

export type TakeResult = { allowed: true } | { allowed: false; retryAfterMs: number };

interface Bucket {
  tokens: number;
  at: number;
}

/** Buckets kept before the full ones (equivalent to no bucket) are swept; an attacker rotating keys cannot grow memory past it. */
const DEFAULT_MAX_KEYS = 100_000;

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    readonly rate: BucketRate,
    private readonly maxKeys = DEFAULT_MAX_KEYS,
  ) {
    if (!(rate.perMinute > 0) || !(rate.burst >= 1)) throw new Error(`a token bucket needs perMinute > 0 and burst >= 1 (got ${rate.perMinute}, ${rate.burst})`);
    this.perMs = rate.perMinute / 60_000;
  }

  take(key: string, now: number = Date.now()): TakeResult {
    const bucket = this.buckets.get(key) ?? this.add(key, now);
    bucket.tokens = Math.min(this.rate.burst, bucket.tokens + Math.max(0, now - bucket.at) * this.perMs);
    bucket.at = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterMs: Math.ceil((1 - bucket.tokens) / this.perMs) };
  }

  get size(): number {
    return this.buckets.size;
  }

  private add(key: string, now: number): Bucket {
    if (this.buckets.size >= this.maxKeys) this.sweep(now);
    const bucket = { tokens: this.rate.burst, at: now };
    this.buckets.set(key, bucket);
    return bucket;
  }

  /** Drops buckets that have refilled (nothing to remember); if all are busy, the oldest half, which only makes the limit laxer. */
  private sweep(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * this.perMs >= this.rate.burst) this.buckets.delete(key);
    }
    if (this.buckets.size < this.maxKeys) return;
    let drop = Math.ceil(this.buckets.size / 2);
    for (const key of this.buckets.keys()) {
      if (drop-- <= 0) break;
      this.buckets.delete(key);
    }
  }
}
