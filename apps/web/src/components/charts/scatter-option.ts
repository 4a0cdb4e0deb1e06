import type { ChartLayout, ChartOption } from './chart-option';
import { seriesColor, withAlpha, type ChartTheme } from './chart-theme';
import { escapeHtml, formatShortNumber, niceRange, valueScale, type ValueUnit } from './value-format';

/** One point of a trade-off scatter: a run at (cost, quality). */
export interface ScatterPoint {
  /** Identifies the point to a click handler (a run id). */
  id: string;
  x: number;
  y: number;
  /** Index of its group (a method): decides the colour. */
  group: number;
  /** Bubble area driver (e.g. trainable parameters); null: the smallest size. */
  size: number | null;
  /** Drawn faded (dominated on the trade-off). */
  faded: boolean;
  /** Optional vertical interval (a confidence interval of y). */
  low?: number | null;
  high?: number | null;
  /** Tooltip title and rows, plain text (escaped here). */
  title: string;
  details: readonly string[];
}

export interface ScatterOptionInput {
  points: readonly ScatterPoint[];
  /** Group names in colour order (series i has `seriesColor(theme, i)`). */
  groups: readonly string[];
  /** The non-dominated points in x order, joined by a step line; empty for none. */
  front: ReadonlyArray<{ x: number; y: number }>;
  xUnit: ValueUnit;
  xLog: boolean;
  xName: string;
  yName: string;
  theme: ChartTheme;
  layout: ChartLayout;
}

export const FRONT_SERIES_ID = 'pareto-front';
export const ERROR_SERIES_ID = 'error-bars';
const MIN_SYMBOL = 7;
const MAX_SYMBOL = 26;

/** Bubble diameters from sizes on a log scale, between MIN_SYMBOL and MAX_SYMBOL px. */
export function bubbleSizer(sizes: ReadonlyArray<number | null>): (size: number | null) => number {
  const logs = sizes.filter((s): s is number => s !== null && s > 0).map((s) => Math.log10(s));
  if (logs.length === 0) return () => MIN_SYMBOL + 3;
  const lo = Math.min(...logs);
  const hi = Math.max(...logs);
  return (size) => {
    if (size === null || size <= 0) return MIN_SYMBOL;
    if (hi === lo) return (MIN_SYMBOL + MAX_SYMBOL) / 2;
    return MIN_SYMBOL + ((Math.log10(size) - lo) / (hi - lo)) * (MAX_SYMBOL - MIN_SYMBOL);
  };
}

interface ScatterDatum {
  value: [number, number];
  id: string;
  symbolSize: number;
  itemStyle?: { opacity: number };
}

/**
 * A scatter of runs: quality up, cost right (optionally on a log axis), one series per group, bubbles sized by
 * a log-scaled size, dominated points faded, vertical error bars (a custom series), and the Pareto front as a
 * step line through the non-dominated points. Built for about 1,000 points: no per-point series, no
 * animation, large-mode thresholds left to ECharts.
 */
