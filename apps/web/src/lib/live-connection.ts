'use client';

import { createContext, useContext, useEffect, useRef, useState } from 'react';
import { useClient, type AnyVariables, type CombinedError, type TypedDocumentNode } from 'urql';

export type LiveState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'closed';

/** State of the shared graphql-ws socket; `epoch` counts successful connections. */
export interface LiveConnection {
  state: LiveState;
  epoch: number;
}

export const LiveConnectionContext = createContext<LiveConnection>({ state: 'idle', epoch: 0 });

export function useLiveConnection(): LiveConnection {
  return useContext(LiveConnectionContext);
}

/**
 * Runs `callback` each time the socket (re)connects while the component is mounted.
 * Events sent while the socket was down are lost, so live views refetch here.
 */
export function useOnConnect(callback: () => void): void {
  const { epoch } = useLiveConnection();
  const latest = useRef(callback);
  const seen = useRef(epoch);
  useEffect(() => {
    latest.current = callback;
  });
  useEffect(() => {
    if (epoch === seen.current) return;
    seen.current = epoch;
    latest.current();
  }, [epoch]);
}

/**
 * Subscribes for as long as the component is mounted and hands every event to
 * `onData` (a side-effecting callback, unlike urql's reducer-style handler).
 * Returns the last subscription error, if any.
 */
export function useLiveSubscription<Data, Variables extends AnyVariables>(
  query: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  onData: (data: Data) => void,
): CombinedError | undefined {
  const client = useClient();
  const [error, setError] = useState<CombinedError>();
  const latest = useRef(onData);
  useEffect(() => {
    latest.current = onData;
  });
  const variablesKey = JSON.stringify(variables);

  useEffect(() => {
    const subscription = client
      .subscription(query, JSON.parse(variablesKey) as Variables)
      .subscribe((result) => {
        setError(result.error);
        if (result.data) latest.current(result.data);
      });
    return () => subscription.unsubscribe();
  }, [client, query, variablesKey]);

  return error;
}

/**
 * Throttles bursts: the first call runs `fn` at once, calls during the next
 * `intervalMs` fold into one trailing run at its end. A steady stream of events
 * thus refreshes at most once per interval, and a lone event without delay.
 */
export function useThrottled(fn: () => void, intervalMs: number): () => void {
  const latest = useRef(fn);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pending = useRef(false);
  useEffect(() => {
    latest.current = fn;
  });
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      timer.current = undefined;
    },
    [],
  );
  const [call] = useState(() => {
    const openWindow = () => {
      timer.current = setTimeout(() => {
        timer.current = undefined;
        if (!pending.current) return;
        pending.current = false;
        latest.current();
        openWindow();
      }, intervalMs);
    };
    return () => {
      if (timer.current !== undefined) {
        pending.current = true;
        return;
      }
      latest.current();
      openWindow();
    };
  });
  return call;
}
