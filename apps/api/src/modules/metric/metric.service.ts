import type { EntityManager } from '@mikro-orm/knex';
import { type MetricSeriesInput, metricKeyProblem, normalizeMetricPoints, seriesToPoints, validateMaxPoints } from '@tunelab/core';
import type { Viewer } from '../../graphql/context';
import { badField, badInput } from '../../graphql/errors';
import type { EventBus } from '../../graphql/pubsub';
import { RunEventKind } from '../run/run-event.type';
import type { RunService } from '../run/run.service';
import type { MetricPointInput, MetricSeries } from './metric-point.type';
import type { MetricRepository } from './metric.repository';

const MAX_HISTORY_KEYS = 50;

export class MetricService {
  constructor(
    private readonly runs: RunService,
    private readonly repository: MetricRepository,
    private readonly events: EventBus,
  ) {}

  /** Idempotent ingest: a replayed batch stores nothing twice, and subscribers see each point once. */
  log(em: EntityManager, viewer: Viewer, runId: string, points: MetricPointInput[]): Promise<{ accepted: number; duplicates: number }> {
    return this.store(em, viewer, runId, points, (field) => field);
  }

  /** The same, for points sent in columns per metric. */
  logSeries(em: EntityManager, viewer: Viewer, runId: string, series: MetricSeriesInput[]): Promise<{ accepted: number; duplicates: number }> {
    const columns = seriesToPoints(series);
    if (!columns.ok) throw badInput(columns.issues);
    return this.store(em, viewer, runId, columns.value.points, columns.value.locate);
  }

  private async store(em: EntityManager, viewer: Viewer, runId: string, points: MetricPointInput[], fieldOf: (pointField: string) => string) {
    await this.runs.assertVisible(em, viewer, runId);
    const normalized = normalizeMetricPoints(points, Date.now() / 1000);
    if (!normalized.ok) throw badInput(normalized.issues.map((issue) => ({ ...issue, field: fieldOf(issue.field) })));
    const stored = await this.repository.insertIgnoringDuplicates(em, runId, normalized.value);
    if (stored.length > 0) this.events.publish('run-events', runId, { kind: RunEventKind.METRICS, runId, points: stored });
    return { accepted: stored.length, duplicates: points.length - stored.length };
  }

  async keys(em: EntityManager, runId: string): Promise<string[]> {
    return this.repository.keys(em, runId);
  }

  async history(em: EntityManager, viewer: Viewer, runId: string, keys: string[], maxPoints: number): Promise<MetricSeries[]> {
    await this.runs.assertVisible(em, viewer, runId);
    const maxProblem = validateMaxPoints(maxPoints);
    if (maxProblem) throw badField('maxPoints', maxProblem);
    if (keys.length > MAX_HISTORY_KEYS) throw badField('keys', `at most ${MAX_HISTORY_KEYS} keys per call (got ${keys.length}); ask for fewer keys`);
    const issues = keys.flatMap((key, index) => {
      const problem = metricKeyProblem(key);
      return problem ? [{ field: `keys[${index}]`, message: problem }] : [];
    });
    if (issues.length) throw badInput(issues);
    const series: MetricSeries[] = [];
    for (const key of new Set(keys)) {
      const range = await this.repository.stepRange(em, runId, key);
      const buckets = range ? await this.repository.history(em, runId, key, range, maxPoints) : [];
      series.push({ key, totalPoints: range?.count ?? 0, buckets });
    }
    return series;
  }
}
