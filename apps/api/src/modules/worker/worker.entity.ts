import { Entity, ManyToOne, type Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../../db/ids';
import { Team } from '../team/team.entity';

@ObjectType({ description: 'A GPU of a worker.' })
export class Gpu {
  @Field(() => Int) index: number;
  @Field(() => String) name: string;
  @Field(() => Float) memoryBytes: number;
}

@ObjectType({ description: 'A trainer daemon on one machine; it claims runs and heartbeats while it holds them.' })
@Entity()
@Unique({ properties: ['team', 'name', 'host'] })
export class Worker {
  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 36 })
  id: string = newId();

  @ManyToOne(() => Team, { deleteRule: 'cascade' })
  team: Team;

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  name: string;

  @Field(() => String)
  @Property({ type: 'string', length: 255 })
  host: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  cpus: number;

  @Field(() => Float)
  @Property({ type: 'double' })
  memoryBytes: number;

  @Field(() => [Gpu])
  @Property({ type: 'json' })
  gpus: Gpu[];

  @Field(() => Date)
  @Property({ type: 'datetime' })
  lastHeartbeatAt: Date & Opt = new Date();

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();
}
