'use client';

import type { ChartTheme } from './chart-theme';
import { seriesColor } from './chart-theme';

/**
 * A chart's legend as HTML above the canvas: it wraps on a narrow screen instead of paging, and its names are
 * text a reader can select and a screen reader reads. Entry i has the colour of series i.
 */
export function ChartLegend({ names, theme }: { names: readonly string[]; theme: ChartTheme }) {
  return (
    <ul className="chart-legend">
      {names.map((name, index) => (
        <li key={name} className="chart-legend__item">
          <span className="chart-legend__swatch" style={{ background: seriesColor(theme, index) }} aria-hidden="true" />
          <code>{name}</code>
        </li>
      ))}
    </ul>
  );
}
