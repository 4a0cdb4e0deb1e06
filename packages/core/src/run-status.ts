export const RUN_STATUSES = ['QUEUED', 'CLAIMED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'] as const;

export type RunStatus = (typeof RUN_STATUSES)[number];

export const TERMINAL_RUN_STATUSES: readonly RunStatus[] = ['SUCCEEDED', 'FAILED', 'CANCELLED'];

/** Statuses that hold a worker lease. */
export const ACTIVE_RUN_STATUSES: readonly RunStatus[] = ['CLAIMED', 'RUNNING'];

/**
 * CLAIMED and RUNNING may go back to CLAIMED: when a worker's lease expires, another worker re-claims
 * the run. They may go back to QUEUED: a worker shutting down releases its run after a final checkpoint.
 * CLAIMED may finish directly because a very short run can end before its first progress event.
 */
const NEXT: Record<RunStatus, readonly RunStatus[]> = {
  QUEUED: ['CLAIMED', 'CANCELLED'],
  CLAIMED: ['RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'CLAIMED', 'QUEUED'],
  RUNNING: ['SUCCEEDED', 'FAILED', 'CANCELLED', 'CLAIMED', 'QUEUED'],
  SUCCEEDED: [],
  FAILED: [],
  CANCELLED: [],
};

export function isRunStatus(value: string): value is RunStatus {
  return (RUN_STATUSES as readonly string[]).includes(value);
}

export function isTerminal(status: RunStatus): boolean {
  return TERMINAL_RUN_STATUSES.includes(status);
}

export function canTransition(from: RunStatus, to: RunStatus): boolean {
  return NEXT[from]?.includes(to) ?? false;
}

/** Null when the transition is allowed, otherwise why not, phrased for the user who asked for it. */
export function transitionProblem(from: RunStatus, to: RunStatus): string | null {
  if (canTransition(from, to)) return null;
  if (isTerminal(from)) return `run is ${from} and cannot become ${to}: finished runs are immutable`;
  if (from === 'QUEUED' && (to === 'RUNNING' || isTerminal(to))) {
    return `run is QUEUED and cannot become ${to}: a worker must claim it first`;
  }
  return `run is ${from} and cannot become ${to}: from ${from} it can only become ${NEXT[from].join(', ')}`;
}
