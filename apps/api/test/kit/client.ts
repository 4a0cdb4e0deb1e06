import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';

export interface GraphQLErrorShape {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; field?: string; issues?: { field: string; message: string }[] };
}

export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: GraphQLErrorShape[];
}

export class GraphQLRequestError extends Error {
  constructor(readonly errors: GraphQLErrorShape[]) {
    super(errors.map((error) => `${error.extensions?.code}: ${error.message}`).join('\n'));
  }

  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }
}

/** A tiny GraphQL-over-HTTP client, talking to the API the way any script would. */
export class ApiClient {
  constructor(
    readonly url: string,
    readonly token: string | null,
  ) {}

  async raw<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse<T>;
  }

  async request<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const result = await this.raw<T>(query, variables);
    if (result.errors?.length) throw new GraphQLRequestError(result.errors);
    return result.data as T;
  }

  /** The error a request fails with; fails the test if it succeeds. */
  async expectError(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLRequestError> {
    const result = await this.raw(query, variables);
    if (!result.errors?.length) throw new Error(`expected an error, got ${JSON.stringify(result.data)}`);
    return new GraphQLRequestError(result.errors);
  }

  withToken(token: string | null): ApiClient {
    return new ApiClient(this.url, token);
  }
}

export interface Subscription<T> {
  events: T[];
  errors: unknown[];
  /** Resolves once the predicate holds for the collected events (bounded wait). */
  until(predicate: (events: T[]) => boolean, timeoutMs?: number): Promise<T[]>;
  close(): Promise<void>;
}

/** Subscribes over graphql-ws with the token in the connection params, and collects what arrives. */
export function subscribe<T = Record<string, any>>(wsUrl: string, token: string | null, query: string, variables: Record<string, unknown>): Subscription<T> {
  const client: WsClient = createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
  });
  const events: T[] = [];
  const errors: unknown[] = [];
  const waiters = new Set<() => void>();
  const notify = () => waiters.forEach((waiter) => waiter());
  client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        if (value.errors?.length) errors.push(...value.errors);
        if (value.data) events.push(value.data as T);
        notify();
      },
      error: (error) => {
        errors.push(error);
        notify();
      },
      complete: notify,
    },
  );
  return {
    events,
    errors,
    until(predicate, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (predicate(events)) {
            cleanup();
            resolve(events);
          } else if (errors.length) {
            cleanup();
            reject(new Error(`subscription failed: ${JSON.stringify(errors)}`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`subscription condition not met within ${timeoutMs} ms; got ${events.length} events: ${JSON.stringify(events).slice(0, 500)}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close: () => client.dispose() as Promise<void>,
  };
}
