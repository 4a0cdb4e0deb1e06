import { describe, expect, it } from 'vitest';
import { normalizeMetricPoints } from './metric-points';
import { seriesToPoints } from './metric-series';

describe('seriesToPoints', () => {
  it('turns columns into points in order, filling missing optional columns with null', () => {
    const result = seriesToPoints([
      { key: 'train/loss', steps: [1, 2], values: [0.9, 0.8], epochs: [0, 0] },
      { key: 'eval/f1_macro', steps: [2], values: [0.7] },
    ]);
    expect(result.ok && result.value.points).toEqual([
      { key: 'train/loss', step: 1, value: 0.9, epoch: 0, wallTime: null },
      { key: 'train/loss', step: 2, value: 0.8, epoch: 0, wallTime: null },
      { key: 'eval/f1_macro', step: 2, value: 0.7, epoch: null, wallTime: null },
    ]);
  });

  it('refuses columns of different lengths, naming the column', () => {
    const result = seriesToPoints([{ key: 'train/loss', steps: [1, 2, 3], values: [0.9, 0.8] }]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0].field).toBe('series[0].values');
  });

  it('maps a point problem back to its cell', () => {
    const result = seriesToPoints([
      { key: 'train/loss', steps: [1], values: [1] },
      { key: 'train/acc', steps: [1, 2], values: [0.5, Number.NaN] },
    ]);
    if (!result.ok) throw new Error('expected columns to line up');
    const normalized = normalizeMetricPoints(result.value.points, 1);
    expect(normalized.ok).toBe(false);
    if (!normalized.ok) expect(result.value.locate(normalized.issues[0].field)).toBe('series[1].values[1]');
  });
});
