import fs from 'node:fs';
import path from 'node:path';
import { ApiError, type ApiClient, untilAnswered } from '../api/api-client';
import { AdjustBatch, CompleteRun, FailRun, ReleaseRun, RetryRun } from '../api/operations';
import { startSystemSampler } from '../host/system-sampler';
import { type EngineEvent, num, str } from './engine-events';
import { type EngineProcess, launchEngine } from './engine-process';
import { EventForwarder } from './event-forwarder';
import { startHeartbeat } from './heartbeat';
import { measureServingCost } from './inference-cost';
import { RunJournal } from './journal';
import { preflight } from './preflight';
import type { DatasetRef } from './split-files';
import { buildRunSpec, type ClaimedRun, processesForBatch, smallerBatch, type SplitFiles } from './run-spec';

export type RunOutcome = 'succeeded' | 'failed' | 'cancelled' | 'released' | 'lost';

export interface DriverContext {
  api: ApiClient;
  workerId: string;
  workDir: string;
  enginePython: string;
  maxAttempts: number;
  heartbeatMs: number;
  /** Local copies of a dataset's split files. */
  splitsFor: (dataset: DatasetRef) => Promise<SplitFiles>;
  /** Resolves when a model this daemon is still building (the demo's) is ready; at once for any other. */
  modelReady: (baseModel: string) => Promise<void>;
  /** True once the daemon is asked to stop: the run goes back to the queue after a checkpoint. */
  shuttingDown: () => boolean;
  /** Lets the daemon stop the engine of the run in flight. */
  onEngine: (engine: EngineProcess | null) => void;
  log: (message: string) => void;
  engineEnv?: NodeJS.ProcessEnv;
  /** Whether this worker has a GPU: the ONNX export's serving cost is then measured with CUDA (when the binding has it). */
  hasGpu?: boolean;
  /** GPUs one run may use with DDP on this worker (1: a single process). */
  gpusPerRun?: number;
  /** Sends the run's ONNX export to the API for predict (PUT /runs/<id>/model/<file>); returns the bytes sent. */
  uploadModel?: (runId: string, exportDir: string, log: (message: string) => void) => Promise<number>;
}

const CANCEL_GRACE_MS = 8_000;
/** Stopping while the API is unreachable: the journal keeps the events and the lease expires; do not hang. */
const SHUTDOWN_GRACE_MS = 10_000;

/** Outcome of one engine process, from its last event and how it exited. */
interface AttemptEnd {
  terminal: EngineEvent | null;
  exit: { code: number | null; signal: NodeJS.Signals | null };
}

/**
 * Drives one claimed run to its end: engine attempts (resumed from the newest checkpoint after a crash, with a
 * smaller batch after running out of memory), every event journaled then forwarded, heartbeats, cancellation.
 */
