'use client';

import { useEffect, useRef } from 'react';

/**
 * Calls `callback` every `intervalMs` while `enabled` and the tab is visible.
 * For data no subscription announces (e.g. run progress on the study page).
 */
export function usePolling(callback: () => void, intervalMs: number, enabled: boolean): void {
  const latest = useRef(callback);
  useEffect(() => {
    latest.current = callback;
  });
  useEffect(() => {
    if (!enabled) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') latest.current();
    }, intervalMs);
    return () => clearInterval(timer);
  }, [enabled, intervalMs]);
}
