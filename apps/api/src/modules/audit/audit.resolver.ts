import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { type RequestContext, requireViewer } from '../../graphql/context';
import { AuditLog } from './audit.types';

@Resolver()
export class AuditResolver {
  @Query(() => AuditLog, {
    description: "Your team's audit log, newest first: tokens created, used and revoked, teams created, runs cancelled, files replaced. Any token of the team may read it.",
  })
  auditLog(
    @Ctx() ctx: RequestContext,
    @Arg('limit', () => Int, { defaultValue: 50, description: 'From 1 to 200.' }) limit = 50,
    @Arg('before', () => String, { nullable: true, description: 'pageInfo.endCursor of the previous page.' }) before?: string,
  ): Promise<AuditLog> {
    return ctx.services.audit.list(ctx.em, requireViewer(ctx), limit, before);
  }
}
