import type { EntityManager } from '@mikro-orm/knex';
import { hashTokenSecret, parseBearer } from '@tunelab/core';
import type { Viewer } from '../../graphql/context';
import { unauthenticated } from '../../graphql/errors';
import { ApiToken } from './api-token.entity';

const CACHE_MS = 5_000;
const LAST_USED_RESOLUTION_MS = 60_000;

/** Turns a bearer token into a Viewer. Caches briefly: the trainer calls many times a second. */
export class AuthService {
  private cache = new Map<string, { viewer: Viewer; until: number }>();
  private lastUsedWrites = new Map<string, number>();

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
    await this.touch(em, token.id, now);
    return viewer;
  }

  /** A revoked token stops working at once on this replica. */
  forget(): void {
    this.cache.clear();
  }

  private async touch(em: EntityManager, tokenId: string, now: number): Promise<void> {
    const last = this.lastUsedWrites.get(tokenId) ?? 0;
    if (now - last < LAST_USED_RESOLUTION_MS) return;
    this.lastUsedWrites.set(tokenId, now);
    await em.nativeUpdate(ApiToken, { id: tokenId }, { lastUsedAt: new Date(now) });
  }
}
