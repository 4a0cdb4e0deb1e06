import type { EntityManager } from '@mikro-orm/knex';
import { decodeCursor, encodeCursor, largestGroup, metricDirection, metricKeyProblem, rankRuns, type RankedRun, transitionProblem } from '@tunelab/core';
import type { Viewer } from '../../graphql/context';
import { recordAudit } from '../audit/audit.service';
import { badInput } from '../../graphql/errors';
import type { EventBus } from '../../graphql/pubsub';
import type { Study } from '../study/study.entity';
import { type RunFilter, type RunSort, SortDirection } from './dto/run-query.input';
import { RunEventKind } from './run-event.type';
import { runErrors } from './run.errors';
import type { Run } from './run.entity';
import type { RunRepository } from './run.repository';

export interface RunPage {
  runs: { cursor: string; run: Run }[];
  hasNextPage: boolean;
  totalCount: number;
}

const MAX_PAGE = 200;
const VISIBILITY_CACHE_LIMIT = 10_000;

/** What users do with runs: read, list, rank, cancel. The worker side lives in RunLifecycleService. */
export class RunService {
  /** runId -> teamId: ingest checks visibility on every batch, and a run never changes team. */
  private teamOfRun = new Map<string, string>();

  constructor(
    readonly repository: RunRepository,
    private readonly events: EventBus,
  ) {}

  async get(em: EntityManager, viewer: Viewer, id: string): Promise<Run> {
    const run = await this.repository.findVisible(em, viewer, id);
    if (!run) throw runErrors.notFound(id);
    return run;
  }

  async assertVisible(em: EntityManager, viewer: Viewer, runId: string): Promise<void> {
    if (this.teamOfRun.get(runId) === viewer.teamId) return;
    await this.get(em, viewer, runId);
    if (this.teamOfRun.size >= VISIBILITY_CACHE_LIMIT) this.teamOfRun.clear();
    this.teamOfRun.set(runId, viewer.teamId);
  }

  async list(em: EntityManager, viewer: Viewer, args: { filter?: RunFilter | null; sort?: RunSort | null; first: number; after?: string | null }): Promise<RunPage> {
    if (!Number.isInteger(args.first) || args.first < 1 || args.first > MAX_PAGE) {
      throw runErrors.badField('first', `must be an integer from 1 to ${MAX_PAGE} (got ${args.first}); page through with after`);
    }
    const metric = args.sort?.metric ?? null;
    if (metric) {
      const problem = metricKeyProblem(metric);
      if (problem) throw runErrors.badField('sort.metric', problem);
    }
    const runs = await this.repository.listVisible(em, viewer, args.filter);
    const ordered = orderRuns(runs, metric, args.sort?.direction ?? null);
    let start = 0;
    if (args.after) {
      const decoded = decodeCursor(args.after, 'after');
      if (!decoded.ok) throw badInput(decoded.issues);
      const afterId = decoded.value[0];
      const index = ordered.findIndex((run) => run.id === afterId);
      if (index < 0) throw runErrors.badField('after', 'points at a run that no longer matches this filter; start again without after');
      start = index + 1;
    }
    const page = ordered.slice(start, start + args.first);
    return {
      runs: page.map((run) => ({ cursor: encodeCursor([run.id]), run })),
      hasNextPage: start + args.first < ordered.length,
      totalCount: ordered.length,
    };
  }

  async cancel(em: EntityManager, viewer: Viewer, runId: string): Promise<Run> {
    const run = await this.get(em, viewer, runId);
    if (run.status === 'CANCELLED') return run;
    const problem = transitionProblem(run.status, 'CANCELLED');
    if (problem) throw runErrors.transition(run.id, problem);
    recordAudit(em, viewer, 'run.cancelled', { type: 'Run', id: run.id }, { from: run.status, studyId: run.study.id });
    run.status = 'CANCELLED';
    run.finishedAt = new Date();
    run.leaseExpiresAt = null;
    run.errorCode = 'CANCELLED';
    run.errorMessage = `cancelled with token "${viewer.tokenName}"`;
    await em.flush();
    this.publishStatus(run);
    return run;
  }

  /** Succeeded runs of a study ranked by a metric (the study's primary metric by default). */
  async leaderboard(em: EntityManager, study: Study, metric: string): Promise<{ direction: SortDirection; rows: RankedRun<Run>[]; excluded: { run: Run; reason: string }[] }> {
    const problem = metricKeyProblem(metric);
    if (problem) throw runErrors.badField('metric', problem);
    // Only runs evaluated on the same split are ranked together; the others are listed with the reason.
    const { group, rest } = largestGroup(await this.repository.listInStudy(em, study.id, 'SUCCEEDED'), (run) => run.splitFingerprint ?? '');
    const reference = group[0]?.splitFingerprint ?? null;
    const excluded = rest.map((run) => ({
      run,
      reason: `evaluated on split ${run.splitFingerprint ?? '(not recorded)'}, not ${reference ?? '(not recorded)'} like the ${group.length} runs ranked`,
    }));
    const direction = metricDirection(metric);
    return { direction: direction === 'maximize' ? SortDirection.DESC : SortDirection.ASC, rows: rankRuns(group, metric, direction), excluded };
  }

  publishStatus(run: Run): void {
    this.events.publish('run-events', run.id, { kind: RunEventKind.STATUS, runId: run.id, status: run.status, run });
    this.events.publish('study-events', run.study.id, { studyId: run.study.id, run });
  }
}

/** Newest first without a metric; with one, its better end first unless a direction is given, missing values last. */
function orderRuns(runs: Run[], metric: string | null, direction: SortDirection | null): Run[] {
  const byId = (a: Run, b: Run) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  if (!metric) {
    const sign = direction === SortDirection.ASC ? 1 : -1;
    return [...runs].sort((a, b) => sign * (a.createdAt.getTime() - b.createdAt.getTime()) || a.position - b.position || byId(a, b));
  }
  const descending = direction ? direction === SortDirection.DESC : metricDirection(metric) === 'maximize';
  const valueOf = (run: Run) => {
    const value = run.finalMetrics?.[metric];
    return typeof value === 'number' && Number.isFinite(value) ? value : null;
  };
  return [...runs].sort((a, b) => {
    const va = valueOf(a);
    const vb = valueOf(b);
    if (va === null || vb === null) return va === vb ? byId(a, b) : va === null ? 1 : -1;
    return (descending ? vb - va : va - vb) || byId(a, b);
  });
}
