import type { EntityManager } from '@mikro-orm/knex';
import { leaseExpiry, parameterCountProblems, transitionProblem, validatePredictionSet, validateRunCompletion, validateRunFailure } from '@tunelab/core';
import type { RunStatus } from '@tunelab/core';
import type { Viewer } from '../../graphql/context';
import { recordAudit } from '../audit/audit.service';
import { badInput } from '../../graphql/errors';
import type { EventBus } from '../../graphql/pubsub';
import type { Worker } from '../worker/worker.entity';
import type { WorkerService } from '../worker/worker.service';
import { Artifact } from './artifact.entity';
import { Checkpoint } from './checkpoint.entity';
import type { ArtifactInput, CheckpointInput, CompleteRunInput, FailRunInput, PredictionsInput, StartRunInput } from './dto/worker-reports.input';
import { RunPredictions } from './run-predictions.entity';
import type { RetryRunInput, RunProgressInput } from './run-progress.type';
import { RunEventKind } from './run-event.type';
import { runErrors } from './run.errors';
import { Study } from '../study/study.entity';
import { Run } from './run.entity';
import type { RunService } from './run.service';

const CLAIM_RACE_RETRIES = 10;

function positiveIntegerIssue(value: number | null | undefined, field: string) {
  return value == null || (Number.isInteger(value) && value >= 1) ? [] : [{ field, message: `must be a whole number of at least 1 (got ${value})` }];
}

function progressIssues(input: RunProgressInput) {
  const issues = [
    ...(Number.isInteger(input.step) && input.step >= 0 ? [] : [{ field: 'input.step', message: 'must be a whole number of at least 0' }]),
    ...(Number.isInteger(input.totalSteps) && input.totalSteps >= input.step ? [] : [{ field: 'input.totalSteps', message: 'must be a whole number no smaller than step' }]),
    ...(Number.isFinite(input.epoch) && input.epoch >= 0 ? [] : [{ field: 'input.epoch', message: 'must be a number of at least 0' }]),
  ];
  for (const field of ['samplesPerSecond', 'tokensPerSecond', 'etaSeconds'] as const) {
    const value = input[field];
    if (value != null && !(Number.isFinite(value) && value >= 0)) issues.push({ field: `input.${field}`, message: 'must be a number of at least 0, or null when unknown' });
  }
  return issues;
}
const SHA256_HEX = /^[0-9a-f]{64}$/;
/** The run's device column holds this many characters. */
const MAX_DEVICE_LENGTH = 64;

/** The worker side of a run: claim with a lease, heartbeat, start, report, finish. */
export class RunLifecycleService {
  constructor(
    private readonly runs: RunService,
    private readonly workers: WorkerService,
    private readonly events: EventBus,
    private readonly leaseSeconds: number,
  ) {}

  /** Takes the next queued run (or one whose lease expired) for a worker. Null when there is none. */
  async claim(em: EntityManager, viewer: Viewer, workerId: string): Promise<Run | null> {
    const worker = await this.workers.get(em, viewer, workerId);
    await this.workers.touch(em, worker);
    if (this.runs.repository.skipsLockedRows) {
      const now = new Date();
      const runId = await this.runs.repository.claimNextSkipLocked(em, viewer.teamId, now, { workerId: worker.id, leaseExpiresAt: leaseExpiry(now, this.leaseSeconds) });
      if (!runId) return null;
      const run = await em.findOneOrFail(Run, runId, { refresh: true });
      this.runs.publishStatus(run);
      return run;
    }
    for (let tries = 0; tries < CLAIM_RACE_RETRIES; tries++) {
      const now = new Date();
      const candidate = await this.runs.repository.nextClaimable(em, viewer.teamId, now);
      if (!candidate) return null;
      if (await this.runs.repository.claimIfUnchanged(em, candidate, { workerId: worker.id, leaseExpiresAt: leaseExpiry(now, this.leaseSeconds) })) {
        const run = await em.refreshOrFail(candidate);
        this.runs.publishStatus(run);
        return run;
      }
      // Another worker won this run between our read and our update: look again.
      em.clear();
    }
    return null;
  }

  /** Keeps the worker alive and extends its lease; tells it when the run was cancelled. */
  async heartbeat(em: EntityManager, viewer: Viewer, workerId: string, runId: string | null | undefined): Promise<{ worker: Worker; run: Run | null; cancelRequested: boolean }> {
    const worker = await this.workers.get(em, viewer, workerId);
    worker.lastHeartbeatAt = new Date();
    if (!runId) {
      await em.flush();
      return { worker, run: null, cancelRequested: false };
    }
    const run = await this.runs.get(em, viewer, runId);
    if (run.status === 'CANCELLED') {
      await em.flush();
      return { worker, run, cancelRequested: true };
    }
    this.assertHolds(run, worker.id, ['CLAIMED', 'RUNNING']);
    run.leaseExpiresAt = leaseExpiry(new Date(), this.leaseSeconds);
    await em.flush();
    return { worker, run, cancelRequested: false };
  }

