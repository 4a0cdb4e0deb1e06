'use client';

import { useLiveConnection } from '@/lib/live-connection';

const LABELS = {
  idle: 'Connecting…',
  connecting: 'Connecting…',
  connected: 'Live',
  reconnecting: 'Reconnecting…',
  closed: 'Offline',
} as const;

/** Shows whether live updates are flowing (the shared graphql-ws socket). */
export function LiveIndicator() {
  const { state } = useLiveConnection();
  return (
    <span className={`live live--${state}`} role="status" aria-live="polite" data-live={state}>
      <span className="live__dot" aria-hidden="true" />
      {LABELS[state]}
    </span>
  );
}
