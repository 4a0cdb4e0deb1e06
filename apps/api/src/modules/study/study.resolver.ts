import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { type RequestContext, requireViewer } from '../../graphql/context';
import { Dataset } from '../dataset/dataset.entity';
import { Project } from '../project/project.entity';
import { Run } from '../run/run.entity';
import { CreateStudyInput } from './dto/create-study.input';
import { StudyEvent, type StudyEventPayload } from './study-event.type';
import { Leaderboard, RunCounts } from './study-views.type';
import { Study } from './study.entity';

@Resolver(() => Study)
export class StudyResolver {
  @Query(() => [Study])
  studies(@Arg('projectId', () => ID) projectId: string, @Ctx() ctx: RequestContext): Promise<Study[]> {
    return ctx.services.studies.list(ctx.em, requireViewer(ctx), projectId);
  }

  @Query(() => Study)
  study(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Study> {
    return ctx.services.studies.get(ctx.em, requireViewer(ctx), id);
  }

  @Mutation(() => Study, { description: 'Creates a study and queues one run per method and seed.' })
  createStudy(@Arg('input', () => CreateStudyInput) input: CreateStudyInput, @Ctx() ctx: RequestContext): Promise<Study> {
    return ctx.services.studies.create(ctx.em, requireViewer(ctx), input);
  }

  @Query(() => Leaderboard)
  async leaderboard(
    @Arg('studyId', () => ID) studyId: string,
    @Ctx() ctx: RequestContext,
    @Arg('metric', () => String, { nullable: true, description: "Default: the study's primary metric." }) metric?: string,
  ): Promise<Leaderboard> {
    const study = await ctx.services.studies.get(ctx.em, requireViewer(ctx), studyId);
    const key = metric ?? study.primaryMetric;
    const { direction, rows, excluded } = await ctx.services.runs.leaderboard(ctx.em, study, key);
    return { metric: key, direction, rows: rows.map(({ rank, run, value }) => ({ rank, run, value, method: run.method, seed: run.seed })), excluded };
  }

  @Subscription(() => StudyEvent, {
    description: 'Run status changes and final metrics of a study as they land.',
    subscribe: async ({ args, context }) => {
      const ctx = context as RequestContext;
      await ctx.services.studies.get(ctx.em, requireViewer(ctx), args.studyId as string);
      return ctx.services.events.subscribe('study-events', args.studyId as string);
    },
  })
  studyEvents(@Arg('studyId', () => ID) _studyId: string, @Root() event: StudyEventPayload): StudyEvent {
    return event;
  }

  @FieldResolver(() => Project)
  project(@Root() study: Study, @Ctx() ctx: RequestContext): Promise<Project> {
    return ctx.em.findOneOrFail(Project, study.project.id);
  }

  @FieldResolver(() => Dataset)
  dataset(@Root() study: Study, @Ctx() ctx: RequestContext): Promise<Dataset> {
    return ctx.em.findOneOrFail(Dataset, study.dataset.id);
  }

  @FieldResolver(() => [Run], { description: 'In queue order: methods, then seeds.' })
  runs(@Root() study: Study, @Ctx() ctx: RequestContext): Promise<Run[]> {
    return ctx.services.runs.repository.listInStudy(ctx.em, study.id);
  }

  @FieldResolver(() => RunCounts)
  async runCounts(@Root() study: Study, @Ctx() ctx: RequestContext): Promise<RunCounts> {
    const counts = new Map((await ctx.services.runs.repository.countByStatus(ctx.em, study.id)).map(({ status, count }) => [status, count]));
    const get = (status: string) => counts.get(status as never) ?? 0;
    return {
      queued: get('QUEUED'),
      running: get('CLAIMED') + get('RUNNING'),
      succeeded: get('SUCCEEDED'),
      failed: get('FAILED'),
      cancelled: get('CANCELLED'),
      total: [...counts.values()].reduce((sum, count) => sum + count, 0),
    };
  }
}
