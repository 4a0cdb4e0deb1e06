import { Field, ObjectType } from 'type-graphql';
import { AuditEvent } from './audit-event.entity';

@ObjectType()
export class AuditPageInfo {
  @Field(() => Boolean, { description: 'Older events remain.' }) hasNextPage: boolean;
  @Field(() => String, { nullable: true, description: 'Pass as before to get the older events.' }) endCursor: string | null;
}

@ObjectType({ description: "A page of your team's audit log, newest first." })
export class AuditLog {
  @Field(() => [AuditEvent]) events: AuditEvent[];
  @Field(() => AuditPageInfo) pageInfo: AuditPageInfo;
}
