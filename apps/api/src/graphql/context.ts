import type { EntityManager } from '@mikro-orm/knex';
import type { GraphQLError } from 'graphql';
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
  /** Why the token was refused, when one was sent (subscriptions report it per operation). */
  authError?: GraphQLError;
  services: Services;
}

export function requireViewer(context: RequestContext): Viewer {
  if (!context.viewer) {
    if (context.authError) throw context.authError;
    throw unauthenticated('send a valid API token: Authorization: Bearer <token> (the first start writes one to data/admin-token)');
  }
  return context.viewer;
}
