/**
 * Colours and fonts of the charts, taken from the app's CSS custom properties (globals.css) so charts follow
 * the light and dark schemes like the rest of the page. Canvas cannot read CSS variables itself.
 */
export interface ChartTheme {
  font: string;
  text: string;
  muted: string;
  border: string;
  surface: string;
  surfaceMuted: string;
  accent: string;
  /** Series colours, in order; distinguishable from each other on either background. */
  series: readonly string[];
}

export const LIGHT_THEME: ChartTheme = {
  font: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  text: '#1c2330',
  muted: '#5d6878',
  border: '#dde1e7',
  surface: '#ffffff',
  surfaceMuted: '#f0f2f5',
  accent: '#2f5bd3',
  series: ['#2f5bd3', '#d9480f', '#2b8a3e', '#ae3ec9', '#0b7285', '#c2255c', '#8a5a00', '#5c6ac4'],
};

export const DARK_THEME: ChartTheme = {
  font: LIGHT_THEME.font,
  text: '#e5e9f0',
  muted: '#9aa5b5',
  border: '#2c3441',
  surface: '#181d26',
  surfaceMuted: '#1f2530',
  accent: '#7ea2ff',
  series: ['#7ea2ff', '#ff922b', '#69db7c', '#da77f2', '#3bc9db', '#f783ac', '#f0c05a', '#a5b4fc'],
};

/** The theme for the current scheme, with the page's CSS variables where it defines them. */
export function readChartTheme(dark: boolean): ChartTheme {
  const base = dark ? DARK_THEME : LIGHT_THEME;
  if (typeof window === 'undefined') return base;
  const style = getComputedStyle(document.documentElement);
  const css = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    ...base,
    font: css('--font-sans', base.font),
    text: css('--text', base.text),
    muted: css('--text-muted', base.muted),
    border: css('--border', base.border),
    surface: css('--surface', base.surface),
    surfaceMuted: css('--surface-muted', base.surfaceMuted),
    accent: css('--accent', base.accent),
  };
}

/** The colour of the i-th series of a chart. */
export function seriesColor(theme: ChartTheme, index: number): string {
  return theme.series[index % theme.series.length];
}

/** `#rrggbb` with an alpha, for bands and fills. */
export function withAlpha(hex: string, alpha: number): string {
  const match = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!match) return hex;
  const n = Number.parseInt(match[1], 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
