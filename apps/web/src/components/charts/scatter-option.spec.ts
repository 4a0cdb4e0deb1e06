import { describe, expect, it } from 'vitest';
import { LIGHT_THEME } from './chart-theme';
import { bubbleSizer, buildScatterOption, ERROR_SERIES_ID, FRONT_SERIES_ID, type ScatterPoint } from './scatter-option';

function points(n: number): ScatterPoint[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `run-${i}`,
    x: 10 ** (3 + (i % 6)),
    y: 0.5 + (i % 100) / 250,
    group: i % 4,
    size: 10 ** (4 + (i % 5)),
    faded: i % 7 !== 0,
    low: 0.45 + (i % 100) / 250,
    high: 0.55 + (i % 100) / 250,
    title: `method ${i % 4} · seed ${i}`,
    details: ['eval/f1_macro: 0.8', 'cost <b>'],
  }));
}

const base = { groups: ['full', 'lora', 'mamba', 'head-only'], xUnit: 'plain' as const, xLog: true, xName: 'Trainable parameters', yName: 'eval/f1_macro', theme: LIGHT_THEME, layout: { compact: false } };

describe('buildScatterOption', () => {
  it('builds 1,000 points as one series per group, error bars and a front, quickly', () => {
    const many = points(1000);
    const started = performance.now();
    const option = buildScatterOption({ ...base, points: many, front: [{ x: 1e3, y: 0.6 }, { x: 1e5, y: 0.9 }] });
    const elapsed = performance.now() - started;
    const series = option.series as Array<{ type: string; id: string; data: unknown[] }>;
    const scatters = series.filter((s) => s.type === 'scatter');
    expect(scatters).toHaveLength(4);
    expect(scatters.reduce((sum, s) => sum + s.data.length, 0)).toBe(1000);
    expect(series.find((s) => s.id === ERROR_SERIES_ID)?.data).toHaveLength(1000);
    expect(series.find((s) => s.id === FRONT_SERIES_ID)).toMatchObject({ type: 'line', step: 'end', data: [[1e3, 0.6], [1e5, 0.9]] });
    expect(option.animation).toBe(false);
    expect(elapsed).toBeLessThan(200);
  });

  it('fades dominated points, sizes bubbles by log size and keeps the run id for clicks', () => {
    const option = buildScatterOption({ ...base, points: points(14), front: [] });
    const first = (option.series as Array<{ data: Array<{ id: string; symbolSize: number; itemStyle?: { opacity: number } }> }>)[0].data;
    expect(first[0].id).toBe('run-0');
    expect(first[0].itemStyle).toBeUndefined(); // run-0 is on the front
    expect(first[1].itemStyle?.opacity).toBe(0.3); // run-4 is dominated
    expect(first[1].symbolSize).toBeGreaterThan(first[0].symbolSize);
  });

  it('uses a log x axis when asked and drops points that cannot sit on it', () => {
    const option = buildScatterOption({ ...base, points: [...points(3), { ...points(1)[0], id: 'zero', x: 0 }], front: [] });
    expect((option.xAxis as { type: string }).type).toBe('log');
    const ids = (option.series as Array<{ type: string; data?: Array<{ id?: string }> }>).filter((s) => s.type === 'scatter').flatMap((s) => s.data?.map((d) => d.id) ?? []);
    expect(ids).not.toContain('zero');
  });

  it('escapes tooltip text and names the run', () => {
    const option = buildScatterOption({ ...base, points: points(2), front: [] });
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    const html = formatter({ data: { id: 'run-1' } });
    expect(html).toContain('method 1 · seed 1');
    expect(html).toContain('cost &#60;b&#62;');
    expect(formatter({ data: { id: 'missing' } })).toBe('');
  });

  it('omits error bars and the front when there are none, and keeps scores within 0..1', () => {
    const option = buildScatterOption({ ...base, xLog: false, points: points(3).map((p) => ({ ...p, low: null, high: null, y: 0.99 })), front: [] });
    const ids = (option.series as Array<{ id: string }>).map((s) => s.id);
    expect(ids).not.toContain(ERROR_SERIES_ID);
    expect(ids).not.toContain(FRONT_SERIES_ID);
    expect((option.yAxis as { max: number }).max).toBeLessThanOrEqual(1);
  });
});

describe('bubbleSizer', () => {
  it('maps sizes on a log scale between the smallest and largest bubble', () => {
    const size = bubbleSizer([1e3, 1e6, null]);
    expect(size(1e3)).toBe(7);
    expect(size(1e6)).toBe(26);
    expect(size(10 ** 4.5)).toBeCloseTo(16.5);
    expect(size(null)).toBe(7);
  });
});

describe('scatter y axis', () => {
  it('has round bounds around the data, intervals included', () => {
    const option = buildScatterOption({ ...base, points: [{ ...points(1)[0], y: 0.8, low: 0.689, high: 0.93 }], front: [] });
    const axis = option.yAxis as { min: number; max: number };
    expect(axis.min).toBeLessThanOrEqual(0.689);
    expect(axis.max).toBeGreaterThanOrEqual(0.93);
    expect([axis.min, axis.max].map((v) => Math.round(v * 1000) % 25)).toEqual([0, 0]);
  });
});
