import { describe, expect, it } from 'vitest';
import { LIGHT_THEME } from './chart-theme';
import { buildLineBandOption, formatX, visibleExtent, windowFromZoom, xSpan, type BandPoint } from './line-band-option';

const raw = (x: number, y: number): BandPoint => ({ x, y, min: y, max: y, count: 1, xStart: x, xEnd: x });
const bucket = (x: number, y: number, min: number, max: number): BandPoint => ({ x, y, min, max, count: 10, xStart: x - 9, xEnd: x });

type SeriesList = { id?: string; data?: unknown; stack?: string; areaStyle?: unknown }[];
const seriesOf = (option: ReturnType<typeof buildLineBandOption>) => option.series as SeriesList;

describe('line chart with a min/max band', () => {
  const input = { unit: 'plain' as const, xAxis: 'step' as const, theme: LIGHT_THEME, layout: { compact: false }, zoom: null };

  it('draws a band only where buckets hide points, as two stacked series under the line', () => {
    const option = buildLineBandOption({
      ...input,
      series: [
        { name: 'train/loss', points: [bucket(10, 1, 0.8, 3), bucket(20, 0.5, 0.4, 0.6)] },
        { name: 'eval/loss', points: [raw(10, 0.9), raw(20, 0.7)] },
        { name: 'eval/none', points: [] },
      ],
    });
    const series = seriesOf(option);
    expect(series.map((s) => s.id)).toEqual(['band-base:train/loss', 'band-span:train/loss', 'line:train/loss', 'line:eval/loss']);
    expect(series[0].data).toEqual([
      [10, 0.8],
      [20, 0.4],
    ]);
    expect(series[1].data).toEqual([
      [10, 3 - 0.8],
      [20, 0.6 - 0.4],
    ]);
    expect(series[0].stack).toBe(series[1].stack);
    expect(series[1].areaStyle).toBeDefined();
    expect(option.legend).toBeUndefined();
  });

  it('keeps a zoomed window as absolute values, and shows all otherwise', () => {
    const series = [{ name: 'train/loss', points: [raw(1, 1), raw(100, 0.1)] }];
    const zoomed = buildLineBandOption({ ...input, series, zoom: { from: 10, to: 50 } });
    expect((zoomed.dataZoom as object[])[0]).toMatchObject({ startValue: 10, endValue: 50 });
    const all = buildLineBandOption({ ...input, series });
    expect((all.dataZoom as object[])[1]).toMatchObject({ start: 0, end: 100 });
  });

  it('spans the x axis over the steps the buckets cover, and fits the y axis to a zoomed window', () => {
    const series = [{ name: 'train/loss', points: [bucket(10, 2, 1.5, 3), bucket(20, 0.5, 0.45, 0.6), bucket(30, 0.4, 0.38, 0.42)] }];
    const all = buildLineBandOption({ ...input, series });
    expect(all.xAxis).toMatchObject({ min: 1, max: 30 });
    // Present but unset, so that a merging setOption clears the bounds of an earlier zoom.
    expect(all.yAxis).toHaveProperty('min', undefined);
    expect(all.yAxis).toHaveProperty('max', undefined);
    const zoomed = buildLineBandOption({ ...input, series, zoom: { from: 20, to: 30 } });
    expect(zoomed.yAxis).toMatchObject({ min: 0.3, max: 0.6 });
  });

  it('counts a sparse line that crosses the zoomed window without a point in it', () => {
    const series = [
      { name: 'train/loss', points: [raw(10, 0.4), raw(20, 0.45), raw(30, 0.42)] },
      { name: 'eval/loss', points: [raw(0, 0.6), raw(40, 0.5)] },
    ];
    const [lo, hi] = visibleExtent(series, { from: 15, to: 25 }) ?? [];
    expect(lo).toBeCloseTo(0.425);
    expect(hi).toBeCloseTo(0.5625);
    expect(visibleExtent(series, { from: 50, to: 60 })).toBeNull();
  });

  it('draws bytes on a binary-unit axis', () => {
    const option = buildLineBandOption({ ...input, unit: 'bytes', series: [{ name: 'system/rss_bytes', points: [raw(1, 2 * 1024 ** 3)] }] });
    expect(seriesOf(option)[0].data).toEqual([[1, 2]]);
  });

  it('draws time axes in milliseconds from Unix seconds', () => {
    const option = buildLineBandOption({ ...input, xAxis: 'time', series: [{ name: 'system/cpu_percent', points: [raw(1_764_320_000, 40)] }], zoom: { from: 1_764_320_000, to: 1_764_320_060 } });
    expect(seriesOf(option)[0].data).toEqual([[1_764_320_000_000, 40]]);
    expect((option.dataZoom as object[])[0]).toMatchObject({ startValue: 1_764_320_000_000 });
    expect(windowFromZoom('time', { start: 10, end: 20, startValue: 1_764_320_000_000, endValue: 1_764_320_060_000 })).toEqual({ from: 1_764_320_000, to: 1_764_320_060 });
  });

  it('gives a lone reading a minute of room instead of a day-wide time axis', () => {
    const option = buildLineBandOption({ ...input, xAxis: 'time', series: [{ name: 'system/cpu_percent', points: [raw(1_764_320_000, 40)] }] });
    expect(option.xAxis).toMatchObject({ min: 1_764_319_970_000, max: 1_764_320_030_000 });
    expect(xSpan('step', 10, 10)).toEqual([9, 11]);
    expect(xSpan('step', 0, 0)).toEqual([0, 1]);
    expect(xSpan('step', 1, 40)).toEqual([1, 40]);
  });

  it('reads no window back when the zoom shows everything', () => {
    expect(windowFromZoom('step', { start: 0, end: 100, startValue: 1, endValue: 100 })).toBeNull();
    expect(windowFromZoom('step', { start: 20, end: 40, startValue: 20, endValue: 40 })).toEqual({ from: 20, to: 40 });
  });

  it('names the x position in the tooltip', () => {
    expect(formatX('step', 12_345)).toBe('step 12,345');
    expect(formatX('time', 1_764_320_000)).toBe('2025-11-28 08:53:20 UTC');
  });
});
