import type { EntityManager } from '@mikro-orm/knex';
import type { MetricPointRecord, RollupBlock } from '@tunelab/core';
import type { MetricWriter } from './metric-writer';

/**
 * A whole batch as one JSON parameter that PostgreSQL expands into rows, whatever the batch size.
 * (Array parameters would be expanded into separate values by the query builder.)
 */
const INSERT_POINTS = `insert into metric_point (run_id, "key", step, epoch, "value", wall_time)
  select ?, p."key", p.step, p.epoch, p."value", p."wallTime"
  from jsonb_to_recordset(?::jsonb) as p("key" text, step int, epoch float8, "value" float8, "wallTime" float8)
  on conflict (run_id, "key", step) do nothing
  returning "key", step`;

const MERGE_BLOCKS = `insert into metric_rollup (run_id, "key", width, block, count, min_value, max_value, first_step, last_step, last_value)
  select ?, b."key", b.width, b.block, b.count, b.min, b.max, b."firstStep", b."lastStep", b."lastValue"
  from jsonb_to_recordset(?::jsonb) as b("key" text, width int, block int, count int, min float8, max float8, "firstStep" int, "lastStep" int, "lastValue" float8)
  on conflict (run_id, "key", width, block) do update set
    count = metric_rollup.count + excluded.count,
    min_value = least(metric_rollup.min_value, excluded.min_value),
    max_value = greatest(metric_rollup.max_value, excluded.max_value),
    first_step = least(metric_rollup.first_step, excluded.first_step),
    last_value = case when excluded.last_step > metric_rollup.last_step then excluded.last_value else metric_rollup.last_value end,
    last_step = greatest(metric_rollup.last_step, excluded.last_step)`;

export class PostgresMetricWriter implements MetricWriter {
  write(em: EntityManager, runId: string, points: MetricPointRecord[], rollup: (stored: MetricPointRecord[]) => RollupBlock[]): Promise<MetricPointRecord[]> {
    return em.transactional(async (tx) => {
      const connection = tx.getConnection();
      const context = tx.getTransactionContext();
      const rows = (await connection.execute(
        INSERT_POINTS,
        [runId, JSON.stringify(points)],
        'all',
        context,
      )) as { key: string; step: number }[];
      const storedIds = new Set(rows.map((row) => `${row.key}\u0000${row.step}`));
      const stored = rows.length === points.length ? points : points.filter((p) => storedIds.has(`${p.key}\u0000${p.step}`));
      const blocks = rollup(stored);
      if (blocks.length) {
        await connection.execute(
          MERGE_BLOCKS,
          [runId, JSON.stringify(blocks)],
          'run',
          context,
        );
      }
      return stored;
    });
  }
}
