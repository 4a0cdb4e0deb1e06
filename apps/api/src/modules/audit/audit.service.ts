import fs from 'node:fs';
import path from 'node:path';
import type { EntityManager } from '@mikro-orm/knex';
import { decodeCursor, encodeCursor } from '@tunelab/core';
import type { Viewer } from '../../graphql/context';
import { MODEL_FILES, type StoredModelFile } from '../inference/model-store';
import { ApiToken } from '../team/api-token.entity';
import { Team } from '../team/team.entity';
import { AuditEvent } from './audit-event.entity';
import { auditErrors } from './audit.errors';
import { type AuditPosition, AuditRepository } from './audit.repository';
import type { AuditLog } from './audit.types';

export type AuditAction =
  | 'token.created'
  | 'token.revoked'
  | 'token.used'
  | 'team.created'
  | 'run.cancelled'
  | 'artifact.replaced'
  | 'predictions.replaced'
  | 'model.replaced';

export interface AuditTarget {
  type: 'ApiToken' | 'Team' | 'Run' | 'Artifact' | 'RunPredictions';
  id: string | null;
}

/** Who acted when it is not a request's viewer: the server at first start, or a token seen by AuthService. */
export interface AuditActor {
  team: Team | string;
  tokenId: string | null;
  tokenName: string;
}

/** Token use is recorded at most this often per token (lastUsedAt keeps the minute). */
export const TOKEN_USE_INTERVAL_MS = 60 * 60 * 1000;
export const MAX_AUDIT_PAGE = 200;

/**
 * Adds an event to the unit of work of `em`; the caller's next flush writes it in the same transaction as the
 * change it records, so an action and its event are stored together or not at all. The event belongs to the
 * team of the token that acted.
 */
export function recordAudit(em: EntityManager, actor: Viewer | AuditActor, action: AuditAction, target: AuditTarget, details: Record<string, unknown> | null = null): AuditEvent {
  const team = 'teamId' in actor ? em.getReference(Team, actor.teamId) : typeof actor.team === 'string' ? em.getReference(Team, actor.team) : actor.team;
  return em.create(AuditEvent, { team, tokenId: actor.tokenId, tokenName: actor.tokenName, action, targetType: target.type, targetId: target.id, details });
}

/** The SHA-256 kept beside a stored model file, or null when there is none yet: read before an upload replaces it. */
export function storedModelDigest(modelDir: string, file: string): string | null {
  if (!(MODEL_FILES as readonly string[]).includes(file)) return null;
  try {
    return fs.readFileSync(path.join(modelDir, `${file}.sha256`), 'utf8').trim() || null;
  } catch {
    return null;
  }
}

export class AuditService {
  constructor(private readonly repository = new AuditRepository()) {}

  /** The viewer's team's events, newest first; `before` is the endCursor of the previous page. */
  async list(em: EntityManager, viewer: Viewer, limit: number, before: string | null | undefined): Promise<AuditLog> {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_AUDIT_PAGE) {
      throw auditErrors.badField('limit', `must be an integer from 1 to ${MAX_AUDIT_PAGE} (got ${limit}); page through with before`);
    }
    const { events, hasMore } = await this.repository.page(em, viewer.teamId, limit, before == null ? null : decodePosition(before));
    const last = events.at(-1);
    return { events, pageInfo: { hasNextPage: hasMore, endCursor: last ? encodeCursor([last.createdAt.getTime(), last.id]) : null } };
  }

  /**
   * Records that a token was used, at most once per token per TOKEN_USE_INTERVAL_MS even with several API replicas:
   * the token row is claimed with a conditional update, and only the winner adds the event. Call it inside a
   * transaction; its flush writes the event.
   */
  async tokenUsed(em: EntityManager, token: { id: string; name: string; teamId: string }, at: Date): Promise<boolean> {
    const due = new Date(at.getTime() - TOKEN_USE_INTERVAL_MS);
    const claimed = await em.nativeUpdate(ApiToken, { id: token.id, $or: [{ useAuditedAt: null }, { useAuditedAt: { $lte: due } }] }, { useAuditedAt: at });
    if (!claimed) return false;
    recordAudit(em, { team: token.teamId, tokenId: token.id, tokenName: token.name }, 'token.used', { type: 'ApiToken', id: token.id });
    return true;
  }

  /**
   * A model upload replaced a file with different bytes. The model store is files, not rows: the event is written
   * right after the new file is in place; when that write fails the upload answers 500 and the worker sends it again.
   */
  async modelUploaded(em: EntityManager, viewer: Viewer, runId: string, stored: StoredModelFile, previousSha256: string | null): Promise<void> {
    if (!previousSha256 || previousSha256 === stored.sha256) return;
    recordAudit(em, viewer, 'model.replaced', { type: 'Run', id: runId }, { file: stored.name, previousSha256, sha256: stored.sha256, bytes: stored.bytes });
    await em.flush();
  }
}

function decodePosition(cursor: string): AuditPosition {
  const decoded = decodeCursor(cursor, 'before');
  const [time, id] = decoded.ok ? decoded.value : [];
  if (typeof time !== 'number' || typeof id !== 'string') {
    throw auditErrors.badField('before', 'is not a cursor returned by this API; pass pageInfo.endCursor of the previous auditLog page');
  }
  return { createdAt: new Date(time), id };
}
