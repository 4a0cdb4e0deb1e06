import { describe, expect, it } from 'vitest';
import type { MethodStatistics } from './analysis-types';
import { methodRows } from './analysis-model';
import {
  ariaSort,
  DEFAULT_SORT,
  methodSortSearch,
  nextSort,
  parseMethodSort,
  runRows,
  sortMethodRows,
  toggleExpanded,
} from './method-table-model';

const interval = (score: string, low: number, high: number) => ({ score, metricKey: 'eval/f1_macro', estimate: (low + high) / 2, low, high, confidence: 0.95, runs: 1 });

function method(name: string, f1: number, seconds: number | null, seeds = [2, 1]): MethodStatistics {
  return {
    method: name,
    label: name.toUpperCase(),
    shortLabel: name,
    seeds,
    runIds: seeds.map((seed) => `${name}-${seed}`),
    quality: { key: 'eval/f1_macro', mean: f1, std: 0.01, n: seeds.length },
    metrics: [{ key: 'eval/f1_macro', mean: f1, std: 0.01, n: seeds.length }],
    intervals: [interval('f1Macro', f1 - 0.02, f1 + 0.02)],
    costs: [{ axis: 'trainSeconds', mean: seconds, std: null, max: seconds, n: seeds.length }],
    runs: seeds.map((seed) => ({
      runId: `${name}-${seed}`,
      seed,
      quality: f1 + seed / 100,
      intervals: [interval('f1Macro', f1 - 0.03, f1 + 0.03)],
      costs: { trainSeconds: seconds, gpuHours: null, peakMemoryBytes: 2048, trainableParameters: 10, totalParameters: 100 },
    })),
  };
}

const rows = methodRows([method('full', 0.9, 600), method('lora', 0.88, 300), method('mamba', 0.8, null), method('head', 0.88, 100)]);
const order = (sorted: ReturnType<typeof sortMethodRows>) => sorted.map((row) => row.method);
const Q = 'eval/f1_macro';

describe('method table sorting', () => {
  it('defaults to quality descending, ties by name', () => {
    expect(order(sortMethodRows(rows, DEFAULT_SORT))).toEqual(['full', 'head', 'lora', 'mamba']);
  });

  it('sorts by a cost either way, missing values last', () => {
    expect(order(sortMethodRows(rows, { column: 'trainSeconds', direction: 'asc' }))).toEqual(['head', 'lora', 'full', 'mamba']);
    expect(order(sortMethodRows(rows, { column: 'trainSeconds', direction: 'desc' }))).toEqual(['full', 'lora', 'head', 'mamba']);
  });

  it('reads and writes the URL, keeping other params', () => {
    expect(parseMethodSort('train-time:desc')).toEqual({ column: 'trainSeconds', direction: 'desc' });
    expect(parseMethodSort('peak-memory')).toEqual({ column: 'peakMemoryBytes', direction: 'asc' });
    expect(parseMethodSort('bogus:asc')).toEqual(DEFAULT_SORT);
    expect(parseMethodSort(null)).toEqual(DEFAULT_SORT);
    expect(methodSortSearch('cost=peak-memory', { column: 'trainSeconds', direction: 'asc' })).toBe('cost=peak-memory&sort=train-time%3Aasc');
    expect(methodSortSearch('cost=peak-memory&sort=ci%3Adesc', DEFAULT_SORT)).toBe('cost=peak-memory');
  });

  it('sorts a new column best first and flips the active one; quality descending is the default', () => {
    const byTime = nextSort(DEFAULT_SORT, 'trainSeconds', Q);
    expect(byTime).toEqual({ column: 'trainSeconds', direction: 'asc' });
    expect(nextSort(byTime, 'trainSeconds', Q)).toEqual({ column: 'trainSeconds', direction: 'desc' });
    expect(nextSort(DEFAULT_SORT, 'eval/f1_macro', Q)).toEqual({ column: 'eval/f1_macro', direction: 'asc' });
    expect(nextSort({ column: 'eval/f1_macro', direction: 'asc' }, 'eval/f1_macro', Q)).toEqual(DEFAULT_SORT);
    expect(nextSort(byTime, 'eval/f1_macro', Q)).toEqual(DEFAULT_SORT);
    expect(nextSort(DEFAULT_SORT, 'eval/accuracy', Q)).toEqual({ column: 'eval/accuracy', direction: 'desc' });
  });

  it('says which header is sorted, the quality column under the default', () => {
    expect(ariaSort(DEFAULT_SORT, 'eval/f1_macro', Q)).toBe('descending');
    expect(ariaSort(DEFAULT_SORT, 'trainSeconds', Q)).toBe('none');
    expect(ariaSort(DEFAULT_SORT, 'eval/f1_macro', 'eval/balanced_accuracy')).toBe('none');
    expect(ariaSort({ column: 'trainSeconds', direction: 'asc' }, 'trainSeconds', Q)).toBe('ascending');
  });
});

describe('method table runs', () => {
  it('toggles a method open and closed', () => {
    const open = toggleExpanded(new Set(), 'lora');
    expect([...open]).toEqual(['lora']);
    expect([...toggleExpanded(open, 'lora')]).toEqual([]);
  });

  it('lists runs by seed with final metrics, the run interval and costs', () => {
    const finals = new Map([['lora-1', { 'eval/f1_macro': 0.86, 'eval/accuracy': 0.91 }]]);
    const runs = runRows(method('lora', 0.88, 300), finals, Q);
    expect(runs.map((run) => run.seed)).toEqual([1, 2]);
    expect(runs[0]).toMatchObject({ runId: 'lora-1', metrics: { 'eval/f1_macro': 0.86, 'eval/accuracy': 0.91, 'eval/f1_weighted': null }, costs: { trainSeconds: 300, peakMemoryBytes: 2048 } });
    expect(runs[0].ci).toEqual({ low: 0.85, high: 0.91, confidence: 0.95 });
    // No final metrics known: the quality value stands in for the quality metric's column.
    expect(runs[1].metrics['eval/f1_macro']).toBeCloseTo(0.9);
  });
});
