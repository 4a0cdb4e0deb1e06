import { Entity, ManyToOne, type Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../../db/ids';
import { JSONObject } from '../../graphql/scalars';
import { Run } from './run.entity';

@ObjectType({ description: 'A saved training state a crashed run resumes from.' })
@Entity()
@Unique({ properties: ['run', 'epoch', 'step'] })
export class Checkpoint {
  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 36 })
  id: string = newId();

  @ManyToOne(() => Run, { deleteRule: 'cascade' })
  run: Run;

  @Field(() => Int)
  @Property({ type: 'integer' })
  epoch: number;

  @Field(() => Int)
  @Property({ type: 'integer' })
  step: number;

  @Field(() => String)
  @Property({ type: 'text' })
  path: string;

  @Field(() => Float)
  @Property({ type: 'double' })
  bytes: number;

  @Field(() => JSONObject, { nullable: true })
  @Property({ type: 'json', nullable: true })
  metrics: Record<string, unknown> | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();
}
