import { describe, expect, it } from 'vitest';
import {
  ACTIVE_RUN_STATUSES,
  canTransition,
  isRunStatus,
  isTerminal,
  RUN_STATUSES,
  type RunStatus,
  TERMINAL_RUN_STATUSES,
  transitionProblem,
} from './run-status';

const allowed: Record<RunStatus, RunStatus[]> = {
  QUEUED: ['CLAIMED', 'CANCELLED'],
  CLAIMED: ['CLAIMED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'QUEUED'],
  RUNNING: ['CLAIMED', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'QUEUED'],
  SUCCEEDED: [],
  FAILED: [],
  CANCELLED: [],
};

describe('run statuses', () => {
  it('partitions statuses into queued, active and terminal', () => {
    expect(TERMINAL_RUN_STATUSES).toEqual(['SUCCEEDED', 'FAILED', 'CANCELLED']);
    expect(ACTIVE_RUN_STATUSES).toEqual(['CLAIMED', 'RUNNING']);
    expect(RUN_STATUSES.filter(isTerminal)).toEqual(['SUCCEEDED', 'FAILED', 'CANCELLED']);
    expect(isRunStatus('RUNNING')).toBe(true);
    expect(isRunStatus('running')).toBe(false);
  });

  it('allows exactly the documented transitions', () => {
    for (const from of RUN_STATUSES) {
      for (const to of RUN_STATUSES) {
        const expected = allowed[from].includes(to);
        expect(canTransition(from, to), `${from} -> ${to}`).toBe(expected);
        expect(transitionProblem(from, to) === null, `${from} -> ${to}`).toBe(expected);
      }
    }
  });

  it('explains why finished runs cannot change', () => {
    expect(transitionProblem('SUCCEEDED', 'RUNNING')).toBe('run is SUCCEEDED and cannot become RUNNING: finished runs are immutable');
    expect(transitionProblem('CANCELLED', 'QUEUED')).toBe('run is CANCELLED and cannot become QUEUED: finished runs are immutable');
  });

  it('explains that a queued run must be claimed first', () => {
    expect(transitionProblem('QUEUED', 'RUNNING')).toBe('run is QUEUED and cannot become RUNNING: a worker must claim it first');
    expect(transitionProblem('QUEUED', 'SUCCEEDED')).toMatch(/claim it first/);
  });

  it('lists the allowed targets otherwise', () => {
    expect(transitionProblem('RUNNING', 'RUNNING')).toBe(
      'run is RUNNING and cannot become RUNNING: from RUNNING it can only become SUCCEEDED, FAILED, CANCELLED, CLAIMED, QUEUED',
    );
    expect(transitionProblem('QUEUED', 'QUEUED')).toMatch(/can only become CLAIMED, CANCELLED$/);
  });
});
