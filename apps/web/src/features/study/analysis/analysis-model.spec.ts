import { describe, expect, it } from 'vitest';
import type { MethodStatistics, ParetoEntry } from './analysis-types';
import { bestPerColumn, formatMeanStd, formatPValue, frontOf, methodRows, scatterInput } from './analysis-model';
import { COST_CHOICES } from './analysis-view-state';

const interval = (score: string, low: number, high: number) => ({ score, metricKey: 'eval/f1_macro', estimate: (low + high) / 2, low, high, confidence: 0.95, runs: 2 });

function method(name: string, f1: number, seconds: number, trainable: number): MethodStatistics {
  return {
    method: name,
    label: name.toUpperCase(),
    shortLabel: name,
    seeds: [1, 2],
    runIds: [`${name}-1`, `${name}-2`],
    quality: { key: 'eval/f1_macro', mean: f1, std: 0.01, n: 2 },
    metrics: [
      { key: 'eval/accuracy', mean: f1 + 0.05, std: 0.01, n: 2 },
      { key: 'eval/f1_macro', mean: f1, std: 0.01, n: 2 },
    ],
    intervals: [interval('accuracy', f1, f1 + 0.1), interval('f1Macro', f1 - 0.02, f1 + 0.02)],
    costs: [
      { axis: 'trainSeconds', mean: seconds, std: 1, max: seconds, n: 2 },
      { axis: 'trainableParameters', mean: trainable, std: 0, max: trainable, n: 2 },
    ],
    runs: [1, 2].map((seed) => ({
      runId: `${name}-${seed}`,
      seed,
      quality: f1,
      intervals: [interval('f1Macro', f1 - 0.03, f1 + 0.03)],
      costs: { trainSeconds: seconds, gpuHours: null, peakMemoryBytes: null, trainableParameters: trainable, totalParameters: 1e8 },
    })),
  };
}

const methods = [method('full', 0.9, 600, 1e8), method('lora', 0.88, 300, 3e5)];

describe('method table', () => {
  it('formats mean ± std and marks the best per column (higher scores, lower costs)', () => {
    const rows = methodRows(methods);
    expect(formatMeanStd(rows[0].metrics['eval/f1_macro'])).toBe('0.9000 ± 0.0100');
    expect(formatMeanStd({ key: 'x', mean: 0.5, std: null, n: 1 })).toBe('0.5000');
    expect(formatMeanStd(undefined)).toBe('—');
    expect(rows[0].ci).toEqual({ low: 0.88, high: 0.92, confidence: 0.95 });
    const best = bestPerColumn(rows);
    expect([...(best.get('eval/f1_macro') ?? [])]).toEqual(['full']);
    expect([...(best.get('trainSeconds') ?? [])]).toEqual(['lora']);
    expect([...(best.get('trainableParameters') ?? [])]).toEqual(['lora']);
    expect(best.has('peakMemoryBytes')).toBe(false);
  });

  it('marks nothing with a single method', () => {
    expect(bestPerColumn(methodRows(methods.slice(0, 1))).size).toBe(0);
  });
});

describe('scatter input', () => {
  const runs: ParetoEntry[] = [
    { key: 'full-1', method: 'full', runId: 'full-1', quality: 0.9, costs: [600], dominatedBy: null },
    { key: 'full-2', method: 'full', runId: 'full-2', quality: 0.89, costs: [610], dominatedBy: 'full-1' },
    { key: 'lora-1', method: 'lora', runId: 'lora-1', quality: 0.88, costs: [300], dominatedBy: null },
  ];
  it('places each run with its method colour, size, fade and macro-F1 interval', () => {
    const input = scatterInput({ methods, pareto: { costAxes: ['TRAIN_SECONDS'], qualityMetric: 'eval/f1_macro', runs, unplaced: [] } }, COST_CHOICES[0]);
    expect(input.groups).toEqual(['full', 'lora']);
    expect(input.points.map((p) => [p.id, p.group, p.faded])).toEqual([
      ['full-1', 0, false],
      ['full-2', 0, true],
      ['lora-1', 1, false],
    ]);
    expect(input.points[0]).toMatchObject({ x: 600, y: 0.9, size: 1e8, low: 0.87, high: 0.93, title: 'FULL · seed 1' });
    expect(input.front).toEqual([{ x: 300, y: 0.88 }, { x: 600, y: 0.9 }]);
  });

  it('draws no error bars for another quality metric', () => {
    const input = scatterInput({ methods, pareto: { costAxes: ['TRAIN_SECONDS'], qualityMetric: 'eval/accuracy', runs, unplaced: [] } }, COST_CHOICES[0]);
    expect(input.points.every((p) => p.low === null && p.high === null)).toBe(true);
  });

  it('orders the front by cost', () => {
    expect(frontOf([...runs].reverse())).toEqual([{ x: 300, y: 0.88 }, { x: 600, y: 0.9 }]);
  });
});

describe('formatPValue', () => {
  it('reads like a paper', () => {
    expect(formatPValue(0.0004)).toBe('p < 0.001');
    expect(formatPValue(0.0312)).toBe('p = 0.03');
    expect(formatPValue(0.0071)).toBe('p = 0.007');
    expect(formatPValue(0.5)).toBe('p = 0.50');
  });
});