export async function driveRun(ctx: DriverContext, claimed: ClaimedRun): Promise<RunOutcome> {
  let run = claimed;
  const runDir = path.join(ctx.workDir, 'runs', run.id);
  const journal = new RunJournal(runDir);
  const log = (message: string) => ctx.log(`[run ${run.id.slice(0, 8)} attempt ${run.attempt}] ${message}`);
  let engine: EngineProcess | null = null;
  let cancelled = false;
  let lost: ApiError | null = null;
  const loseRun = (error: ApiError) => {
    if (error.code === 'CONFLICT' && /cancelled/.test(error.message)) cancelled = true;
    else lost = error;
    log(`the API refused this worker's report (${error.message}); stopping the engine`);
    engine?.kill();
  };
  const forwarder = new EventForwarder({ api: ctx.api, journal, runId: run.id, workerId: ctx.workerId, log, onRefused: loseRun });
  const replay = journal.unacknowledged();
  if (replay.length) log(`replaying ${replay.length} journaled events the API has not acknowledged`);
  replay.forEach((entry) => forwarder.enqueue(entry));

  const stopHeartbeat = startHeartbeat(ctx.api, ctx.workerId, run.id, {
    onCancelled: () => {
      cancelled = true;
      log('cancelled by the user: stopping the engine');
      engine?.stop();
      setTimeout(() => engine?.kill(), CANCEL_GRACE_MS).unref();
    },
    onLeaseLost: loseRun,
    log,
  }, ctx.heartbeatMs);
  let shutdownDeadline = Infinity;
  const call = <T>(request: () => Promise<T>) =>
    untilAnswered(request, { onWait: (error) => log(`${error.message}; retrying`), shouldStop: () => Date.now() > shutdownDeadline });

  try {
    let splits: SplitFiles;
    try {
      splits = await ctx.splitsFor(run.study.dataset);
    } catch (error) {
      await call(() => ctx.api.request(FailRun, { runId: run.id, workerId: ctx.workerId, input: { code: 'DATA_INVALID', message: (error as Error).message } }));
      return 'failed';
    }
    try {
      await ctx.modelReady(run.baseModel);
    } catch (error) {
      await call(() => ctx.api.request(FailRun, { runId: run.id, workerId: ctx.workerId, input: { code: 'MODEL_NOT_FOUND', message: (error as Error).message } }));
      return 'failed';
    }
    const planned = await fitToMemory(ctx, run, log, call);
    if (!planned) return 'failed';
    run = planned;
    let outputDir = path.join(runDir, 'output');
    for (;;) {
      const specFile = path.join(runDir, `spec-attempt-${run.attempt}.json`);
      fs.writeFileSync(specFile, JSON.stringify(buildRunSpec(run, splits, outputDir), null, 2));
      const batchSize = run.effectiveHyperparameters?.batchSize ?? run.hyperparameters.batchSize;
      const processes = processesForBatch(batchSize, ctx.gpusPerRun ?? 1);
      if (processes > 1) log(`training across ${processes} GPUs with DDP (${batchSize / processes} examples per GPU per batch)`);
      else if ((ctx.gpusPerRun ?? 1) > 1) log(`batch size ${batchSize} does not split over the GPUs: training on one`);
      const end = await runEngineOnce(ctx, { specFile, attempt: run.attempt, journal, forwarder, log, processes, setEngine: (e) => ((engine = e), ctx.onEngine(e)) });
      if (ctx.shuttingDown()) {
        shutdownDeadline = Date.now() + SHUTDOWN_GRACE_MS;
        await Promise.race([forwarder.drained(), new Promise((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS).unref())]);
      } else {
        await forwarder.drained();
      }
      if (lost) return 'lost';
      if (cancelled) return 'cancelled';
      if (ctx.shuttingDown() && end.terminal?.type !== 'completed') {
        try {
          await call(() => ctx.api.request(ReleaseRun, { runId: run.id, workerId: ctx.workerId }));
          log('released to the queue; the next claim resumes it from its checkpoint');
        } catch (error) {
          log(`could not release the run (${(error as Error).message}); its lease expires and another claim resumes it from the journal and checkpoint`);
        }
        return 'released';
      }
      if (end.terminal?.type === 'completed') {
        const completed = end.terminal;
        const inference = ctx.shuttingDown()
          ? (log('stopping: inference cost not measured'), {})
          : await measureServingCost({ summary: (completed.summary ?? {}) as Record<string, unknown>, testSplit: splits.test, useGpu: ctx.hasGpu ?? false, log });
        if (lost) return 'lost';
        if (!ctx.shuttingDown()) await uploadExport(ctx, run.id, (completed.summary ?? {}) as Record<string, unknown>, log, () => ctx.shuttingDown() || lost !== null);
        await call(() => ctx.api.request(CompleteRun, { runId: run.id, workerId: ctx.workerId, input: completionOf(completed, inference) }));
        return 'succeeded';
      }
      const code = end.terminal?.type === 'error' ? (str(end.terminal.code) ?? 'INTERNAL') : 'ENGINE_CRASHED';
      const message = end.terminal?.type === 'error' ? (str(end.terminal.message) ?? code) : `the engine exited with ${end.exit.signal ?? `code ${end.exit.code}`} before finishing`;
      const retry = nextAttempt(run, code, ctx.maxAttempts);
      if (!retry) {
        await call(() => ctx.api.request(FailRun, { runId: run.id, workerId: ctx.workerId, input: { code, message } }));
        log(`failed: ${code}: ${message}`);
        return 'failed';
      }
      const { retryRun } = await call(() => ctx.api.request(RetryRun, { runId: run.id, workerId: ctx.workerId, input: { code, reason: message, ...retry.batch } }));
      log(`${code}: ${message}; retrying as attempt ${retryRun.attempt}${retry.batch ? ` with batch ${retry.batch.batchSize} x ${retry.batch.gradientAccumulationSteps}` : ' from the newest checkpoint'}`);
      // A different micro-batch changes the data order: that attempt trains afresh in its own directory.
      if (retry.batch) outputDir = path.join(runDir, `output-attempt-${retryRun.attempt}`);
      run = { ...run, attempt: retryRun.attempt, effectiveHyperparameters: retry.batch ? { ...run.effectiveHyperparameters, ...retry.batch } : run.effectiveHyperparameters };
    }
  } finally {
    stopHeartbeat();
    await forwarder.stop();
    ctx.onEngine(null);
  }
}

