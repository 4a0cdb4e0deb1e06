import { Entity, ManyToOne, type Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { newId } from '../../db/ids';
import { Run } from './run.entity';

/**
 * A run's predictions on one split, in split-file order: the evidence behind its confidence intervals and
 * paired tests (issue 6). Stored as two integer arrays; the ids only as their key, which pairs runs up.
 */
@Entity()
@Unique({ properties: ['run', 'split'] })
export class RunPredictions {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string = newId();

  @ManyToOne(() => Run, { deleteRule: 'cascade' })
  run: Run;

  @Property({ type: 'string', length: 32 })
  split: string;

  @Property({ type: 'string', length: 64 })
  examplesKey: string;

  @Property({ type: 'integer' })
  count: number;

  @Property({ type: 'json', lazy: true })
  labels: number[];

  @Property({ type: 'json', lazy: true })
  predictions: number[];

  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();
}
