'use client';

import { useCallback, useEffect, useMemo, useState } from 'react';
import { usePathname, useSearchParams } from 'next/navigation';
import { METRICS_PARAM, parseShownKeys, serializeShownKeys } from './metric-selection';

export interface ShownMetrics {
  /** null: every key. */
  shown: ReadonlySet<string> | null;
  set(next: ReadonlySet<string> | null, allKeys: readonly string[]): void;
}

/**
 * The charted metric keys, read from and written to `?metrics=`. Written with `history.replaceState`, which
 * Next's router follows (useSearchParams updates) without refetching the page from the server and without a
 * history entry per click; the choice shows at once, before the router catches up.
 */
export function useShownMetrics(): ShownMetrics {
  const params = useSearchParams();
  const pathname = usePathname();
  const raw = params.get(METRICS_PARAM);
  const [pending, setPending] = useState<{ value: string | null } | null>(null);
  // The URL caught up, or changed under us (back/forward): it is the truth again.
  useEffect(() => setPending(null), [raw]);
  const value = pending ? pending.value : raw;
  const shown = useMemo(() => parseShownKeys(value), [value]);

  const set = useCallback(
    (next: ReadonlySet<string> | null, allKeys: readonly string[]) => {
      const serialized = serializeShownKeys(next, allKeys);
      setPending({ value: serialized });
      const query = new URLSearchParams(window.location.search);
      if (serialized === null) query.delete(METRICS_PARAM);
      else query.set(METRICS_PARAM, serialized);
      // Slashes and commas read better unescaped, and both are fine in a query string.
      const text = query.toString().replace(/%2F/gi, '/').replace(/%2C/gi, ',');
      window.history.replaceState(null, '', text ? `${pathname}?${text}` : pathname);
    },
    [pathname],
  );

  return { shown, set };
}
