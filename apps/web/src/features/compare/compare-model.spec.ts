import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { compareHref, compareQuery, compareVariables, configDiff, curveSeries, metricRows, parseRunIds, type CompareRun } from './compare-model';

const run = (id: string, method: string, metrics: Record<string, number>, hp: Record<string, unknown>): CompareRun => ({
  id,
  method,
  seed: 1,
  status: 'SUCCEEDED',
  baseModel: 'bert',
  finalMetrics: metrics,
  trainSeconds: 10,
  trainableParameters: 1,
  peakMemoryBytes: null,
  hyperparameters: hp,
  study: { id: 's', name: 'S' },
});

describe('compare page model', () => {
  it('reads 2–10 unique run ids from the URL', () => {
    expect(parseRunIds('a, b,a,')).toEqual({ ids: ['a', 'b'], error: null });
    expect(parseRunIds('a').error).toMatch(/at least 2/);
    expect(parseRunIds(null).error).toMatch(/at least 2/);
    const many = parseRunIds(Array.from({ length: 12 }, (_, i) => `r${i}`).join(','));
    expect(many.ids).toHaveLength(10);
    expect(many.error).toMatch(/at most 10/);
    expect(compareHref(['a b', 'c'])).toBe('/compare?runs=a%20b,c');
  });

  it('builds one valid query with an alias per run', () => {
    const document = parse(compareQuery(3));
    expect(document.definitions).toHaveLength(1);
    expect(compareQuery(3)).toContain('r2: run(id: $r2)');
    expect(compareVariables(['x', 'y'])).toEqual({ ids: ['x', 'y'], r0: 'x', r1: 'y' });
  });

  it('gives deltas against the first run and the differing hyperparameters', () => {
    const runs = [run('a', 'full', { 'eval/f1_macro': 0.8 }, { learningRate: 2e-5, epochs: 3 }), run('b', 'lora', { 'eval/f1_macro': 0.85, 'eval/accuracy': 0.9 }, { learningRate: 2e-4, epochs: 3 })];
    const rows = metricRows(runs);
    expect(rows.map((r) => r.key)).toEqual(['eval/accuracy', 'eval/f1_macro']);
    expect(rows[1].values[1].delta).toBeCloseTo(0.05);
    expect(rows[0].values[1].delta).toBeNull();
    const diff = configDiff(runs);
    expect(diff.differing).toEqual([
      { key: 'method', values: ['full', 'lora'] },
      { key: 'learningRate', values: ['0.00002', '0.0002'] },
    ]);
    expect(diff.same).toContainEqual({ key: 'epochs', value: '3' });
  });

  it('turns histories into one line per run', () => {
    const runs = [run('aaaaaaaa', 'full', {}, {}), run('bbbbbbbb', 'lora', {}, {})];
    const series = curveSeries(runs, [[{ key: 'train/loss', buckets: [{ lastStep: 5, last: 1, min: 0.9, max: 1.2, count: 5, stepStart: 1, stepEnd: 5 }] }], []], 'train/loss');
    expect(series.map((s) => s.points.length)).toEqual([1, 0]);
    expect(series[0].name).toBe('full · seed 1 (aaaaaa)');
  });
});
