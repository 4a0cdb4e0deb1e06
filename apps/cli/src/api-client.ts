import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { Connection } from './config';
import { ApiError, CliError, EXIT, type GraphQLErrorShape } from './errors';

const REQUEST_TIMEOUT_MS = 120_000;

/** GraphQL over HTTP and graphql-ws, turning every way a call can fail into a CliError with its exit code. */
export class ApiClient {
  constructor(readonly connection: Connection) {}

  async request<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const { url, token } = this.connection;
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw unreachable(url, error);
    }
    const text = await response.text();
    let body: { data?: T | null; errors?: GraphQLErrorShape[] };
    try {
      body = JSON.parse(text);
    } catch {
      throw new CliError(
        `${url} answered HTTP ${response.status} (${response.headers.get('content-type') ?? 'no content type'}), not GraphQL; is TUNELAB_URL the tunelab API (e.g. http://127.0.0.1:4000)?`,
        EXIT.unreachable,
      );
    }
    if (body.errors?.length) throw new ApiError(body.errors);
    if (!response.ok || body.data == null) {
      throw new CliError(`${url} answered HTTP ${response.status} without data; is TUNELAB_URL the tunelab API?`, EXIT.unreachable);
    }
    return body.data;
  }

  /** One graphql-ws connection with the token in the connection params; close it with dispose(). */
  subscriptions(): Subscriptions {
    const client = createClient({
      url: this.connection.wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${this.connection.token}` },
      lazy: true,
      retryAttempts: 5,
      shouldRetry: () => true,
    });
    return new Subscriptions(client);
  }
}

export interface SubscriptionHandlers<T> {
  next: (data: T) => void;
  error: (error: CliError) => void;
}

export class Subscriptions {
  constructor(private readonly client: WsClient) {}

  subscribe<T>(query: string, variables: Record<string, unknown>, handlers: SubscriptionHandlers<T>): () => void {
    return this.client.subscribe<T>(
      { query, variables },
      {
        next: (value) => {
          if (value.errors?.length) handlers.error(new ApiError(value.errors as unknown as GraphQLErrorShape[]));
          else if (value.data) handlers.next(value.data as T);
        },
        error: (error) => handlers.error(subscriptionError(error)),
        complete: () => undefined,
      },
    );
  }

  dispose(): Promise<void> {
    return Promise.resolve(this.client.dispose());
  }
}

function subscriptionError(error: unknown): CliError {
  if (Array.isArray(error)) return new ApiError(error as GraphQLErrorShape[]);
  const event = error as { code?: number; reason?: string; message?: string };
  if (event && typeof event.code === 'number') {
    if (event.code === 4401 || event.code === 4403) return new CliError(`the API closed the live connection: ${event.reason || 'unauthorized'}`, EXIT.auth);
    return new CliError(`the live connection closed (${event.code}${event.reason ? `: ${event.reason}` : ''})`, EXIT.unreachable);
  }
  return new CliError(`the live connection failed: ${event?.message ?? String(error)}`, EXIT.unreachable);
}

/** fetch failed before any answer: refused, unknown host, timeout. */
export function unreachable(url: string, error: unknown): CliError {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const reason = cause?.code ?? (error as Error).name ?? 'error';
  const detail =
    reason === 'ECONNREFUSED'
      ? 'nothing is listening there'
      : reason === 'ENOTFOUND' || reason === 'EAI_AGAIN'
        ? 'the host name does not resolve'
        : reason === 'TimeoutError'
          ? `no answer within ${REQUEST_TIMEOUT_MS / 1000} s`
          : (cause?.message ?? (error as Error).message);
  return new CliError(`cannot reach the tunelab API at ${url} (${reason}: ${detail}); start it with \`npm start\` or set TUNELAB_URL (e.g. http://127.0.0.1:4000)`, EXIT.unreachable);
}
