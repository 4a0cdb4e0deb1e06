import type { ErrorRequestHandler, RequestHandler } from 'express';
import { limitErrors, sendLimitError } from './limit-errors';
import type { RequestRateLimiter } from './request-rate-limiter';

/** Before the body is read: a limited request costs a hash and a map lookup, nothing more. */
export function rateLimitMiddleware(limiter: RequestRateLimiter): RequestHandler {
  return (req, res, next) => {
    const decision = limiter.check(req.headers.authorization, req.socket.remoteAddress);
    if (decision.allowed) return next();
    sendLimitError(res, 429, decision.error, { 'Retry-After': String(decision.retryAfterSeconds) });
  };
}

interface BodyParserError {
  type?: unknown;
  status?: unknown;
  message: string;
}

/** express.json's refusals as GraphQL errors in JSON, instead of express's HTML error page. */
export function bodyErrorHandler(bodyLimit: string): ErrorRequestHandler {
  return (error: BodyParserError, _req, res, next) => {
    if (typeof error?.type !== 'string' || typeof error.status !== 'number' || error.status < 400 || error.status >= 500) return next(error);
    if (error.type === 'entity.too.large') return sendLimitError(res, 413, limitErrors.payloadTooLarge(bodyLimit));
    sendLimitError(res, error.status, limitErrors.badRequest(`the request body could not be read as JSON: ${error.message}`));
  };
}

/**
 * The query text is checked before Apollo parses it: parsing and validating take time in its length.
 * A batch (a JSON array; Apollo refuses batches unless allowBatchedHttpRequests is set) counts all its queries.
 */
export function querySizeMiddleware(maxBytes: number): RequestHandler {
  return (req, res, next) => {
    const body: unknown = req.body;
    const queries = Array.isArray(body) ? body.map(queryOf) : [queryOf(body) ?? (req.method === 'GET' ? req.query.query : undefined)];
    const bytes = queries.reduce<number>((total, query) => total + (typeof query === 'string' ? Buffer.byteLength(query, 'utf8') : 0), 0);
    if (bytes <= maxBytes) return next();
    sendLimitError(res, 413, limitErrors.queryTooLarge(bytes, maxBytes));
  };
}

function queryOf(operation: unknown): unknown {
  return operation && typeof operation === 'object' ? (operation as { query?: unknown }).query : undefined;
}
