import type { EntityManager } from '@mikro-orm/knex';
import type { MetricBucket, MetricPointRecord } from '@tunelab/core';

/** Rows per INSERT: under SQLite's 32,766 bound parameters and PostgreSQL's 65,535 at 6 columns a row. */
const INSERT_CHUNK = 2_000;

/**
 * The metric store. Raw SQL on purpose: ingest and history are the hot paths of the platform,
 * and the statements below run unchanged on SQLite and PostgreSQL.
 */
export class MetricRepository {
  /** Inserts points, ignoring (run, key, step) already stored. Returns the points stored now. */
  async insertIgnoringDuplicates(em: EntityManager, runId: string, points: MetricPointRecord[]): Promise<MetricPointRecord[]> {
    const inserted: MetricPointRecord[] = [];
    const connection = em.getConnection();
    for (let start = 0; start < points.length; start += INSERT_CHUNK) {
      const chunk = points.slice(start, start + INSERT_CHUNK);
      const params: unknown[] = [];
      const rows: string[] = [];
      for (const point of chunk) {
        rows.push('(?, ?, ?, ?, ?, ?)');
        params.push(runId, point.key, point.step, point.epoch, point.value, point.wallTime);
      }
      const sql =
        `insert into metric_point (run_id, "key", step, epoch, "value", wall_time) values ${rows.join(', ')} ` +
        `on conflict (run_id, "key", step) do nothing returning "key", step`;
      const stored = (await connection.execute(sql, params, 'all')) as { key: string; step: number | string }[];
      if (stored.length === chunk.length) {
        inserted.push(...chunk);
      } else if (stored.length > 0) {
        const storedIds = new Set(stored.map((row) => `${row.key}\u0000${Number(row.step)}`));
        for (const point of chunk) if (storedIds.has(`${point.key}\u0000${point.step}`)) inserted.push(point);
      }
    }
    return inserted;
  }

  /** Distinct keys of a run, by skipping through the (run, key, step) index: cheap even with millions of points. */
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

  async stepRange(em: EntityManager, runId: string, key: string): Promise<{ minStep: number; maxStep: number; count: number } | null> {
    const [row] = (await em.getConnection().execute(
      `select min(step) as min_step, max(step) as max_step, count(*) as n from metric_point where run_id = ? and "key" = ?`,
      [runId, key],
      'all',
    )) as { min_step: number | string | null; max_step: number | string | null; n: number | string }[];
    if (!row || row.min_step === null || row.max_step === null) return null;
    return { minStep: Number(row.min_step), maxStep: Number(row.max_step), count: Number(row.n) };
  }

  /**
   * Groups a series into at most maxPoints buckets of equal step width, keeping each bucket's min, max and
   * last value. The bucket formula is bucketIndex() of @tunelab/core in integer SQL arithmetic.
   */
  async buckets(em: EntityManager, runId: string, key: string, range: { minStep: number; maxStep: number }, maxPoints: number): Promise<MetricBucket[]> {
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
