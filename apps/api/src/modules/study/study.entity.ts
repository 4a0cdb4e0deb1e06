import { Entity, ManyToOne, type Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../../db/ids';
import { Dataset } from '../dataset/dataset.entity';
import { Project } from '../project/project.entity';

@ObjectType({ description: 'A comparison of methods on one dataset split under one evaluation protocol.' })
@Entity()
@Unique({ properties: ['project', 'name'] })
export class Study {
  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 36 })
  id: string = newId();

  @ManyToOne(() => Project, { deleteRule: 'cascade' })
  project: Project;

  @ManyToOne(() => Dataset, { deleteRule: 'restrict' })
  dataset: Dataset;

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  name: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @Field(() => Int)
  @Property({ type: 'integer' })
  maxSeqLength: number;

  @Field(() => [String], { description: 'Metric keys every run reports, e.g. eval/f1_macro.' })
  @Property({ type: 'json' })
  metrics: string[];

  @Field(() => String, { description: 'The metric that ranks runs by default.' })
  @Property({ type: 'string', length: 128 })
  primaryMetric: string;

  @Field(() => [Int])
  @Property({ type: 'json' })
  seeds: number[];

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();
}