/** The memory pre-flight: keeps the run, shrinks its micro-batch (recorded on the run), or fails it with the reason. */
async function fitToMemory(ctx: DriverContext, run: ClaimedRun, log: (m: string) => void, call: <T>(request: () => Promise<T>) => Promise<T>): Promise<ClaimedRun | null> {
  const check = await preflight(run);
  if (check.kind === 'skipped') {
    log(`memory pre-flight skipped: ${check.why}`);
    return run;
  }
  const { plan } = check;
  const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(1)} GiB`;
  if (!plan.fits) {
    await call(() => ctx.api.request(FailRun, { runId: run.id, workerId: ctx.workerId, input: { code: 'MEMORY_PREFLIGHT', message: plan.reason } }));
    log(`refused by the memory pre-flight: ${plan.reason}`);
    return null;
  }
  if (!plan.changed) return run;
  const batch = { batchSize: plan.batchSize, gradientAccumulationSteps: plan.gradientAccumulationSteps };
  const reason = `batch ${run.hyperparameters.batchSize} needs more than this ${check.device}'s ${gib(check.availableBytes)} allows; training with batch ${plan.batchSize} x ${plan.gradientAccumulationSteps} accumulation (estimated ${gib(plan.estimate.bytes)})`;
  await call(() => ctx.api.request(AdjustBatch, { runId: run.id, workerId: ctx.workerId, input: { code: 'MEMORY_PREFLIGHT', reason, ...batch } }));
  log(reason);
  return { ...run, effectiveHyperparameters: { ...run.effectiveHyperparameters, ...batch } };
}

/**
 * Whether a failed attempt is worth another, and with what batch. Codes about the inputs never are, nor DISK_FULL:
 * on the same disk the resumed attempt would redo the work since the last checkpoint and fail at the same write.
 */
function nextAttempt(run: ClaimedRun, code: string, maxAttempts: number): { batch?: { batchSize: number; gradientAccumulationSteps: number } } | null {
  if (run.attempt >= maxAttempts) return null;
  if (code === 'OOM') {
    const batch = smallerBatch(run);
    return batch ? { batch } : null;
  }
  return code === 'ENGINE_CRASHED' || code === 'INTERNAL' ? {} : null;
}

/**
 * The export goes to the API so predictions work wherever this worker trained. While the API is down the upload is
 * retried, as completeRun would be (it waits for the API too); a refused upload costs predict, not the run.
 */
async function uploadExport(ctx: DriverContext, runId: string, summary: Record<string, unknown>, log: (message: string) => void, shouldStop: () => boolean): Promise<void> {
  const onnx = summary.onnx as { path?: unknown } | null | undefined;
  const upload = ctx.uploadModel;
  if (!upload || !onnx || typeof onnx.path !== 'string') return;
  try {
    const bytes = await untilAnswered(() => upload(runId, path.dirname(onnx.path as string), log), { shouldStop, onWait: (error) => log(`${error.message}; retrying the upload`) });
    log(`ONNX export uploaded (${(bytes / 2 ** 20).toFixed(1)} MiB): predict works on the API`);
  } catch (error) {
    log(`the ONNX export was not uploaded, so predict will not work for this run: ${(error as Error).message}`);
  }
}

/** The completeRun input: the engine's final evaluation plus the serving-cost metrics measured here (if any). */
function completionOf(completed: EngineEvent, inference: Record<string, number>) {
  const summary = (completed.summary ?? {}) as Record<string, unknown>;
  const evaluated = Object.entries((summary.finalMetrics ?? {}) as Record<string, unknown>).filter(([, value]) => num(value) !== null);
  const finalMetrics = { ...Object.fromEntries(evaluated), ...inference };
  return {
    finalMetrics,
    trainSeconds: num(summary.trainSeconds) ?? 0,
    evalSeconds: num(summary.evalSeconds),
    peakMemoryBytes: num(summary.peakMemoryBytes),
    trainableParameters: num(summary.trainableParameters),
    totalParameters: num(summary.totalParameters),
  };
}

async function runEngineOnce(
  ctx: DriverContext,
  attempt: { specFile: string; attempt: number; journal: RunJournal; forwarder: EventForwarder; log: (m: string) => void; processes: number; setEngine: (e: EngineProcess | null) => void },
): Promise<AttemptEnd> {
  let terminal: EngineEvent | null = null;
  const engine = launchEngine({
    python: ctx.enginePython,
    specFile: attempt.specFile,
    resume: true,
    processes: attempt.processes,
    env: ctx.engineEnv,
    log: (line) => attempt.log(`engine: ${line}`),
    onEvent: (event) => {
      if (event.type === 'completed' || event.type === 'error') terminal = event;
      attempt.forwarder.enqueue(attempt.journal.append(attempt.attempt, event));
    },
  });
  attempt.setEngine(engine);
  const stopSampler = startSystemSampler(engine.pid, (readings) => {
    const event: EngineEvent = { v: 1, type: 'system', source: 'trainer', time: Date.now() / 1000, readings };
    attempt.forwarder.enqueue(attempt.journal.append(attempt.attempt, event));
  });
  const exit = await engine.exited;
  stopSampler();
  attempt.setEngine(null);
  return { terminal, exit };
}
