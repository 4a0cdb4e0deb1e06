import { describe, expect, it } from 'vitest';
import { furthest, type RunProgress } from './run-progress';

describe('furthest', () => {
  const queued: RunProgress = { status: 'QUEUED', attempt: 0 };
  const claimed: RunProgress = { status: 'CLAIMED', attempt: 1 };
  const running: RunProgress = { status: 'RUNNING', attempt: 1 };
  const done: RunProgress = { status: 'SUCCEEDED', attempt: 1 };
  const reclaimed: RunProgress = { status: 'CLAIMED', attempt: 2 };

  it('prefers the view further along the lifecycle', () => {
    expect(furthest(claimed, running)).toBe(running);
    expect(furthest(running, claimed)).toBe(running);
    expect(furthest(running, done)).toBe(done);
    expect(furthest(queued, undefined)).toBe(queued);
  });

  it('ranks a later attempt above any status of an earlier one', () => {
    expect(furthest(running, reclaimed)).toBe(reclaimed);
    expect(furthest(reclaimed, done)).toBe(reclaimed);
  });

  it('keeps the current view on a tie', () => {
    const again: RunProgress = { status: 'RUNNING', attempt: 1 };
    expect(furthest(running, again)).toBe(running);
  });
});
