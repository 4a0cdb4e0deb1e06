import type { ChartOption, ChartLayout } from './chart-option';
import { seriesColor, withAlpha, type ChartTheme } from './chart-theme';
import { escapeHtml, formatValue, niceRange, startsAtZero, valueScale, type ValueUnit } from './value-format';
import { formatDateTime, formatInteger } from '@/lib/format';

/**
 * One point of a downsampled curve: the line goes through `y` at `x`; `min` and `max` are the extremes of the
 * `count` raw points from `xStart` to `xEnd` it stands for, drawn as a band so a spike inside a bucket stays
 * visible. A raw point is a bucket of one (min = max = y).
 */
export interface BandPoint {
  x: number;
  y: number;
  min: number;
  max: number;
  count: number;
  xStart: number;
  xEnd: number;
}

export interface LineBandSeries {
  name: string;
  points: readonly BandPoint[];
}

/** `step`: training steps; `time`: x is Unix seconds, drawn on a UTC time axis. */
export type XAxisKind = 'step' | 'time';

/** A zoomed window in x units, or null for the whole range. */
export interface XWindow {
  from: number;
  to: number;
}

export interface LineBandOptionInput {
  series: readonly LineBandSeries[];
  unit: ValueUnit;
  xAxis: XAxisKind;
  theme: ChartTheme;
  layout: ChartLayout;
  zoom: XWindow | null;
}

/** Series ids: the line of a metric, and the two stacked lines whose difference is its band. */
const LINE = 'line:';
const BAND_BASE = 'band-base:';
const BAND_SPAN = 'band-span:';

/** Symbols on every point while a line is this sparse (e.g. one eval per epoch). */
const SYMBOLS_UP_TO = 40;

const toAxis = (kind: XAxisKind, x: number) => (kind === 'time' ? x * 1000 : x);
const fromAxis = (kind: XAxisKind, value: number) => (kind === 'time' ? value / 1000 : value);

/** "step 1,200" or "2025-11-28 09:24:03 UTC". */
export function formatX(kind: XAxisKind, x: number): string {
  return kind === 'time' ? formatDateTime(new Date(x * 1000).toISOString()) : `step ${formatInteger(x)}`;
}

/**
 * The lowest and highest values (band included) drawn inside a window: the points in it, and where a line
 * crosses an edge, its value there (a sparse eval curve may have no point inside yet cross it). Null when
 * nothing is drawn inside.
 */
export function visibleExtent(series: readonly LineBandSeries[], window: XWindow): [number, number] | null {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  const take = (low: number, high: number) => {
    lo = Math.min(lo, low);
    hi = Math.max(hi, high);
  };
  for (const { points } of series) {
    points.forEach((p, i) => {
      if (p.x >= window.from && p.x <= window.to) take(p.min, p.max);
      const next = points[i + 1];
      if (!next) return;
      for (const edge of [window.from, window.to]) {
        if (p.x < edge && next.x > edge) {
          const t = (edge - p.x) / (next.x - p.x);
          const at = (a: number, b: number) => a + t * (b - a);
          take(at(p.min, next.min), at(p.max, next.max));
        }
      }
    });
  }
  return lo <= hi ? [lo, hi] : null;
}

function hasBand(points: readonly BandPoint[]): boolean {
  return points.some((p) => p.count > 1 && p.max > p.min);
}

function describePoint(kind: XAxisKind, unit: ValueUnit, p: BandPoint): string {
  const value = `<strong>${escapeHtml(formatValue(unit, p.y))}</strong>`;
  if (p.count <= 1) return value;
  const range = kind === 'time' ? `${formatInteger(p.count)} readings` : `${formatInteger(p.count)} points, steps ${formatInteger(p.xStart)}–${formatInteger(p.xEnd)}`;
  return `${value}<br/><span style="opacity:.75">min ${escapeHtml(formatValue(unit, p.min))} · max ${escapeHtml(formatValue(unit, p.max))} · ${range}</span>`;
}

/** Seconds either side of a lone reading: left alone, ECharts would span a day or two around it. */
const LONE_READING_PAD_SECONDS = 30;

