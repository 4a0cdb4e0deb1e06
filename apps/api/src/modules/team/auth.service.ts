import type { EntityManager } from '@mikro-orm/knex';
import { hashTokenSecret, parseBearer } from '@tunelab/core';
import type { Viewer } from '../../graphql/context';
import { unauthenticated } from '../../graphql/errors';
import type { AuditService } from '../audit/audit.service';
import { ApiToken } from './api-token.entity';

const CACHE_MS = 5_000;
const LAST_USED_RESOLUTION_MS = 60_000;

/** Turns a bearer token into a Viewer. Caches briefly: the trainer calls many times a second. */
export class AuthService {
  private cache = new Map<string, { viewer: Viewer; until: number }>();
  private lastUsedWrites = new Map<string, number>();

  constructor(private readonly audit: AuditService) {}

  async authenticate(em: EntityManager, authorization: string | null | undefined): Promise<Viewer | null> {
    if (!authorization) return null;
    const secret = parseBearer(authorization);
    if (!secret) throw unauthenticated('the Authorization header must be "Bearer <token>"');
    const hash = hashTokenSecret(secret);
    const now = Date.now();
    const cached = this.cache.get(hash);
    if (cached && cached.until > now) return cached.viewer;

    const token = await em.findOne(ApiToken, { secretHash: hash });
    if (!token) throw unauthenticated('this API token is unknown; create one with createApiToken or use data/admin-token');
    if (token.revokedAt) throw unauthenticated(`API token "${token.name}" was revoked on ${token.revokedAt.toISOString()}; use another token`);
    const viewer: Viewer = { teamId: token.team.id, tokenId: token.id, tokenName: token.name, siteAdmin: token.siteAdmin };
    this.cache.set(hash, { viewer, until: now + CACHE_MS });
    await this.touch(em, token, now);
    return viewer;
  }

  /** A revoked token stops working at once on this replica. */
  forget(): void {
    this.cache.clear();
  }

  /** lastUsedAt to the minute, and a token.used audit event at most hourly, in one transaction. */
  private async touch(em: EntityManager, token: ApiToken, now: number): Promise<void> {
    const last = this.lastUsedWrites.get(token.id) ?? 0;
    if (now - last < LAST_USED_RESOLUTION_MS) return;
    this.lastUsedWrites.set(token.id, now);
    const at = new Date(now);
    await em.transactional(async (tx) => {
      await tx.nativeUpdate(ApiToken, { id: token.id }, { lastUsedAt: at });
      await this.audit.tokenUsed(tx, { id: token.id, name: token.name, teamId: token.team.id }, at);
    });
  }
}
