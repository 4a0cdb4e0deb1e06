import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Run } from '../run/run.entity';

/**
 * Points of one series pre-aggregated into aligned blocks of several widths (ROLLUP_WIDTHS in @tunelab/core),
 * so history over millions of points reads thousands of rows. Written with the points, in the same transaction.
 */
@Entity()
@Unique({ name: 'metric_rollup_run_key_width_block_unique', properties: ['run', 'key', 'width', 'block'] })
export class MetricRollup {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id: string;

  @ManyToOne(() => Run, { deleteRule: 'cascade', index: false })
  run: Run;

  @Property({ type: 'string', length: 128 })
  key: string;

  @Property({ type: 'integer' })
  width: number;

  @Property({ type: 'integer' })
  block: number;

  @Property({ type: 'integer' })
  count: number;

  @Property({ type: 'double' })
  minValue: number;

  @Property({ type: 'double' })
  maxValue: number;

  @Property({ type: 'integer' })
  firstStep: number;

  @Property({ type: 'integer' })
  lastStep: number;

  @Property({ type: 'double' })
  lastValue: number;
}
