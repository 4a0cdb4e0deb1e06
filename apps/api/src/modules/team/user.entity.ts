import { Entity, ManyToOne, type Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { newId } from '../../db/ids';
import { Team } from './team.entity';

@Entity()
@Unique({ properties: ['team', 'email'] })
export class User {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string = newId();

  @ManyToOne(() => Team, { deleteRule: 'cascade' })
  team: Team;

  @Property({ type: 'string', length: 320 })
  email: string;

  @Property({ type: 'string', length: 200 })
  name: string;

  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();
}