  async start(em: EntityManager, viewer: Viewer, runId: string, workerId: string, input: StartRunInput): Promise<Run> {
    const issues = parameterCountProblems(input.trainableParameters, input.totalParameters, 'input.');
    if (input.device != null && Array.from(input.device).length > MAX_DEVICE_LENGTH) {
      issues.push({ field: 'input.device', message: `must be at most ${MAX_DEVICE_LENGTH} characters, such as cuda:0 or cpu (got ${Array.from(input.device).length})` });
    }
    if (issues.length) throw badInput(issues);
    const run = await this.runs.get(em, viewer, runId);
    if (run.status === 'RUNNING' && run.worker?.id === workerId) return run;
    this.assertHolds(run, workerId, ['CLAIMED']);
    this.transition(run, 'RUNNING');
    run.startedAt ??= new Date();
    run.trainableParameters = input.trainableParameters;
    run.totalParameters = input.totalParameters;
    run.device = input.device ?? null;
    run.splitFingerprint = (await em.findOneOrFail(Study, run.study.id, { populate: ['dataset'] })).dataset.fingerprint;
    run.leaseExpiresAt = leaseExpiry(new Date(), this.leaseSeconds);
    await em.flush();
    this.runs.publishStatus(run);
    return run;
  }

  async complete(em: EntityManager, viewer: Viewer, runId: string, workerId: string, input: CompleteRunInput): Promise<Run> {
    const completion = validateRunCompletion(input);
    if (!completion.ok) throw badInput(completion.issues);
    const run = await this.runs.get(em, viewer, runId);
    if (run.status === 'SUCCEEDED' && run.worker?.id === workerId) return run; // a replayed report
    this.assertHolds(run, workerId, ['CLAIMED', 'RUNNING']);
    this.transition(run, 'SUCCEEDED');
    const { finalMetrics, trainSeconds, evalSeconds, peakMemoryBytes, trainableParameters, totalParameters } = completion.value;
    em.assign(run, {
      finalMetrics,
      trainSeconds,
      evalSeconds: evalSeconds ?? null,
      peakMemoryBytes: peakMemoryBytes ?? null,
      trainableParameters: trainableParameters ?? run.trainableParameters,
      totalParameters: totalParameters ?? run.totalParameters,
      finishedAt: new Date(),
      leaseExpiresAt: null,
    });
    await em.flush();
    this.runs.publishStatus(run);
    return run;
  }

  async fail(em: EntityManager, viewer: Viewer, runId: string, workerId: string, input: FailRunInput): Promise<Run> {
    const failure = validateRunFailure(input);
    if (!failure.ok) throw badInput(failure.issues);
    const run = await this.runs.get(em, viewer, runId);
    if (run.status === 'FAILED' && run.worker?.id === workerId) return run;
    this.assertHolds(run, workerId, ['CLAIMED', 'RUNNING']);
    this.transition(run, 'FAILED');
    em.assign(run, { errorCode: failure.value.code, errorMessage: failure.value.message, finishedAt: new Date(), leaseExpiresAt: null });
    await em.flush();
    this.runs.publishStatus(run);
    return run;
  }

  /** Stores where training is (step, epoch, speed, ETA) and streams it; also extends the lease. */
  async reportProgress(em: EntityManager, viewer: Viewer, runId: string, workerId: string, input: RunProgressInput): Promise<Run> {
    const issues = progressIssues(input);
    if (issues.length) throw badInput(issues);
    const run = await this.runs.get(em, viewer, runId);
    this.assertHolds(run, workerId, ['CLAIMED', 'RUNNING']);
    run.progress = {
      step: input.step,
      totalSteps: input.totalSteps,
      epoch: input.epoch,
      samplesPerSecond: input.samplesPerSecond ?? null,
      tokensPerSecond: input.tokensPerSecond ?? null,
      etaSeconds: input.etaSeconds ?? null,
      updatedAt: new Date().toISOString(),
    };
    run.leaseExpiresAt = leaseExpiry(new Date(), this.leaseSeconds);
    await em.flush();
    this.events.publish('run-events', run.id, { kind: RunEventKind.PROGRESS, runId: run.id, run });
    return run;
  }

