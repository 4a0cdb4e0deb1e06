import { ApiError, type ApiClient, untilAnswered } from '../api/api-client';
import { LogMetricSeries, RecordArtifact, RecordCheckpoint, RecordPredictions, ReportProgress, StartRun } from '../api/operations';
import { num, str } from './engine-events';
import type { JournalEntry, RunJournal } from './journal';
import { type MetricPointOut, pointsOf, toSeries } from './metric-batch';
import { readPredictionsFile } from './predictions-file';

export const MAX_BATCH_POINTS = 1_000;
/**
 * How long the first point of a batch waits for the rest of its step's points. Short, because a subscriber
 * should see a point within 250 ms; batches still grow to 1,000 points while a send is in flight.
 */
export const BATCH_LINGER_MS = 50;

export interface ForwarderDeps {
  api: ApiClient;
  journal: RunJournal;
  runId: string;
  workerId: string;
  log: (message: string) => void;
  /** The API refused a report for good (lease lost, run cancelled): the run must stop. */
  onRefused: (error: ApiError) => void;
}

/**
 * Sends journal entries to the API in order, acknowledging each once the API has it. Metric points go in
 * batches of at most 1,000 points, each sent within 50 ms of its first point (sends are sequential, so under
 * load a batch collects what arrived during the previous send); any other report first flushes the points
 * before it, so the API never sees a checkpoint or a result ahead of the metrics that led to it.
 */
export class EventForwarder {
  private queue: JournalEntry[] = [];
  private wake: (() => void) | null = null;
  private idle: (() => void)[] = [];
  private stopped = false;
  private busy = false;
  private readonly loop: Promise<void>;

  constructor(private readonly deps: ForwarderDeps) {
    this.loop = this.run();
  }

  enqueue(entry: JournalEntry): void {
    this.queue.push(entry);
    this.wake?.();
  }

