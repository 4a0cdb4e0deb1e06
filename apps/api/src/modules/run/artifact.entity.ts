import { Entity, ManyToOne, type Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { newId } from '../../db/ids';
import { Run } from './run.entity';

@ObjectType({ description: 'A file a run produced: a model export, predictions, a tokenizer.' })
@Entity()
@Unique({ properties: ['run', 'kind', 'path'] })
export class Artifact {
  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 36 })
  id: string = newId();

  @ManyToOne(() => Run, { deleteRule: 'cascade' })
  run: Run;

  @Field(() => String, { description: 'e.g. onnx, tokenizer, predictions.' })
  @Property({ type: 'string', length: 64 })
  kind: string;

  @Field(() => String)
  @Property({ type: 'text' })
  path: string;

  @Field(() => String)
  @Property({ type: 'string', length: 64 })
  sha256: string;

  @Field(() => Float)
  @Property({ type: 'double' })
  bytes: number;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();
}
