import type { EntityManager } from '@mikro-orm/knex';
import type { FilterQuery } from '@mikro-orm/core';
import { AuditEvent } from './audit-event.entity';

/** Where a page of the audit log starts: strictly older than this event. */
export interface AuditPosition {
  createdAt: Date;
  id: string;
}

/** Queries over the audit log. Every one is scoped to one team. */
export class AuditRepository {
  /** Up to `limit` events of the team older than `before`, newest first, and whether older ones remain. */
  async page(em: EntityManager, teamId: string, limit: number, before: AuditPosition | null): Promise<{ events: AuditEvent[]; hasMore: boolean }> {
    const where: FilterQuery<AuditEvent> = before
      ? { team: teamId, $or: [{ createdAt: { $lt: before.createdAt } }, { createdAt: before.createdAt, id: { $lt: before.id } }] }
      : { team: teamId };
    const rows = await em.find(AuditEvent, where, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: limit + 1 });
    return { events: rows.slice(0, limit), hasMore: rows.length > limit };
  }
}
