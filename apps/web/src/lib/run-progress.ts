import { isTerminal, type RunStatus } from '@/components/status-badge';

/** Where a run stands in its lifecycle: later attempts first, then QUEUED < CLAIMED < RUNNING < finished. */
export interface RunProgress {
  status: RunStatus;
  attempt: number;
}

function rank({ status, attempt }: RunProgress): number {
  const stage = isTerminal(status) ? 3 : status === 'RUNNING' ? 2 : status === 'CLAIMED' ? 1 : 0;
  return attempt * 4 + stage;
}

/**
 * The further-along of two views of one run: a live event may be ahead of the
 * last query result, or behind a refetch that already saw more. Ties keep `current`.
 */
export function furthest<T extends RunProgress>(current: T, candidate: T | undefined): T {
  return candidate && rank(candidate) > rank(current) ? candidate : current;
}
