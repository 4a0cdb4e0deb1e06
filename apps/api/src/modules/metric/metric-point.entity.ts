import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Run } from '../run/run.entity';

/**
 * One logged value. Unique on (run, key, step) so a replayed batch stores nothing twice.
 * Written in bulk by MetricRepository, never through the unit of work: a run logs millions.
 */
@Entity()
@Unique({ name: 'metric_point_run_key_step_unique', properties: ['run', 'key', 'step'] })
export class MetricPoint {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id: string;

  @ManyToOne(() => Run, { deleteRule: 'cascade', index: false })
  run: Run;

  @Property({ type: 'string', length: 128 })
  key: string;

  @Property({ type: 'integer' })
  step: number;

  @Property({ type: 'double', nullable: true })
  epoch: number | null = null;

  @Property({ type: 'double' })
  value: number;

  /** Seconds since the Unix epoch, as the trainer measured it. */
  @Property({ type: 'double' })
  wallTime: number;
}
