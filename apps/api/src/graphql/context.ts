import type { EntityManager } from '@mikro-orm/knex';
import type { Services } from '../services';
import { unauthenticated } from './errors';

/** Who is calling: resolved from the bearer token once per request or WebSocket connection. */
export interface Viewer {
  teamId: string;
  tokenId: string;
  tokenName: string;
  siteAdmin: boolean;
}

export interface RequestContext {
  /** A unit of work of this request (a fresh one per subscription event). */
  readonly em: EntityManager;
  viewer: Viewer | null;
  services: Services;
}

export function requireViewer(context: RequestContext): Viewer {
  if (!context.viewer) {
    throw unauthenticated('send a valid API token: Authorization: Bearer <token> (the first start writes one to data/admin-token)');
  }
  return context.viewer;
}
