import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

/** The API answered with an error it means (bad input, conflict, not found): retrying will not help. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

/**
 * The API could not be reached, failed on its side, or asked this token to slow down (HTTP 429,
 * RATE_LIMITED): the same call may succeed later. `retryAfterMs` is set when the API said when.
 */
export class ApiUnavailableError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

const REQUEST_TIMEOUT_MS = 30_000;
/** A Retry-After beyond this is taken as this: a daemon rechecks at least every quarter of an hour. */
const MAX_RETRY_AFTER_MS = 15 * 60_000;

type ErrorBody = { message: string; extensions?: { code?: string; retryAfterSeconds?: unknown } };

/** Retry-After in seconds or as an HTTP date, else the error's retryAfterSeconds; undefined when neither says. */
export function retryAfterMs(header: string | null, error: ErrorBody | undefined, now: number = Date.now()): number | undefined {
  let ms: number | undefined;
  if (header && /^\s*\d+\s*$/.test(header)) ms = Number(header) * 1000;
  else if (header && Number.isFinite(Date.parse(header))) ms = Math.max(0, Date.parse(header) - now);
  else if (typeof error?.extensions?.retryAfterSeconds === 'number' && error.extensions.retryAfterSeconds >= 0) ms = error.extensions.retryAfterSeconds * 1000;
  return ms === undefined ? undefined : Math.min(ms, MAX_RETRY_AFTER_MS);
}

function rateLimited(header: string | null, error: ErrorBody | undefined): ApiUnavailableError {
  const wait = retryAfterMs(header, error);
  const said = error?.message ? `: ${error.message}` : '';
  return new ApiUnavailableError(`the API is rate limiting this token (HTTP 429${said})`, wait);
}

/** GraphQL over HTTP with the token; typed by the documents of operations.ts. */
export class ApiClient {
  private printed = new WeakMap<object, string>();

  constructor(
    readonly url: string,
    private readonly token: string,
  ) {}

  async request<R, V extends Record<string, unknown>>(document: TypedDocumentNode<R, V>, variables: V): Promise<R> {
    let query = this.printed.get(document);
    if (!query) {
      query = print(document);
      this.printed.set(document, query);
    }
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new ApiUnavailableError(`the API at ${this.url} is unreachable: ${(error as Error).message}`);
    }
    if (response.status >= 500) throw new ApiUnavailableError(`the API answered HTTP ${response.status}`);
    let body: { data?: R; errors?: ErrorBody[] };
    try {
      body = (await response.json()) as typeof body;
    } catch {
      if (response.status === 429) throw rateLimited(response.headers.get('retry-after'), undefined);
      throw new ApiUnavailableError(`the API answered HTTP ${response.status} without JSON`);
    }
    const [error] = body.errors ?? [];
    if (response.status === 429 || error?.extensions?.code === 'RATE_LIMITED') throw rateLimited(response.headers.get('retry-after'), error);
    if (error) {
      const code = error.extensions?.code ?? 'UNKNOWN';
      if (code === 'INTERNAL_SERVER_ERROR') throw new ApiUnavailableError(`the API failed: ${error.message}`);
      throw new ApiError(code, error.message);
    }
    return body.data as R;
  }
}

/**
 * Calls until the API answers, waiting longer between tries (up to 10 s), or as long as a rate-limited
 * answer's Retry-After says, then repeats the same call. Errors the API means are thrown at once;
 * `shouldStop` ends the wait (the daemon is shutting down).
 */
export async function untilAnswered<T>(call: () => Promise<T>, options: { shouldStop?: () => boolean; onWait?: (error: Error, waitMs: number) => void } = {}): Promise<T> {
  let backoffMs = 250;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof ApiUnavailableError) || options.shouldStop?.()) throw error;
      const waitMs = error.retryAfterMs ?? backoffMs;
      options.onWait?.(error, waitMs);
      // In slices, so a daemon that is stopping does not sit out a 10 s back-off.
      for (const until = Date.now() + waitMs; Date.now() < until && !options.shouldStop?.(); ) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(100, until - Date.now())));
      }
      if (error.retryAfterMs === undefined) backoffMs = Math.min(backoffMs * 2, 10_000);
    }
  }
}