/** The x range to draw; a single step or reading gets a little room either side instead of an empty axis. */
export function xSpan(kind: XAxisKind, from: number, to: number): [number, number] {
  if (to > from) return [from, to];
  return kind === 'time' ? [from - LONE_READING_PAD_SECONDS, from + LONE_READING_PAD_SECONDS] : [Math.max(0, from - 1), from + 1];
}

/**
 * Line charts of metric curves over steps (or time) with a shaded min/max band per bucket, an axis tooltip,
 * and data zoom (wheel with Ctrl or pinch, drag to pan, a slider below). `zoom` is applied as absolute
 * values, so a live curve that grows keeps the window the reader chose. The legend is the caller's HTML
 * (it wraps on narrow screens and is real text): series i has `seriesColor(theme, i)`, empty series skipped.
 */
export function buildLineBandOption({ series, unit, xAxis, theme, layout, zoom }: LineBandOptionInput): ChartOption {
  const { compact } = layout;
  const drawn = series.filter((s) => s.points.length > 0);
  // Values are drawn in a unit that gives round ticks (bytes in KiB, MiB or GiB); tooltips show the raw value.
  let largest = 0;
  for (const s of drawn) for (const p of s.points) largest = Math.max(largest, Math.abs(p.min), Math.abs(p.max));
  const scale = valueScale(unit, largest);
  const y = (value: number) => value / scale.divisor;
  const byId = new Map<string, { series: LineBandSeries; color: string }>();

  const chartSeries: NonNullable<ChartOption['series']> = [];
  drawn.forEach((s, index) => {
    const color = seriesColor(theme, index);
    byId.set(LINE + s.name, { series: s, color });
    if (hasBand(s.points)) {
      const stack = `band:${s.name}`;
      const bandLine = { type: 'line', stack, stackStrategy: 'all', symbol: 'none', silent: true, lineStyle: { opacity: 0 }, emphasis: { disabled: true }, z: 1 } as const;
      chartSeries.push(
        { ...bandLine, id: BAND_BASE + s.name, name: `${s.name} min`, data: s.points.map((p) => [toAxis(xAxis, p.x), y(p.min)]) },
        {
          ...bandLine,
          id: BAND_SPAN + s.name,
          name: `${s.name} range`,
          data: s.points.map((p) => [toAxis(xAxis, p.x), y(p.max) - y(p.min)]),
          areaStyle: { color: withAlpha(color, 0.2) },
        },
      );
    }
    chartSeries.push({
      type: 'line',
      id: LINE + s.name,
      name: s.name,
      data: s.points.map((p) => [toAxis(xAxis, p.x), y(p.y)]),
      color,
      showSymbol: s.points.length <= SYMBOLS_UP_TO,
      symbolSize: 5,
      lineStyle: { width: 1.75 },
      emphasis: { focus: 'series' },
      z: 3,
    });
  });

  const axisLabel = { color: theme.muted, fontSize: compact ? 11 : 12, hideOverlap: true };
  const splitLine = { lineStyle: { color: theme.border } };
  const zoomWindow = zoom
    ? { start: undefined, end: undefined, startValue: toAxis(xAxis, zoom.from), endValue: toAxis(xAxis, zoom.to) }
    : { start: 0, end: 100, startValue: undefined, endValue: undefined };
  const xLabel = (value: number) => (xAxis === 'time' ? '' : formatInteger(value));
  // The axis spans the steps the buckets cover, not just their last steps: a curve from step 1 starts at 1.
  const [xMin, xMax] = xSpan(xAxis, Math.min(...drawn.map((s) => s.points[0].xStart)), Math.max(...drawn.map((s) => s.points[s.points.length - 1].xEnd)));
  // Zoomed, the y axis fits what is visible (dataZoom keeps all data so lines run on past the edges).
  const extent = zoom ? visibleExtent(drawn, zoom) : null;
  const yRange = extent ? niceRange(y(extent[0]), y(extent[1]), compact ? 3 : 4, startsAtZero(unit)) : null;

  return {
    animation: false,
    useUTC: true,
    textStyle: { fontFamily: theme.font, color: theme.muted },
    grid: {
      left: 4,
      right: compact ? 12 : 20,
      top: 10,
      bottom: compact ? 40 : 44,
      outerBoundsMode: 'same',
      outerBoundsContain: 'axisLabel',
    },
    tooltip: {
      trigger: 'axis',
      confine: true,
      transitionDuration: 0,
      backgroundColor: theme.surface,
      borderColor: theme.border,
      textStyle: { color: theme.text, fontSize: 12, fontFamily: theme.font },
      axisPointer: { type: 'line', lineStyle: { color: theme.muted, type: 'dashed' } },
      formatter: (params) => {
        const items = (Array.isArray(params) ? params : [params]).filter((p) => p.seriesId?.startsWith(LINE));
        const rows: string[] = [];
        let header: string | null = null;
        for (const item of items) {
          const entry = byId.get(item.seriesId ?? '');
          const point = entry?.series.points[item.dataIndex];
          if (!entry || !point) continue;
          const at = formatX(xAxis, point.x);
          header ??= at;
          const marker = `<span style="display:inline-block;width:10px;height:3px;border-radius:2px;margin:0 6px 3px 0;background:${entry.color}"></span>`;
          const elsewhere = at === header ? '' : ` <span style="opacity:.75">(${escapeHtml(at)})</span>`;
          rows.push(`<div style="margin-top:4px">${marker}${escapeHtml(entry.series.name)}: ${describePoint(xAxis, unit, point)}${elsewhere}</div>`);
        }
        return header === null ? '' : `<div style="font-weight:600">${escapeHtml(header)}</div>${rows.join('')}`;
      },
    },
    xAxis: {
      type: xAxis === 'time' ? 'time' : 'value',
      // Always present, even when unset: a merging setOption would otherwise keep the previous bounds.
      min: drawn.length > 0 ? toAxis(xAxis, xMin) : undefined,
      max: drawn.length > 0 ? toAxis(xAxis, xMax) : undefined,
      splitNumber: compact ? 3 : 6,
      axisLabel: xAxis === 'time' ? axisLabel : { ...axisLabel, formatter: xLabel },
      axisLine: { lineStyle: { color: theme.border } },
      axisTick: { lineStyle: { color: theme.border } },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      scale: !startsAtZero(unit),
      splitNumber: compact ? 3 : 4,
      min: yRange?.[0],
      max: yRange?.[1],
      axisLabel: { ...axisLabel, formatter: scale.tick },
      splitLine,
    },
    dataZoom: [
      {
        type: 'inside',
        xAxisIndex: 0,
        filterMode: 'none',
        // Page scrolling stays page scrolling: zoom with Ctrl+wheel or a trackpad pinch; on phones a
        // one-finger drag scrolls the page and the slider pans.
        zoomOnMouseWheel: 'ctrl',
        moveOnMouseWheel: false,
        moveOnMouseMove: !compact,
        preventDefaultMouseMove: !compact,
        ...zoomWindow,
      },
      {
        type: 'slider',
        xAxisIndex: 0,
        filterMode: 'none',
        height: 16,
        bottom: 6,
        left: 8,
        right: compact ? 12 : 20,
        showDetail: !compact,
        brushSelect: false,
        borderColor: theme.border,
        backgroundColor: theme.surfaceMuted,
        fillerColor: withAlpha(theme.accent, 0.15),
        dataBackground: { lineStyle: { color: theme.muted, opacity: 0.5 }, areaStyle: { color: theme.muted, opacity: 0.1 } },
        selectedDataBackground: { lineStyle: { color: theme.accent }, areaStyle: { color: theme.accent, opacity: 0.15 } },
        handleStyle: { color: theme.surface, borderColor: theme.accent },
        moveHandleStyle: { color: theme.accent, opacity: 0.4 },
        textStyle: { color: theme.muted, fontSize: 11 },
        labelFormatter: (value: number) => (xAxis === 'time' ? formatDateTime(new Date(value).toISOString()).slice(11, 19) : formatInteger(Math.round(value))),
        ...zoomWindow,
      },
    ],
    series: chartSeries,
  };
}

/** The zoomed window from a chart's dataZoom state, in x units; null when the whole range shows. */
export function windowFromZoom(kind: XAxisKind, zoom: { start?: number; end?: number; startValue?: number; endValue?: number }): XWindow | null {
  if ((zoom.start ?? 0) <= 0 && (zoom.end ?? 100) >= 100) return null;
  if (typeof zoom.startValue !== 'number' || typeof zoom.endValue !== 'number') return null;
  return { from: fromAxis(kind, zoom.startValue), to: fromAxis(kind, zoom.endValue) };
}
