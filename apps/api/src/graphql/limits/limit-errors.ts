import type { Response } from 'express';
import { type ASTNode, GraphQLError, type GraphQLFormattedError } from 'graphql';

/** Each refused request says which limit it hit, by how much, and which variable raises it. */
export type LimitCode = 'QUERY_TOO_DEEP' | 'QUERY_TOO_COSTLY' | 'QUERY_TOO_LARGE' | 'PAYLOAD_TOO_LARGE' | 'RATE_LIMITED' | 'BAD_REQUEST';

export class LimitError extends GraphQLError {
  constructor(
    readonly code: LimitCode,
    message: string,
    extensions: Record<string, unknown> = {},
    nodes?: ASTNode | readonly ASTNode[],
  ) {
    super(message, { nodes, extensions: { code, ...extensions } });
  }
}

export const limitErrors = {
  queryTooDeep: (depth: number, limit: number, node?: ASTNode) =>
    new LimitError(
      'QUERY_TOO_DEEP',
      `query depth ${depth} exceeds the limit of ${limit} (TUNELAB_MAX_QUERY_DEPTH); select fewer nested fields or split the query`,
      { depth, limit },
      node,
    ),
  queryTooCostly: (cost: number, limit: number, node?: ASTNode) =>
    new LimitError(
      'QUERY_TOO_COSTLY',
      `query cost ${cost} exceeds the limit of ${limit} (TUNELAB_MAX_QUERY_COST); ask for smaller pages (first, maxPoints), fewer list fields or fewer aliases`,
      { cost, limit },
      node,
    ),
  queryTooLarge: (bytes: number, limit: number) =>
    new LimitError('QUERY_TOO_LARGE', `query text of ${bytes} bytes exceeds the limit of ${limit} bytes (TUNELAB_MAX_QUERY_BYTES); send a smaller document`, {
      bytes,
      limit,
    }),
  payloadTooLarge: (limit: string) =>
    new LimitError(
      'PAYLOAD_TOO_LARGE',
      `the request body exceeds the limit of ${limit}; send large batches in parts (logMetrics takes up to 10,000 points per call)`,
      { limit },
    ),
  badRequest: (message: string) => new LimitError('BAD_REQUEST', message),
  rateLimited: (scope: RateScope, rate: { perMinute: number; burst: number }, retryAfterSeconds: number) =>
    new LimitError(
      'RATE_LIMITED',
      scope === 'token'
        ? `rate limit: an API token may send ${rate.perMinute} requests a minute, ${rate.burst} at once (TUNELAB_RATE_LIMIT, TUNELAB_RATE_LIMIT_BURST); retry after ${retryAfterSeconds} s`
        : `rate limit: requests without a known API token may come ${rate.perMinute} a minute, ${rate.burst} at once, from one address (TUNELAB_RATE_LIMIT_ANONYMOUS); send a valid token or retry after ${retryAfterSeconds} s`,
      { retryAfterSeconds, limit: rate.perMinute, burst: rate.burst, scope },
    ),
};

export type RateScope = 'token' | 'address';

/** The GraphQL-over-HTTP shape of a refusal that happens before Apollo sees the request. */
export function sendLimitError(res: Response, status: number, error: LimitError, headers: Record<string, string> = {}): void {
  res.status(status).set(headers).json({ errors: [error.toJSON()] });
}

/**
 * Apollo reports every validation error as GRAPHQL_VALIDATION_FAILED: a limit keeps its own code. A document
 * nested so deeply that graphql's parser runs out of stack is a depth refusal too. Null: not a limit error.
 */
export function formatLimitError(formatted: GraphQLFormattedError, error: unknown, maxDepth: number): GraphQLFormattedError | null {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (original instanceof LimitError) return { ...formatted, extensions: { ...formatted.extensions, code: original.code } };
  if (formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' && /maximum call stack size exceeded/i.test(formatted.message)) {
    return {
      message: `the query is nested too deeply to parse; the depth limit is ${maxDepth} (TUNELAB_MAX_QUERY_DEPTH)`,
      extensions: { code: 'QUERY_TOO_DEEP', limit: maxDepth },
    };
  }
  return null;
}
