import { describe, expect, it } from 'vitest';
import { addLivePoints, buildSeriesViews, downsample, pruneLivePoints, type LivePoint, type MetricSeriesData } from './metric-series';

const loss = (step: number, value = 1 / step): LivePoint => ({ key: 'train/loss', step, value });

function history(key: string, lastSteps: number[], totalPoints: number): MetricSeriesData {
  return {
    key,
    totalPoints,
    buckets: lastSteps.map((lastStep) => ({ stepStart: lastStep, stepEnd: lastStep, lastStep, min: lastStep, max: lastStep, last: lastStep, count: 1 })),
  };
}

describe('metric series', () => {
  it('builds a view from live points alone', () => {
    const live = addLivePoints(new Map(), [loss(2), loss(1), loss(3)]);
    const [view] = buildSeriesViews([], [], live);
    expect(view).toEqual({ key: 'train/loss', totalPoints: 3, lastStep: 3, last: 1 / 3, trail: [1, 1 / 2, 1 / 3] });
  });

  it('ignores a step it already holds', () => {
    const live = addLivePoints(addLivePoints(new Map(), [loss(1, 5)]), [loss(1, 9), loss(2, 4)]);
    expect(live.get('train/loss')).toEqual([loss(1, 5), loss(2, 4)]);
  });

  it('counts only live points after the history', () => {
    const live = addLivePoints(new Map(), [loss(9), loss(10), loss(11)]);
    const [view] = buildSeriesViews(['train/loss'], [history('train/loss', [5, 10], 10)], live);
    expect(view.totalPoints).toBe(11);
    expect(view.lastStep).toBe(11);
    expect(view.trail).toEqual([5, 10, 1 / 11]);
  });

  it('keeps keys that have history but no live points, sorted', () => {
    const views = buildSeriesViews(['train/loss', 'eval/f1_macro'], [history('eval/f1_macro', [100], 1)], new Map());
    expect(views.map((v) => [v.key, v.totalPoints, v.last])).toEqual([
      ['eval/f1_macro', 1, 100],
      ['train/loss', 0, null],
    ]);
  });

  it('prunes live points that a newer history covers', () => {
    const live = addLivePoints(new Map(), [loss(1), loss(2), loss(3)]);
    expect(pruneLivePoints(live, [history('train/loss', [2], 2)]).get('train/loss')).toEqual([loss(3)]);
    expect(pruneLivePoints(live, [history('train/loss', [3], 3)]).has('train/loss')).toBe(false);
  });

  it('downsamples evenly and keeps both ends', () => {
    const values = Array.from({ length: 1000 }, (_, i) => i);
    const out = downsample(values, 200);
    expect(out).toHaveLength(200);
    expect(out[0]).toBe(0);
    expect(out.at(-1)).toBe(999);
  });
});
