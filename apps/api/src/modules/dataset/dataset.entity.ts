import { Entity, ManyToOne, type Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../../db/ids';
import { JSONObject } from '../../graphql/scalars';
import { Project } from '../project/project.entity';

@ObjectType({ description: 'How a dataset is split; the same seed and fractions give the same split.' })
export class DatasetSplit {
  @Field(() => Int) seed: number;
  @Field(() => Float) trainFraction: number;
  @Field(() => Float) validationFraction: number;
  @Field(() => Float) testFraction: number;
}

@ObjectType({ description: 'A labelled text dataset with a fixed split, shared by every run of a study.' })
@Entity()
@Unique({ properties: ['project', 'name'] })
export class Dataset {
  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 36 })
  id: string = newId();

  @ManyToOne(() => Project, { deleteRule: 'cascade' })
  project: Project;

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  name: string;

  @Field(() => String, { description: 'A local path or hf://datasets/<owner>/<name>/<file>.' })
  @Property({ type: 'text' })
  source: string;

  @Field(() => String, { description: "How labels are made: 'grade3', 'grade10>=N' or 'custom:{...}'." })
  @Property({ type: 'string', length: 500 })
  labelRule: string;

  @Field(() => String, { nullable: true, description: "A rule applied to the text, e.g. 'strip-score-mentions'." })
  @Property({ type: 'string', length: 100, nullable: true })
  textRule: string | null = null;

  @Property({ type: 'integer' })
  splitSeed: number;

  @Property({ type: 'double' })
  trainFraction: number;

  @Property({ type: 'double' })
  validationFraction: number;

  @Property({ type: 'double' })
  testFraction: number;

  @Field(() => String, { nullable: true, description: 'A hash of the exact examples in each split.' })
  @Property({ type: 'string', length: 128, nullable: true })
  fingerprint: string | null = null;

  @Field(() => JSONObject, { nullable: true, description: 'Row counts per split and of dropped rows.' })
  @Property({ type: 'json', nullable: true })
  rowCounts: Record<string, unknown> | null = null;

  @Field(() => JSONObject, { nullable: true })
  @Property({ type: 'json', nullable: true })
  qualityReport: Record<string, unknown> | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();

}
