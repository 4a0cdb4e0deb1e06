import { Entity, ManyToOne, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { newId } from '../../db/ids';
import { Team } from './team.entity';
import { User } from './user.entity';

@ObjectType({ description: 'An API token of a team. Only a hash of the secret is stored; the secret is shown once, at creation.' })
@Entity()
export class ApiToken {
  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 36 })
  id: string = newId();

  @ManyToOne(() => Team, { deleteRule: 'cascade' })
  team: Team;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  user: User | null = null;

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  name: string;

  @Field(() => String, { description: 'The first characters of the secret, to tell tokens apart.' })
  @Property({ type: 'string', length: 16 })
  prefix: string;

  @Property({ type: 'string', length: 64, unique: true })
  secretHash: string;

  @Field(() => Boolean, { description: 'May create teams: only the token made on first start has it.' })
  @Property({ type: 'boolean' })
  siteAdmin: boolean & Opt = false;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  lastUsedAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  revokedAt: Date | null = null;

  /** When the audit log last recorded a use of this token (at most hourly; see AuditService.tokenUsed). */
  @Property({ type: 'datetime', nullable: true })
  useAuditedAt: Date | null = null;
}