  /** Resolves when everything enqueued so far is acknowledged (or the forwarder was stopped). */
  drained(): Promise<void> {
    if (!this.queue.length && !this.busy) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      if (!this.queue.length) {
        this.busy = false;
        this.idle.splice(0).forEach((resolve) => resolve());
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = null;
        continue;
      }
      this.busy = true;
      try {
        await this.sendNext();
      } catch (error) {
        if (error instanceof ApiError) {
          this.deps.onRefused(error);
          this.stopped = true;
        } else {
          this.deps.log(`forwarding stopped: ${(error as Error).message}`);
          this.stopped = true;
        }
      }
    }
    this.busy = false;
    this.idle.splice(0).forEach((resolve) => resolve());
  }

  private async sendNext(): Promise<void> {
    const first = this.queue[0];
    if (this.isPointEntry(first)) return this.sendMetricBatch();
    this.queue.shift();
    // Only the newest progress matters: skip one that a later progress report already supersedes.
    const supersededProgress = first.event.type === 'progress' && this.queue.some((entry) => entry.event.type === 'progress');
    if (!supersededProgress) await this.send(() => this.report(first));
    this.deps.journal.acknowledge(first.seq);
  }

  /** Waits up to 50 ms from the first point for more, then sends up to 1,000 points as one call. */
  private async sendMetricBatch(): Promise<void> {
    const deadline = Date.now() + BATCH_LINGER_MS;
    while (!this.stopped && this.countLeadingPoints() < MAX_BATCH_POINTS && Date.now() < deadline && this.onlyPointsQueued()) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(10, deadline - Date.now())));
    }
    const points: MetricPointOut[] = [];
    let lastSeq = 0;
    while (this.queue.length && this.isPointEntry(this.queue[0]) && points.length < MAX_BATCH_POINTS) {
      const entry = this.queue.shift()!;
      points.push(...pointsOf(entry.event));
      lastSeq = entry.seq;
    }
    if (points.length) {
      try {
        await this.send(() => this.deps.api.request(LogMetricSeries, { runId: this.deps.runId, series: toSeries(points) }));
      } catch (error) {
        // A malformed point refuses its whole batch; keeping it would block the run's stream for good.
        if (!(error instanceof ApiError) || error.code !== 'BAD_USER_INPUT') throw error;
        this.deps.log(`dropped ${points.length} metric points the API refused: ${error.message}`);
      }
    }
    if (lastSeq) this.deps.journal.acknowledge(lastSeq);
  }

  private isPointEntry(entry: JournalEntry): boolean {
    return pointsOf(entry.event).length > 0;
  }

  private onlyPointsQueued(): boolean {
    return this.queue.every((entry) => this.isPointEntry(entry));
  }

  private countLeadingPoints(): number {
    let count = 0;
    for (const entry of this.queue) {
      if (!this.isPointEntry(entry)) break;
      count += pointsOf(entry.event).length;
    }
    return count;
  }

  private send<T>(call: () => Promise<T>): Promise<T> {
    return untilAnswered(call, {
      shouldStop: () => this.stopped,
      onWait: (error, waitMs) => this.deps.log(`${error.message}; retrying in ${Math.round(waitMs)} ms (the journal keeps every event)`),
    });
  }

  /**
   * The test predictions go to the API too: its confidence intervals and paired tests rest on them. A file
   * that cannot be read or that the API refuses costs the run its statistics, not its result.
   */
  private async uploadPredictions(path: string): Promise<void> {
    let columns;
    try {
      columns = readPredictionsFile(path);
    } catch (error) {
      this.deps.log(`test predictions not stored (the study's statistics will lack this run): ${(error as Error).message}`);
      return;
    }
    try {
      await this.deps.api.request(RecordPredictions, { runId: this.deps.runId, input: { split: 'test', ...columns } });
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 'BAD_USER_INPUT') throw error;
      this.deps.log(`test predictions refused by the API: ${error.message}`);
    }
  }

  /** One non-metric event as its API call. completed and error are the driver's to act on, after a drain. */
  private async report(entry: JournalEntry): Promise<unknown> {
    const { api, runId, workerId } = this.deps;
    const event = entry.event;
    switch (event.type) {
      case 'started':
        return api.request(StartRun, {
          runId,
          workerId,
          input: { trainableParameters: num(event.trainableParameters) ?? 0, totalParameters: num(event.totalParameters) ?? 0, device: str(event.device) },
        }).catch((error) => {
          // A resumed attempt starts again on a run that is already RUNNING under this worker: fine.
          if (error instanceof ApiError && error.code === 'CONFLICT' && /is RUNNING/.test(error.message)) return null;
          throw error;
        });
      case 'progress':
        return api.request(ReportProgress, {
          runId,
          workerId,
          input: {
            step: num(event.step) ?? 0,
            totalSteps: Math.max(num(event.totalSteps) ?? 0, num(event.step) ?? 0),
            epoch: num(event.epoch) ?? 0,
            samplesPerSecond: num(event.samplesPerSecond),
            tokensPerSecond: num(event.tokensPerSecond),
            etaSeconds: num(event.etaSeconds),
          },
        });
      case 'checkpoint':
        return api.request(RecordCheckpoint, {
          runId,
          input: { epoch: num(event.epoch) ?? 0, step: num(event.step) ?? 0, path: str(event.path) ?? '', bytes: num(event.bytes) ?? 0, metrics: (event.metrics as Record<string, unknown>) ?? null },
        });
      case 'artifact':
        await api.request(RecordArtifact, {
          runId,
          input: { kind: str(event.kind) ?? 'file', path: str(event.path) ?? '', sha256: str(event.sha256) ?? '', bytes: num(event.bytes) ?? 0 },
        });
        if (event.kind === 'predictions' && str(event.path)) await this.uploadPredictions(str(event.path)!);
        return null;
      default:
        return null;
    }
  }
}
