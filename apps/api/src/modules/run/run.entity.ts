import { Entity, Enum, Index, ManyToOne, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import type { Hyperparameters as HyperparameterValues, RunStatus } from '@tunelab/core';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../../db/ids';
import { JSONObject } from '../../graphql/scalars';
import { Study } from '../study/study.entity';
import { Worker } from '../worker/worker.entity';
import { Hyperparameters } from './hyperparameters.type';
import type { StoredProgress, StoredRetry } from './run-progress.type';
import { RunStatusEnum } from './run-status.type';

@ObjectType({ description: 'One training of one method with one seed, inside a study.' })
@Entity()
@Index({ properties: ['status', 'createdAt', 'position'] })
export class Run {
  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 36 })
  id: string = newId();

  @ManyToOne(() => Study, { deleteRule: 'cascade', index: true })
  study: Study;

  @Field(() => String, { description: 'full, lora, mamba, head-only or mamba-lora.' })
  @Property({ type: 'string', length: 32 })
  method: string;

  @Field(() => String, { description: 'A local path or a Hugging Face model id resolved from the local cache.' })
  @Property({ type: 'string', length: 500 })
  baseModel: string;

  @Field(() => Hyperparameters)
  @Property({ type: 'json' })
  hyperparameters: HyperparameterValues;

  @Field(() => Int)
  @Property({ type: 'integer' })
  seed: number;

  /** Order within its study (methods, then seeds): the queue takes runs by creation time, then position. */
  @Property({ type: 'integer' })
  position: number & Opt = 0;

  @Field(() => RunStatusEnum)
  @Enum({ items: () => Object.values(RunStatusEnum), type: 'string', length: 16 })
  status: RunStatus & Opt = 'QUEUED';

  @Field(() => Int, { description: 'How many times a worker has claimed this run; above 1 after a crash and resume.' })
  @Property({ type: 'integer' })
  attempt: number & Opt = 0;

  @ManyToOne(() => Worker, { nullable: true, deleteRule: 'set null' })
  worker: Worker | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  leaseExpiresAt: Date | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  startedAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  finishedAt: Date | null = null;

  @Field(() => String, { nullable: true, description: "The fingerprint of the dataset split this run trained and evaluated on, recorded when it started." })
  @Property({ type: 'string', length: 128, nullable: true })
  splitFingerprint: string | null = null;

  @Field(() => String, { nullable: true, description: 'Where the engine runs it, e.g. cuda:0 or cpu.' })
  @Property({ type: 'string', length: 64, nullable: true })
  device: string | null = null;

  @Field(() => Float, { nullable: true })
  @Property({ type: 'double', nullable: true })
  trainSeconds: number | null = null;

  @Field(() => Float, { nullable: true })
  @Property({ type: 'double', nullable: true })
  evalSeconds: number | null = null;

  @Field(() => Float, { nullable: true })
  @Property({ type: 'double', nullable: true })
  trainableParameters: number | null = null;

  @Field(() => Float, { nullable: true })
  @Property({ type: 'double', nullable: true })
  totalParameters: number | null = null;

  @Field(() => Float, { nullable: true })
  @Property({ type: 'double', nullable: true })
  peakMemoryBytes: number | null = null;

  @Field(() => JSONObject, { nullable: true, description: 'Final metrics by key, e.g. {"eval/f1_macro": 0.91}.' })
  @Property({ type: 'json', nullable: true })
  finalMetrics: Opt<Record<string, number>> | null = null;

  /** Exposed through RunResolver.progress, which turns the stored date back into a Date. */
  @Property({ type: 'json', nullable: true })
  progress: Opt<StoredProgress> | null = null;

  /** Restarts by the worker holding the run (engine crash, out of memory); see RunResolver.retries. */
  @Property({ type: 'json', defaultRaw: `'[]'` })
  retries: Opt<StoredRetry[]> = [];

  @Field(() => Hyperparameters, { nullable: true, description: 'What the engine runs with when a retry changed the batch (same effective batch).' })
  @Property({ type: 'json', nullable: true })
  effectiveHyperparameters: Opt<HyperparameterValues> | null = null;

  @Field(() => String, { nullable: true, description: 'OOM, NAN_LOSS, SPEC_INVALID, MODEL_NOT_FOUND, DATA_INVALID, CANCELLED, …' })
  @Property({ type: 'string', length: 64, nullable: true })
  errorCode: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  errorMessage: string | null = null;
}
