import { Entity, Index, ManyToOne, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { newId } from '../../db/ids';
import { JSONObject } from '../../graphql/scalars';
import { Team } from '../team/team.entity';

/**
 * One thing a token did to its team that matters later: tokens created, used and revoked, a team created, and every
 * destructive action (a cancelled run, replaced predictions, artifacts or model files). Written in the same
 * transaction as the change it records; never updated.
 */
@ObjectType({ description: 'Something a token of your team did: created or revoked a token, cancelled a run, replaced a model file, … (see docs/security.md).' })
@Entity()
@Index({ properties: ['team', 'createdAt', 'id'] })
export class AuditEvent {
  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 36 })
  id: string = newId();

  /** The team of the token that acted: a team sees only its own events. */
  @ManyToOne(() => Team, { deleteRule: 'cascade' })
  team: Team;

  @Field(() => ID, { nullable: true, description: 'The token that acted; null for the server itself (the first start).' })
  @Property({ type: 'string', length: 36, nullable: true })
  tokenId: string | null = null;

  @Field(() => String, { description: 'The name the token had then.' })
  @Property({ type: 'string', length: 200 })
  tokenName: string;

  @Field(() => String, {
    description:
      'token.created, token.revoked, token.used (at most once per token per hour), team.created, run.cancelled, artifact.replaced, predictions.replaced or model.replaced.',
  })
  @Property({ type: 'string', length: 64 })
  action: string;

  @Field(() => String, { description: 'The kind of thing acted on: ApiToken, Team, Run, Artifact or RunPredictions.' })
  @Property({ type: 'string', length: 32 })
  targetType: string;

  @Field(() => ID, { nullable: true })
  @Property({ type: 'string', length: 64, nullable: true })
  targetId: string | null = null;

  @Field(() => JSONObject, { nullable: true, description: 'What changed, e.g. {"from": "RUNNING"} or the previous and new SHA-256 of a replaced file.' })
  @Property({ type: 'json', nullable: true })
  details: Record<string, unknown> | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();
}