  /** The worker restarts the engine on a run it still holds: a new attempt, recorded with its reason and batch. */
  async retry(em: EntityManager, viewer: Viewer, runId: string, workerId: string, input: RetryRunInput): Promise<Run> {
    const failure = validateRunFailure({ code: input.code, message: input.reason });
    const issues = [
      ...(failure.ok ? [] : failure.issues.map((issue) => ({ ...issue, field: issue.field.replace('input.message', 'input.reason') }))),
      ...positiveIntegerIssue(input.batchSize, 'input.batchSize'),
      ...positiveIntegerIssue(input.gradientAccumulationSteps, 'input.gradientAccumulationSteps'),
    ];
    if (issues.length) throw badInput(issues);
    const run = await this.runs.get(em, viewer, runId);
    this.assertHolds(run, workerId, ['CLAIMED', 'RUNNING']);
    const current = run.effectiveHyperparameters ?? run.hyperparameters;
    if (input.batchSize || input.gradientAccumulationSteps) {
      run.effectiveHyperparameters = {
        ...current,
        batchSize: input.batchSize ?? current.batchSize,
        gradientAccumulationSteps: input.gradientAccumulationSteps ?? current.gradientAccumulationSteps,
      };
    }
    run.attempt += 1;
    run.progress = null; // the new attempt reports its own
    run.retries = [
      ...run.retries,
      {
        attempt: run.attempt,
        code: input.code,
        reason: input.reason.trim(),
        batchSize: input.batchSize ?? null,
        gradientAccumulationSteps: input.gradientAccumulationSteps ?? null,
        at: new Date().toISOString(),
      },
    ];
    run.leaseExpiresAt = leaseExpiry(new Date(), this.leaseSeconds);
    await em.flush();
    this.runs.publishStatus(run);
    return run;
  }

  /**
   * Before launching, the worker found the requested batch too big for its memory: it trains with a smaller
   * micro-batch and more accumulation (the same effective batch). Recorded beside the retries, same attempt.
   */
  async adjustBatch(em: EntityManager, viewer: Viewer, runId: string, workerId: string, input: RetryRunInput): Promise<Run> {
    // The code is shown beside retries' codes (OOM, MEMORY_PREFLIGHT, …): the same rule as retryRun's.
    const code = validateRunFailure({ code: input.code, message: input.reason.trim() || '-' });
    const issues = [
      ...(code.ok ? [] : code.issues.filter((issue) => issue.field === 'input.code')),
      ...(input.reason.trim() ? [] : [{ field: 'input.reason', message: 'must say why the batch changed; it is shown to the user' }]),
      ...positiveIntegerIssue(input.batchSize ?? 0, 'input.batchSize'),
      ...positiveIntegerIssue(input.gradientAccumulationSteps ?? 0, 'input.gradientAccumulationSteps'),
    ];
    if (issues.length) throw badInput(issues);
    const run = await this.runs.get(em, viewer, runId);
    this.assertHolds(run, workerId, ['CLAIMED', 'RUNNING']);
    run.effectiveHyperparameters = { ...(run.effectiveHyperparameters ?? run.hyperparameters), batchSize: input.batchSize!, gradientAccumulationSteps: input.gradientAccumulationSteps! };
    run.retries = [
      ...run.retries,
      { attempt: run.attempt, code: input.code, reason: input.reason.trim(), batchSize: input.batchSize!, gradientAccumulationSteps: input.gradientAccumulationSteps!, at: new Date().toISOString() },
    ];
    await em.flush();
    this.runs.publishStatus(run);
    return run;
  }

  /**
   * Runs whose worker stopped heartbeating go back to the queue once their lease has run out, so no run shows
   * RUNNING with nobody training it; the next claim resumes it from its last checkpoint. Conditional on the
   * lease still being the expired one, so a claim or heartbeat that lands meanwhile wins. Returns the runs requeued.
   * (A claim takes an expired run at once anyway; this keeps the status honest when no worker is left.)
   */
  async requeueExpiredLeases(em: EntityManager, expiredBefore: Date): Promise<Run[]> {
    const expired = await em.find(Run, { status: { $in: ['CLAIMED', 'RUNNING'] }, leaseExpiresAt: { $lt: expiredBefore } }, { populate: ['study'] });
    const requeued: Run[] = [];
    for (const run of expired) {
      const changed = await em.nativeUpdate(
        Run,
        { id: run.id, status: run.status, attempt: run.attempt, leaseExpiresAt: run.leaseExpiresAt },
        { status: 'QUEUED' satisfies RunStatus, worker: null, leaseExpiresAt: null, progress: null },
      );
      if (changed !== 1) continue;
      const fresh = await em.findOneOrFail(Run, run.id, { refresh: true, populate: ['study'] });
      this.runs.publishStatus(fresh);
      requeued.push(fresh);
    }
    return requeued;
  }

  /** A worker shutting down hands its run back to the queue after a final checkpoint; the next claim resumes it. */
  async release(em: EntityManager, viewer: Viewer, runId: string, workerId: string): Promise<Run> {
    const run = await this.runs.get(em, viewer, runId);
    if (run.status === 'QUEUED') return run;
    this.assertHolds(run, workerId, ['CLAIMED', 'RUNNING']);
    this.transition(run, 'QUEUED');
    em.assign(run, { worker: null, leaseExpiresAt: null, progress: null });
    await em.flush();
    this.runs.publishStatus(run);
    return run;
  }

