import type { Database } from '../../db/database';
import type { RunLifecycleService } from './run-lifecycle.service';

export interface LeaseSweeper {
  /** One pass now (tests); the timer calls the same. */
  sweep(now?: Date): Promise<number>;
  stop(): void;
}

/**
 * Every lease period, puts back in the queue the runs whose lease ran out more than a lease ago. The extra lease
 * of grace, and none in the first two lease periods after start, let a worker that only lost the API for a while
 * (an API restart, a network blip) heartbeat and keep its run instead of having it taken away.
 */
export function startLeaseSweeper(lifecycle: RunLifecycleService, database: Database, leaseSeconds: number, log: (message: string) => void): LeaseSweeper {
  const leaseMs = leaseSeconds * 1000;
  const startedAt = Date.now();
  let running: Promise<number> | null = null;

  const sweep = async (now = new Date()): Promise<number> => {
    const requeued = await lifecycle.requeueExpiredLeases(database.fork(), new Date(now.getTime() - leaseMs));
    for (const run of requeued) log(`run ${run.id}: lease expired with no heartbeat from its worker; back in the queue (attempt ${run.attempt} resumes from its last checkpoint)`);
    return requeued.length;
  };
  const tick = () => {
    if (running || Date.now() - startedAt < 2 * leaseMs) return;
    running = sweep()
      .catch((error: unknown) => {
        log(`lease sweep failed (next try in ${leaseSeconds} s): ${error instanceof Error ? error.message : String(error)}`);
        return 0;
      })
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, leaseMs);
  timer.unref();
  return { sweep, stop: () => clearInterval(timer) };
}
