'use client';

import { createClient as createWsClient } from 'graphql-ws';
import { useMemo, useState, type ReactNode } from 'react';
import {
  cacheExchange,
  createClient,
  fetchExchange,
  ssrExchange,
  subscriptionExchange,
  UrqlProvider as NextUrqlProvider,
  type Exchange,
} from '@urql/next';
import { LiveConnectionContext, type LiveConnection } from './live-connection';

/** ws:// or wss:// URL of the same GraphQL endpoint. */
export function toWebSocketUrl(apiUrl: string): string {
  const url = new URL(apiUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

interface UrqlProviderProps {
  apiUrl: string;
  token: string;
  /** This response's script nonce (the Content-Security-Policy from proxy.ts): urql's rehydration script carries it. */
  nonce?: string;
  children: ReactNode;
}

/**
 * One urql client per page load (per request on the server). Queries run over
 * HTTP POST (Apollo's CSRF guard refuses GET) and suspend, so the server render
 * already holds the data; subscriptions run over graphql-ws, in the browser only.
 */
export function UrqlProvider({ apiUrl, token, nonce, children }: UrqlProviderProps) {
  const [connection, setConnection] = useState<LiveConnection>({ state: 'idle', epoch: 0 });

  const [client, ssr] = useMemo(() => {
    const inBrowser = typeof window !== 'undefined';
    const authorization = `Bearer ${token}`;
    const ssr = ssrExchange({ isClient: inBrowser });
    const exchanges: Exchange[] = [cacheExchange, ssr, fetchExchange];

    if (inBrowser) {
      const ws = createWsClient({
        url: toWebSocketUrl(apiUrl),
        connectionParams: { authorization },
        lazy: true,
        // Keep the socket across page navigations that swap one subscription for another.
        lazyCloseTimeout: 5_000,
        retryAttempts: Number.POSITIVE_INFINITY,
        retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(1_000 * 2 ** retries, 10_000))),
        on: {
          connecting: (isRetry) => setConnection((c) => ({ ...c, state: isRetry ? 'reconnecting' : 'connecting' })),
          connected: () => setConnection((c) => ({ state: 'connected', epoch: c.epoch + 1 })),
          closed: () => setConnection((c) => ({ ...c, state: 'closed' })),
        },
      });
      exchanges.push(
        subscriptionExchange({
          forwardSubscription: (request) => ({
            subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query ?? '' }, sink) }),
          }),
        }),
      );
    }

    const client = createClient({
      url: apiUrl,
      exchanges,
      suspense: true,
      preferGetMethod: false,
      fetchOptions: { headers: { authorization } },
    });
    return [client, ssr] as const;
  }, [apiUrl, token]);

  return (
    <NextUrqlProvider client={client} ssr={ssr} nonce={nonce}>
      <LiveConnectionContext.Provider value={connection}>{children}</LiveConnectionContext.Provider>
    </NextUrqlProvider>
  );
}
