import { type DocumentNode, type GraphQLError, type GraphQLSchema, specifiedRules, validate, type ValidationRule } from 'graphql';
import type { Context, SubscribePayload } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import { limitErrors } from './limit-errors';
import type { RequestRateLimiter } from './request-rate-limiter';

type WsContext = Context<Record<string, unknown> | undefined, Extra>;

export interface SubscriptionLimitOptions {
  limiter: RequestRateLimiter;
  maxQueryBytes: number;
  rules: ValidationRule[];
  authorization: (ctx: WsContext) => string | undefined;
}

/**
 * The same limits over graphql-ws as over HTTP: each subscribe message is counted against the
 * connection's token (or address) and its query text is size-checked before graphql-ws parses it; the
 * depth and cost rules run with graphql's own. A refusal is an `error` message for that operation only; the
 * connection stays open.
 */
export function subscriptionLimits(options: SubscriptionLimitOptions) {
  return {
    onSubscribe: (ctx: WsContext, _id: string, payload: SubscribePayload): readonly GraphQLError[] | undefined => {
      const decision = options.limiter.check(options.authorization(ctx), ctx.extra.request.socket.remoteAddress);
      if (!decision.allowed) return [decision.error];
      const bytes = Buffer.byteLength(typeof payload.query === 'string' ? payload.query : '', 'utf8');
      if (bytes > options.maxQueryBytes) return [limitErrors.queryTooLarge(bytes, options.maxQueryBytes)];
      return undefined;
    },
    validate: (schema: GraphQLSchema, document: DocumentNode) => validate(schema, document, [...specifiedRules, ...options.rules]),
  };
}
