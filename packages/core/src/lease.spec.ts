import { describe, expect, it } from 'vitest';
import { HEARTBEAT_SECONDS, isLeaseExpired, LEASE_SECONDS, leaseExpiry } from './lease';

const now = new Date('2025-01-01T00:00:00.000Z');

describe('leaseExpiry', () => {
  it('defaults to LEASE_SECONDS after now', () => {
    expect(leaseExpiry(now).toISOString()).toBe('2025-01-01T00:00:30.000Z');
    expect(LEASE_SECONDS).toBe(30);
  });

  it('accepts a custom duration, including fractions', () => {
    expect(leaseExpiry(now, 2.5).toISOString()).toBe('2025-01-01T00:00:02.500Z');
  });

  it('rejects a non-positive duration', () => {
    expect(() => leaseExpiry(now, 0)).toThrow(RangeError);
    expect(() => leaseExpiry(now, Number.NaN)).toThrow(RangeError);
  });

  it('does not mutate now', () => {
    leaseExpiry(now);
    expect(now.toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });

  it('leaves room for several heartbeats per lease', () => {
    expect(LEASE_SECONDS / HEARTBEAT_SECONDS).toBeGreaterThanOrEqual(3);
  });
});

describe('isLeaseExpired', () => {
  it('treats a missing lease as expired', () => {
    expect(isLeaseExpired(null, now)).toBe(true);
    expect(isLeaseExpired(undefined, now)).toBe(true);
    expect(isLeaseExpired(new Date(Number.NaN), now)).toBe(true);
  });

  it('is live before the expiry and expired at or after it', () => {
    const expiry = leaseExpiry(now);
    expect(isLeaseExpired(expiry, new Date(now.getTime() + 29_999))).toBe(false);
    expect(isLeaseExpired(expiry, new Date(now.getTime() + 30_000))).toBe(true);
    expect(isLeaseExpired(expiry, new Date(now.getTime() + 60_000))).toBe(true);
  });
});
