/** A worker owns a run for this long after its last heartbeat; then any worker may re-claim it. */
export const LEASE_SECONDS = 30;

/** Several heartbeats fit in one lease, so one slow or lost heartbeat does not cost a worker its run. */
export const HEARTBEAT_SECONDS = 5;

export function leaseExpiry(now: Date, seconds: number = LEASE_SECONDS): Date {
  if (!Number.isFinite(seconds) || seconds <= 0) throw new RangeError(`lease seconds must be a number greater than 0 (got ${seconds})`);
  return new Date(now.getTime() + seconds * 1000);
}

/** A missing or unreadable expiry counts as expired, so a run with no lease is always claimable. */
export function isLeaseExpired(expiresAt: Date | null | undefined, now: Date): boolean {
  if (expiresAt === null || expiresAt === undefined) return true;
  const expiry = expiresAt.getTime();
  if (Number.isNaN(expiry)) return true;
  return expiry <= now.getTime();
}
