import { describe, expect, it } from 'vitest';
import { FollowState } from './follow-state';
import type { RunNode } from './operations';

const run = (id: string, status: string, extra: Partial<RunNode> = {}): RunNode => ({
  id,
  method: 'lora',
  baseModel: 'm',
  seed: Number(id.slice(1)),
  status,
  attempt: 1,
  errorCode: null,
  errorMessage: null,
  finalMetrics: null,
  trainSeconds: null,
  createdAt: '',
  startedAt: null,
  finishedAt: null,
  progress: null,
  ...extra,
});

describe('FollowState', () => {
  it('follows progress, loss and the eval metric from events until every run is terminal', () => {
    const state = new FollowState('eval/f1_macro');
    state.applySnapshot([run('r1', 'QUEUED'), run('r2', 'QUEUED')]);
    expect(state.allTerminal()).toBe(false);

    const progress = { epoch: 0.5, step: 5, totalSteps: 10, samplesPerSecond: 20, etaSeconds: 4 };
    expect(state.applyEvent({ kind: 'PROGRESS', runId: 'r1', run: run('r1', 'RUNNING', { progress }) })).toEqual({ changed: true, statusChanged: true });
    state.applyEvent({ kind: 'METRICS', runId: 'r1', points: [{ key: 'train/loss', step: 5, value: 0.5 }, { key: 'train/loss', step: 3, value: 0.9 }, { key: 'eval/f1_macro', step: 5, value: 0.7 }] });
    expect(state.lines().get('r1')).toBe('LoRA · seed 1  RUNNING    [██████████░░░░░░░░░░]  50%  epoch 0.5  step 5/10  20.0 samples/s  ETA 4s  loss 0.5000  f1_macro 0.7000');
    // a replayed older point changes nothing
    expect(state.applyEvent({ kind: 'METRICS', runId: 'r1', points: [{ key: 'train/loss', step: 4, value: 0.6 }] }).changed).toBe(false);
    // events of runs not followed are ignored
    expect(state.applyEvent({ kind: 'STATUS', runId: 'other', status: 'FAILED' }).changed).toBe(false);

    state.applyEvent({ kind: 'STATUS', runId: 'r1', run: run('r1', 'SUCCEEDED', { finalMetrics: { 'eval/f1_macro': 0.75 }, progress }) });
    expect(state.lines().get('r1')).toBe('LoRA · seed 1  SUCCEEDED  [████████████████████]  loss 0.5000  f1_macro 0.7500');
    state.applyEvent({ kind: 'STATUS', runId: 'r2', status: 'FAILED' });
    expect(state.allTerminal()).toBe(true);
    expect(state.anyFailed()).toBe(true);
    expect(state.counts()).toBe('1 succeeded, 1 failed');
  });
});