export function buildScatterOption({ points, groups, front, xUnit, xLog, xName, yName, theme, layout }: ScatterOptionInput): ChartOption {
  const { compact } = layout;
  const drawn = xLog ? points.filter((p) => p.x > 0) : points;
  const sizer = bubbleSizer(drawn.map((p) => p.size));
  let largest = 0;
  for (const p of drawn) largest = Math.max(largest, Math.abs(p.x));
  const scale = valueScale(xUnit, largest);
  const x = (value: number) => value / scale.divisor;

  const perGroup: ScatterDatum[][] = groups.map(() => []);
  const lookup = new Map<string, ScatterPoint>();
  const bars: Array<[number, number, number, number]> = [];
  for (const p of drawn) {
    lookup.set(p.id, p);
    perGroup[p.group]?.push({ value: [x(p.x), p.y], id: p.id, symbolSize: sizer(p.size), ...(p.faded ? { itemStyle: { opacity: 0.3 } } : {}) });
    if (p.low != null && p.high != null) bars.push([x(p.x), p.low, p.high, p.group]);
  }

  const series: NonNullable<ChartOption['series']> = groups.map((name, index) => ({
    type: 'scatter',
    id: `group:${name}`,
    name,
    data: perGroup[index],
    color: seriesColor(theme, index),
    itemStyle: { opacity: 0.85, borderColor: theme.surface, borderWidth: 1 },
    emphasis: { focus: 'none', scale: 1.3 },
    cursor: 'pointer',
    z: 3,
  }));

  if (bars.length > 0) {
    series.push({
      type: 'custom',
      id: ERROR_SERIES_ID,
      name: 'confidence intervals',
      silent: true,
      z: 2,
      data: bars,
      encode: { x: 0, y: [1, 2] },
      renderItem: (_params, api) => {
        const group = Number(api.value(3));
        const top = api.coord([api.value(0), api.value(2)]);
        const bottom = api.coord([api.value(0), api.value(1)]);
        const style = { stroke: withAlpha(seriesColor(theme, group), 0.55), lineWidth: 1.25 };
        const cap = 3;
        return {
          type: 'group',
          children: [
            { type: 'line', shape: { x1: top[0], y1: top[1], x2: bottom[0], y2: bottom[1] }, style },
            { type: 'line', shape: { x1: top[0] - cap, y1: top[1], x2: top[0] + cap, y2: top[1] }, style },
            { type: 'line', shape: { x1: bottom[0] - cap, y1: bottom[1], x2: bottom[0] + cap, y2: bottom[1] }, style },
          ],
        };
      },
    });
  }

  const frontDrawn = (xLog ? front.filter((p) => p.x > 0) : front).map((p) => [x(p.x), p.y] as [number, number]);
  if (frontDrawn.length > 0) {
    series.push({
      type: 'line',
      id: FRONT_SERIES_ID,
      name: 'Pareto front',
      data: frontDrawn,
      // Quality steps up as cost grows: from each front point, flat to the next cost, then up.
      step: 'end',
      symbol: 'none',
      silent: true,
      color: theme.text,
      lineStyle: { width: 1.5, type: 'dashed', color: theme.text, opacity: 0.7 },
      z: 1,
    });
  }

  const axisLabel = { color: theme.muted, fontSize: compact ? 11 : 12, hideOverlap: true };
  const ys = drawn.flatMap((p) => [p.y, p.low ?? p.y, p.high ?? p.y]);
  const yMin = ys.length ? Math.min(...ys) : 0;
  const yMax = ys.length ? Math.max(...ys) : 1;
  // Round bounds (0.7–0.95, not 0.689–0.96) so the end ticks are labelled like the others.
  const [niceLow, niceHigh] = niceRange(yMin - (yMax - yMin) * 0.05, yMax + (yMax - yMin) * 0.05, compact ? 3 : 4, false);

  return {
    animation: false,
    textStyle: { fontFamily: theme.font, color: theme.muted },
    grid: { left: 8, right: compact ? 14 : 24, top: 28, bottom: 34, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: {
      trigger: 'item',
      confine: true,
      transitionDuration: 0,
      backgroundColor: theme.surface,
      borderColor: theme.border,
      textStyle: { color: theme.text, fontSize: 12, fontFamily: theme.font },
      formatter: (params) => {
        const item = Array.isArray(params) ? params[0] : params;
        const data = item?.data as ScatterDatum | undefined;
        const point = data?.id ? lookup.get(data.id) : undefined;
        if (!point) return '';
        const rows = point.details.map((row) => `<div>${escapeHtml(row)}</div>`).join('');
        return `<div style="font-weight:600">${escapeHtml(point.title)}</div>${rows}<div style="opacity:.7;margin-top:4px">Click to open the run</div>`;
      },
    },
    xAxis: {
      type: xLog ? 'log' : 'value',
      name: xName,
      nameLocation: 'middle',
      nameGap: 24,
      nameTextStyle: { color: theme.muted, fontSize: 12 },
      scale: true,
      splitNumber: compact ? 3 : 5,
      axisLabel: { ...axisLabel, formatter: (value: number) => (xLog ? formatShortNumber(value) : scale.tick(value)) },
      axisLine: { lineStyle: { color: theme.border } },
      splitLine: { lineStyle: { color: theme.border, opacity: 0.5 } },
    },
    yAxis: {
      type: 'value',
      name: yName,
      nameTextStyle: { color: theme.muted, fontSize: 12, align: 'left' },
      // Scores in 0..1 stay inside 0..1.
      min: yMin >= 0 ? Math.max(0, niceLow) : niceLow,
      max: yMax <= 1 ? Math.min(1, niceHigh) : niceHigh,
      splitNumber: compact ? 3 : 4,
      axisLabel: { ...axisLabel, formatter: (value: number) => String(Number(value.toPrecision(3))) },
      splitLine: { lineStyle: { color: theme.border } },
    },
    series,
  };
}
