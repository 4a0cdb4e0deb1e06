'use client';

import { useEffect, useState } from 'react';
import { formatDateTime, formatRelative } from '@/lib/format';

/**
 * Absolute UTC time on the server and on the first browser render (so hydration
 * matches), then "12 s ago", refreshed every few seconds.
 */
export function RelativeTime({ iso }: { iso: string }) {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 5_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {now === null ? formatDateTime(iso) : formatRelative(iso, now)}
    </time>
  );
}
