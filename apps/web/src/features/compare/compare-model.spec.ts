import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  compareHref,
  compareQuery,
  compareVariables,
  configDiff,
  curveSeries,
  metricRows,
  noiseQuery,
  noiseVariables,
  overlapVerdict,
  pairedVerdicts,
  parseRunIds,
  runIntervals,
  studyIdsOf,
  type CompareRun,
  type StudyNoise,
} from './compare-model';

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

describe('compare page confidence intervals', () => {
  const analysis: StudyNoise = {
    methods: [
      { method: 'full', runs: [{ runId: 'a', intervals: [{ score: 'f1Macro', low: 0.7, high: 0.8, confidence: 0.95 }, { score: 'accuracy', low: 0.8, high: 0.9, confidence: 0.95 }] }] },
      { method: 'lora', runs: [{ runId: 'b', intervals: [{ score: 'f1Macro', low: 0.82, high: 0.9, confidence: 0.95 }] }, { runId: 'c', intervals: [] }] },
    ],
    comparisons: [{ methodA: 'lora', methodB: 'full', score: 'f1Macro', significant: true, verdict: 'LoRA vs Full FT: +6.0 macro-F1, significant' }],
  };

  it('asks for each distinct study once, as a valid document', () => {
    const runs = [run('a', 'full', {}, {}), run('b', 'lora', {}, {}), { ...run('x', 'full', {}, {}), study: { id: 't', name: 'T' } }];
    expect(studyIdsOf(runs)).toEqual(['s', 't']);
    expect(noiseVariables(['s', 't'])).toEqual({ s0: 's', s1: 't' });
    expect(() => parse(noiseQuery(2))).not.toThrow();
  });

  it("finds each run's intervals by final-metric key", () => {
    const intervals = runIntervals([analysis, null]);
    expect(intervals.get('a')?.get('eval/f1_macro')).toEqual({ low: 0.7, high: 0.8, confidence: 0.95 });
    expect(intervals.get('a')?.get('eval/accuracy')?.low).toBe(0.8);
    expect(intervals.has('c')).toBe(false);
  });

  it('calls overlapping intervals within noise and disjoint ones beyond it', () => {
    expect(overlapVerdict({ low: 0.7, high: 0.8, confidence: 0.95 }, { low: 0.82, high: 0.9, confidence: 0.95 })).toBe('beyond');
    expect(overlapVerdict({ low: 0.7, high: 0.85, confidence: 0.95 }, { low: 0.82, high: 0.9, confidence: 0.95 })).toBe('within');
    expect(overlapVerdict(undefined, { low: 0.82, high: 0.9, confidence: 0.95 })).toBeNull();
  });

  it("gives the paired test between the first run's method and another method of the same study", () => {
    const runs = [run('a', 'full', {}, {}), run('b', 'lora', {}, {}), run('c', 'lora', {}, {}), { ...run('x', 'head', {}, {}), study: { id: 't', name: 'T' } }];
    const verdicts = pairedVerdicts(runs, new Map([['s', analysis]]));
    expect(verdicts).toEqual([{ runId: 'b', methodA: 'lora', methodB: 'full', score: 'f1Macro', significant: true, verdict: 'LoRA vs Full FT: +6.0 macro-F1, significant' }]);
    expect(pairedVerdicts(runs, new Map())).toEqual([]);
  });
});