  /** Idempotent on (run, epoch, step): a replayed report returns the stored checkpoint. */
  async recordCheckpoint(em: EntityManager, viewer: Viewer, runId: string, input: CheckpointInput): Promise<Checkpoint> {
    const issues = [
      ...(Number.isInteger(input.epoch) && input.epoch >= 0 ? [] : [{ field: 'input.epoch', message: 'must be a whole number of at least 0' }]),
      ...(Number.isInteger(input.step) && input.step >= 0 ? [] : [{ field: 'input.step', message: 'must be a whole number of at least 0' }]),
      ...(input.path.trim() ? [] : [{ field: 'input.path', message: 'must be the path the checkpoint was written to' }]),
      ...(Number.isFinite(input.bytes) && input.bytes >= 0 ? [] : [{ field: 'input.bytes', message: 'must be the size in bytes, at least 0' }]),
    ];
    if (issues.length) throw badInput(issues);
    const run = await this.runs.get(em, viewer, runId);
    const existing = await em.findOne(Checkpoint, { run, epoch: input.epoch, step: input.step });
    if (existing) return existing;
    const checkpoint = em.create(Checkpoint, { run, epoch: input.epoch, step: input.step, path: input.path, bytes: input.bytes, metrics: input.metrics ?? null });
    await em.flush();
    this.events.publish('run-events', run.id, { kind: RunEventKind.CHECKPOINT, runId: run.id, checkpoint });
    return checkpoint;
  }

  async recordArtifact(em: EntityManager, viewer: Viewer, runId: string, input: ArtifactInput): Promise<Artifact> {
    const issues = [
      ...(/^[a-z][a-z0-9_-]{0,63}$/.test(input.kind) ? [] : [{ field: 'input.kind', message: 'must be a short lower-case kind such as onnx, tokenizer or predictions' }]),
      ...(input.path.trim() ? [] : [{ field: 'input.path', message: 'must be the path of the file' }]),
      ...(SHA256_HEX.test(input.sha256) ? [] : [{ field: 'input.sha256', message: 'must be the 64 lower-case hex digits of the file\'s SHA-256' }]),
      ...(Number.isFinite(input.bytes) && input.bytes >= 0 ? [] : [{ field: 'input.bytes', message: 'must be the size in bytes, at least 0' }]),
    ];
    if (issues.length) throw badInput(issues);
    const run = await this.runs.get(em, viewer, runId);
    const existing = await em.findOne(Artifact, { run, kind: input.kind, path: input.path });
    if (existing) {
      if (existing.sha256 !== input.sha256) recordAudit(em, viewer, 'artifact.replaced', { type: 'Artifact', id: existing.id }, { runId: run.id, kind: input.kind, path: input.path, previousSha256: existing.sha256, sha256: input.sha256 });
      em.assign(existing, { sha256: input.sha256, bytes: input.bytes });
      await em.flush();
      return existing;
    }
    const artifact = em.create(Artifact, { run, ...input });
    await em.flush();
    return artifact;
  }

  /** Stores (or, after a resumed attempt, replaces) a run's predictions on one split. */
  async recordPredictions(em: EntityManager, viewer: Viewer, runId: string, input: PredictionsInput): Promise<RunPredictions> {
    const checked = validatePredictionSet(input);
    if (!checked.ok) throw badInput(checked.issues);
    const run = await this.runs.get(em, viewer, runId);
    const { split, examplesKey, labels, predictions } = checked.value;
    const existing = await em.findOne(RunPredictions, { run, split });
    const stored = existing ?? em.create(RunPredictions, { run, split, examplesKey, count: labels.length, labels, predictions });
    if (existing) recordAudit(em, viewer, 'predictions.replaced', { type: 'RunPredictions', id: existing.id }, { runId: run.id, split, previousCount: existing.count, count: labels.length });
    if (existing) em.assign(existing, { examplesKey, count: labels.length, labels, predictions, createdAt: new Date() });
    await em.flush();
    return stored;
  }

  private assertHolds(run: Run, workerId: string, statuses: RunStatus[]): void {
    if (run.status === 'CANCELLED') throw runErrors.cancelled(run.id);
    if (!statuses.includes(run.status)) {
      throw runErrors.transition(run.id, `is ${run.status}, expected ${statuses.join(' or ')}`);
    }
    // An expired lease that nobody took over yet still counts: the worker was slow, not gone.
    if (run.worker?.id !== workerId) throw runErrors.leaseNotHeld(run.id, workerId);
  }

  private transition(run: Run, to: RunStatus): void {
    const problem = transitionProblem(run.status, to);
    if (problem) throw runErrors.transition(run.id, problem);
    run.status = to;
  }
}
