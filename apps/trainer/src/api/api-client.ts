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

/** The API could not be reached or failed on its side: the same call may succeed later. */
export class ApiUnavailableError extends Error {}

const REQUEST_TIMEOUT_MS = 30_000;

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
    if (response.status >= 500 || response.status === 429) throw new ApiUnavailableError(`the API answered HTTP ${response.status}`);
    let body: { data?: R; errors?: { message: string; extensions?: { code?: string } }[] };
    try {
      body = (await response.json()) as typeof body;
    } catch {
      throw new ApiUnavailableError(`the API answered HTTP ${response.status} without JSON`);
    }
    const [error] = body.errors ?? [];
    if (error) {
      const code = error.extensions?.code ?? 'UNKNOWN';
      if (code === 'INTERNAL_SERVER_ERROR') throw new ApiUnavailableError(`the API failed: ${error.message}`);
      throw new ApiError(code, error.message);
    }
    return body.data as R;
  }
}

/**
 * Calls until the API answers, waiting longer between tries (up to 10 s). Errors the API means are
 * thrown at once; `shouldStop` ends the wait (the daemon is shutting down).
 */
export async function untilAnswered<T>(call: () => Promise<T>, options: { shouldStop?: () => boolean; onWait?: (error: Error, waitMs: number) => void } = {}): Promise<T> {
  let waitMs = 250;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof ApiUnavailableError) || options.shouldStop?.()) throw error;
      options.onWait?.(error, waitMs);
      // In slices, so a daemon that is stopping does not sit out a 10 s back-off.
      for (const until = Date.now() + waitMs; Date.now() < until && !options.shouldStop?.(); ) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(100, until - Date.now())));
      }
      waitMs = Math.min(waitMs * 2, 10_000);
    }
  }
}
