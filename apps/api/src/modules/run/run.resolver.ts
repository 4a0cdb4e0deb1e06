import { isTerminal } from '@tunelab/core';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { type RequestContext, requireViewer } from '../../graphql/context';
import { Study } from '../study/study.entity';
import { Worker } from '../worker/worker.entity';
import { Artifact } from './artifact.entity';
import { Checkpoint } from './checkpoint.entity';
import { RunFilter, RunSort } from './dto/run-query.input';
import { RunConnection } from './run-connection.type';
import { RunEvent, type RunEventPayload } from './run-event.type';
import { RunProgress, RunRetry } from './run-progress.type';
import { Run } from './run.entity';
import { RunPredictions } from './run-predictions.entity';
import { RunPredictionsSummary } from './run-predictions.type';
import { summarizePredictions } from './run-predictions.summary';

@Resolver(() => Run)
export class RunResolver {
  @Query(() => RunConnection, { description: "Your team's runs, filtered, sorted and paged." })
  async runs(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => RunFilter, { nullable: true }) filter?: RunFilter,
    @Arg('sort', () => RunSort, { nullable: true }) sort?: RunSort,
    @Arg('first', () => Int, { defaultValue: 50 }) first = 50,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<RunConnection> {
    const page = await ctx.services.runs.list(ctx.em, requireViewer(ctx), { filter, sort, first, after });
    return {
      edges: page.runs.map(({ cursor, run }) => ({ cursor, node: run })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.runs.at(-1)?.cursor ?? null },
      totalCount: page.totalCount,
    };
  }

  @Query(() => Run)
  run(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Run> {
    return ctx.services.runs.get(ctx.em, requireViewer(ctx), id);
  }

  @Mutation(() => Run, { description: 'Stops a queued or running run; its worker learns it at the next heartbeat.' })
  cancelRun(@Arg('runId', () => ID) runId: string, @Ctx() ctx: RequestContext): Promise<Run> {
    return ctx.services.runs.cancel(ctx.em, requireViewer(ctx), runId);
  }

  @Subscription(() => RunEvent, {
    description: 'Metric points, status changes and checkpoints of one run as they happen.',
    subscribe: async ({ args, context }) => {
      const ctx = context as RequestContext;
      await ctx.services.runs.assertVisible(ctx.em, requireViewer(ctx), args.runId as string);
      return ctx.services.events.subscribe('run-events', args.runId as string);
    },
  })
  runEvents(@Arg('runId', () => ID) _runId: string, @Root() event: RunEventPayload): RunEvent {
    return event;
  }

  @FieldResolver(() => Study)
  study(@Root() run: Run, @Ctx() ctx: RequestContext): Promise<Study> {
    return ctx.em.findOneOrFail(Study, run.study.id);
  }

  @FieldResolver(() => Worker, { nullable: true })
  worker(@Root() run: Run, @Ctx() ctx: RequestContext): Promise<Worker | null> {
    return run.worker ? ctx.em.findOne(Worker, run.worker.id) : Promise.resolve(null);
  }

  @FieldResolver(() => [Checkpoint])
  checkpoints(@Root() run: Run, @Ctx() ctx: RequestContext): Promise<Checkpoint[]> {
    return ctx.em.find(Checkpoint, { run: run.id }, { orderBy: { epoch: 'asc', step: 'asc' } });
  }

  @FieldResolver(() => [Artifact])
  artifacts(@Root() run: Run, @Ctx() ctx: RequestContext): Promise<Artifact[]> {
    return ctx.em.find(Artifact, { run: run.id }, { orderBy: { createdAt: 'asc' } });
  }

  @FieldResolver(() => RunProgress, { nullable: true, description: 'Where training is; null before the first report and after the run ends.' })
  progress(@Root() run: Run): RunProgress | null {
    return run.progress && !isTerminal(run.status) ? { ...run.progress, updatedAt: new Date(run.progress.updatedAt) } : null;
  }

  @FieldResolver(() => RunPredictionsSummary, { nullable: true, description: 'The stored test predictions with their confusion matrix; null until the run stored them.' })
  async testPredictions(@Root() run: Run, @Ctx() ctx: RequestContext): Promise<RunPredictionsSummary | null> {
    const stored = await ctx.em.findOne(RunPredictions, { run: run.id, split: 'test' }, { populate: ['labels', 'predictions'] });
    return stored ? summarizePredictions(stored) : null;
  }

  @FieldResolver(() => [RunRetry])
  retries(@Root() run: Run): RunRetry[] {
    return run.retries.map((retry) => ({ ...retry, at: new Date(retry.at) }));
  }

  @FieldResolver(() => [String], { description: 'The metric keys this run has logged.' })
  metricKeys(@Root() run: Run, @Ctx() ctx: RequestContext): Promise<string[]> {
    return ctx.services.metrics.keys(ctx.em, run.id);
  }
}
