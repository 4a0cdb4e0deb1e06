import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { type RequestContext, requireViewer } from '../../graphql/context';
import { Worker } from '../worker/worker.entity';
import { Artifact } from './artifact.entity';
import { Checkpoint } from './checkpoint.entity';
import { ArtifactInput, CheckpointInput, CompleteRunInput, FailRunInput, PredictionsInput, StartRunInput } from './dto/worker-reports.input';
import { RunPredictionsSummary } from './run-predictions.type';
import { summarizePredictions } from './run-predictions.summary';
import { RetryRunInput, RunProgressInput } from './run-progress.type';
import { Run } from './run.entity';

@ObjectType({ description: 'A run a worker now holds; it must heartbeat before leaseExpiresAt.' })
class RunClaim {
  @Field(() => Run) run: Run;
  @Field(() => Date) leaseExpiresAt: Date;
  @Field(() => Int) attempt: number;
}

@ObjectType()
class HeartbeatResult {
  @Field(() => Worker) worker: Worker;
  @Field(() => Date, { nullable: true }) leaseExpiresAt: Date | null;
  @Field(() => Boolean, { description: 'The run was cancelled: stop the engine.' }) cancelRequested: boolean;
}

/** The mutations a trainer daemon calls while it works through a run. */
@Resolver()
export class RunWorkerResolver {
  @Mutation(() => RunClaim, { nullable: true, description: 'Atomically takes the next queued run; null when none is waiting.' })
  async claimRun(@Arg('workerId', () => ID) workerId: string, @Ctx() ctx: RequestContext): Promise<RunClaim | null> {
    const run = await ctx.services.lifecycle.claim(ctx.em, requireViewer(ctx), workerId);
    return run && { run, leaseExpiresAt: run.leaseExpiresAt!, attempt: run.attempt };
  }

  @Mutation(() => HeartbeatResult)
  async heartbeat(
    @Arg('workerId', () => ID) workerId: string,
    @Ctx() ctx: RequestContext,
    @Arg('runId', () => ID, { nullable: true }) runId?: string,
  ): Promise<HeartbeatResult> {
    const { worker, run, cancelRequested } = await ctx.services.lifecycle.heartbeat(ctx.em, requireViewer(ctx), workerId, runId);
    return { worker, leaseExpiresAt: run?.leaseExpiresAt ?? null, cancelRequested };
  }

  @Mutation(() => Run)
  startRun(
    @Arg('runId', () => ID) runId: string,
    @Arg('workerId', () => ID) workerId: string,
    @Arg('input', () => StartRunInput) input: StartRunInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Run> {
    return ctx.services.lifecycle.start(ctx.em, requireViewer(ctx), runId, workerId, input);
  }

  @Mutation(() => Run, { description: 'Step, epoch, speed and ETA of the run; extends the lease.' })
  reportProgress(
    @Arg('runId', () => ID) runId: string,
    @Arg('workerId', () => ID) workerId: string,
    @Arg('input', () => RunProgressInput) input: RunProgressInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Run> {
    return ctx.services.lifecycle.reportProgress(ctx.em, requireViewer(ctx), runId, workerId, input);
  }

  @Mutation(() => Run, { description: 'Starts a new attempt of a run the worker holds (after an engine crash or out of memory).' })
  retryRun(
    @Arg('runId', () => ID) runId: string,
    @Arg('workerId', () => ID) workerId: string,
    @Arg('input', () => RetryRunInput) input: RetryRunInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Run> {
    return ctx.services.lifecycle.retry(ctx.em, requireViewer(ctx), runId, workerId, input);
  }

  @Mutation(() => Run, { description: 'Trains a held run with a smaller micro-batch and more accumulation (same effective batch), e.g. after a memory pre-flight; same attempt.' })
  adjustBatch(
    @Arg('runId', () => ID) runId: string,
    @Arg('workerId', () => ID) workerId: string,
    @Arg('input', () => RetryRunInput) input: RetryRunInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Run> {
    return ctx.services.lifecycle.adjustBatch(ctx.em, requireViewer(ctx), runId, workerId, input);
  }

  @Mutation(() => Run, { description: 'Gives a held run back to the queue (the worker is shutting down); the next claim resumes it.' })
  releaseRun(@Arg('runId', () => ID) runId: string, @Arg('workerId', () => ID) workerId: string, @Ctx() ctx: RequestContext): Promise<Run> {
    return ctx.services.lifecycle.release(ctx.em, requireViewer(ctx), runId, workerId);
  }

  @Mutation(() => Checkpoint)
  recordCheckpoint(@Arg('runId', () => ID) runId: string, @Arg('input', () => CheckpointInput) input: CheckpointInput, @Ctx() ctx: RequestContext): Promise<Checkpoint> {
    return ctx.services.lifecycle.recordCheckpoint(ctx.em, requireViewer(ctx), runId, input);
  }

  @Mutation(() => Artifact)
  recordArtifact(@Arg('runId', () => ID) runId: string, @Arg('input', () => ArtifactInput) input: ArtifactInput, @Ctx() ctx: RequestContext): Promise<Artifact> {
    return ctx.services.lifecycle.recordArtifact(ctx.em, requireViewer(ctx), runId, input);
  }

  @Mutation(() => RunPredictionsSummary, { description: "Stores a run's predictions on a split (replacing earlier ones): the evidence for its confidence intervals and paired tests." })
  async recordPredictions(
    @Arg('runId', () => ID) runId: string,
    @Arg('input', () => PredictionsInput) input: PredictionsInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RunPredictionsSummary> {
    return summarizePredictions(await ctx.services.lifecycle.recordPredictions(ctx.em, requireViewer(ctx), runId, input));
  }

  @Mutation(() => Run)
  completeRun(
    @Arg('runId', () => ID) runId: string,
    @Arg('workerId', () => ID) workerId: string,
    @Arg('input', () => CompleteRunInput) input: CompleteRunInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Run> {
    return ctx.services.lifecycle.complete(ctx.em, requireViewer(ctx), runId, workerId, input);
  }

  @Mutation(() => Run)
  failRun(
    @Arg('runId', () => ID) runId: string,
    @Arg('workerId', () => ID) workerId: string,
    @Arg('input', () => FailRunInput) input: FailRunInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Run> {
    return ctx.services.lifecycle.fail(ctx.em, requireViewer(ctx), runId, workerId, input);
  }
}
