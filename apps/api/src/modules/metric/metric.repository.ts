import type { EntityManager } from '@mikro-orm/knex';
import { bucketsFromBlocks, chooseRollupWidth, type MetricBucket, type MetricPointRecord, ROLLUP_WIDTHS, rollupBlocks } from '@tunelab/core';
import type { MetricWriter } from './metric-writer';

const WIDEST = ROLLUP_WIDTHS[ROLLUP_WIDTHS.length - 1];

export interface StepRange {
  minStep: number;
  maxStep: number;
  count: number;
}

/**
 * The metric store. Raw SQL on purpose: ingest and history are the hot paths of the platform. Reads run
 * unchanged on SQLite and PostgreSQL; writes go through the database's own MetricWriter.
 */
export class MetricRepository {
  constructor(private readonly writer: MetricWriter) {}

  /** Stores points, ignoring (run, key, step) already stored, and keeps the rollups in step. Returns the points stored now. */
  insertIgnoringDuplicates(em: EntityManager, runId: string, points: MetricPointRecord[]): Promise<MetricPointRecord[]> {
    return this.writer.write(em, runId, points, rollupBlocks);
  }

  /** Distinct keys of a run, skipping through the (run, key, step) index: cheap even with millions of points. */
  async keys(em: EntityManager, runId: string): Promise<string[]> {
    const rows = (await em.getConnection().execute(
      `with recursive k("key") as (
         select min("key") from metric_point where run_id = ?
         union all
         select (select min("key") from metric_point where run_id = ? and "key" > k."key") from k where k."key" is not null
       ) select "key" from k where "key" is not null`,
      [runId, runId],
      'all',
    )) as { key: string }[];
    return rows.map((row) => row.key);
  }

  /** First and last step and the point count, read from the widest rollup: a few rows per series. */
  async stepRange(em: EntityManager, runId: string, key: string): Promise<StepRange | null> {
    const [row] = (await em.getConnection().execute(
      `select min(first_step) as min_step, max(last_step) as max_step, sum(count) as n from metric_rollup where run_id = ? and "key" = ? and width = ?`,
      [runId, key, WIDEST],
      'all',
    )) as { min_step: number | string | null; max_step: number | string | null; n: number | string | null }[];
    if (!row || row.min_step === null || row.max_step === null) return null;
    return { minStep: Number(row.min_step), maxStep: Number(row.max_step), count: Number(row.n) };
  }

  /** At most maxPoints buckets: exact from the points for small series, from the rollups for large ones. */
  history(em: EntityManager, runId: string, key: string, range: StepRange, maxPoints: number): Promise<MetricBucket[]> {
    const width = chooseRollupWidth(range, maxPoints);
    return width === null ? this.exactBuckets(em, runId, key, range, maxPoints) : this.bucketsFromRollup(em, runId, key, width, range, maxPoints);
  }

  private async bucketsFromRollup(em: EntityManager, runId: string, key: string, width: number, range: StepRange, maxPoints: number): Promise<MetricBucket[]> {
    const rows = (await em.getConnection().execute(
      `select count, min_value, max_value, first_step, last_step, last_value from metric_rollup where run_id = ? and "key" = ? and width = ?`,
      [runId, key, width],
      'all',
    )) as { count: number | string; min_value: number; max_value: number; first_step: number; last_step: number; last_value: number }[];
    const blocks = rows.map((row) => ({
      count: Number(row.count),
      min: Number(row.min_value),
      max: Number(row.max_value),
      firstStep: Number(row.first_step),
      lastStep: Number(row.last_step),
      lastValue: Number(row.last_value),
    }));
    return bucketsFromBlocks(blocks, range, maxPoints);
  }

  /** The bucket formula is bucketIndex() of @tunelab/core in integer SQL arithmetic. */
  private async exactBuckets(em: EntityManager, runId: string, key: string, range: StepRange, maxPoints: number): Promise<MetricBucket[]> {
    const span = range.maxStep - range.minStep + 1;
    const rows = (await em.getConnection().execute(
      `select g.step_start, g.step_end, g.min_value, g.max_value, g.n, p."value" as last_value
       from (
         select (cast(step as bigint) - ?) * ? / ? as bucket, min(step) as step_start, max(step) as step_end,
                min("value") as min_value, max("value") as max_value, count(*) as n
         from metric_point where run_id = ? and "key" = ?
         group by (cast(step as bigint) - ?) * ? / ?
       ) g
       join metric_point p on p.run_id = ? and p."key" = ? and p.step = g.step_end
       order by g.step_start`,
      [range.minStep, maxPoints, span, runId, key, range.minStep, maxPoints, span, runId, key],
      'all',
    )) as { step_start: number | string; step_end: number | string; min_value: number; max_value: number; n: number | string; last_value: number }[];
    return rows.map((row) => ({
      stepStart: Number(row.step_start),
      stepEnd: Number(row.step_end),
      lastStep: Number(row.step_end),
      min: Number(row.min_value),
      max: Number(row.max_value),
      last: Number(row.last_value),
      count: Number(row.n),
    }));
  }
}
