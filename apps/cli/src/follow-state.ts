import { isRunStatus, isTerminal } from '@tunelab/core';
import { formatRunLine, labelWidth, type RunLine } from './format';
import type { RunNode } from './operations';

export interface RunEventData {
  kind: 'METRICS' | 'STATUS' | 'PROGRESS' | 'CHECKPOINT';
  runId: string;
  status?: string | null;
  points?: { key: string; step: number; value: number }[] | null;
  run?: RunNode | null;
}

export const LOSS_KEY = 'train/loss';

interface Followed extends RunLine {
  lossStep: number;
  metricStep: number;
}

/** What `runs follow` shows, one entry per run, updated from snapshots and runEvents. Pure: no I/O. */
export class FollowState {
  private readonly runs = new Map<string, Followed>();

  constructor(readonly metricKey: string) {}

  /** A query's view of the runs; keeps the newest loss and metric points seen on events. */
  applySnapshot(runs: RunNode[]): void {
    for (const run of runs) this.applyRun(run);
  }

  /** Returns whether the status of the run changed (worth printing at once). */
  applyEvent(event: RunEventData): { changed: boolean; statusChanged: boolean } {
    const current = this.runs.get(event.runId);
    if (!current) return { changed: false, statusChanged: false };
    const before = formatRunLine(current);
    const statusBefore = current.status;
    if (event.run) this.applyRun(event.run);
    else if (event.status && isRunStatus(event.status)) current.status = event.status;
    for (const point of event.points ?? []) {
      if (point.key === LOSS_KEY && point.step >= current.lossStep) Object.assign(current, { loss: point.value, lossStep: point.step });
      if (point.key === this.metricKey && point.step >= current.metricStep) Object.assign(current, { metric: point.value, metricStep: point.step });
    }
    return { changed: formatRunLine(current) !== before, statusChanged: current.status !== statusBefore };
  }

  private applyRun(run: RunNode): void {
    const current = this.runs.get(run.id) ?? { id: run.id, method: run.method, seed: run.seed, status: run.status, lossStep: -1, metricStep: -1, metricKey: this.metricKey };
    current.status = run.status;
    current.progress = isTerminal(run.status as never) ? null : run.progress;
    current.errorCode = run.errorCode;
    const final = run.finalMetrics?.[this.metricKey];
    if (typeof final === 'number') {
      current.metric = final;
      current.metricStep = Number.MAX_SAFE_INTEGER;
    }
    this.runs.set(run.id, current);
  }

  get size(): number {
    return this.runs.size;
  }

  ids(): string[] {
    return [...this.runs.keys()];
  }

  allTerminal(): boolean {
    return this.size > 0 && [...this.runs.values()].every((run) => isRunStatus(run.status) && isTerminal(run.status));
  }

  anyFailed(): boolean {
    return [...this.runs.values()].some((run) => run.status === 'FAILED');
  }

  /** One line per run, in the study's queue order, labels padded to one width. */
  lines(): Map<string, string> {
    const all = [...this.runs.values()];
    const width = labelWidth(all);
    return new Map(all.map((run) => [run.id, formatRunLine(run, width)]));
  }

  counts(): string {
    const counts = new Map<string, number>();
    for (const run of this.runs.values()) counts.set(run.status, (counts.get(run.status) ?? 0) + 1);
    return [...counts].map(([status, n]) => `${n} ${status.toLowerCase()}`).join(', ');
  }
}
