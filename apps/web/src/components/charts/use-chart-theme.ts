'use client';

import { useMemo, useSyncExternalStore } from 'react';
import { readChartTheme, type ChartTheme } from './chart-theme';

const DARK = '(prefers-color-scheme: dark)';

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(DARK);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** The chart theme for the current colour scheme; charts re-render when the scheme changes. */
export function useChartTheme(): ChartTheme {
  const dark = useSyncExternalStore(
    subscribe,
    () => window.matchMedia(DARK).matches,
    () => false,
  );
  return useMemo(() => readChartTheme(dark), [dark]);
}
