'use client';

import { useEffect, useState } from 'react';

/**
 * The current time, refreshed every `intervalMs`; null on the server and on the
 * first browser render, so hydration matches what the server sent.
 */
export function useNow(intervalMs: number): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
