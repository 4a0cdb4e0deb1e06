import { describe, expect, it } from 'vitest';
import { addLivePoints, buildSeriesViews, countLivePoints, livePointsToChart, pruneLivePoints, type LivePoint, type MetricSeriesData, type SeriesViewCache } from './metric-series';

const loss = (step: number, value = 1 / step): LivePoint => ({ key: 'train/loss', step, value });

function history(key: string, lastSteps: number[], totalPoints: number): MetricSeriesData {
  return {
    key,
    totalPoints,
    buckets: lastSteps.map((lastStep) => ({ stepStart: lastStep, stepEnd: lastStep, lastStep, min: lastStep, max: lastStep, last: lastStep, count: 1 })),
  };
}

const point = (step: number, value: number) => ({ x: step, y: value, min: value, max: value, count: 1, xStart: step, xEnd: step });

describe('metric series', () => {
  it('builds a view from live points alone', () => {
    const live = addLivePoints(new Map(), [loss(2), loss(1), loss(3)]);
    const [view] = buildSeriesViews([], [], live);
    expect(view).toEqual({ key: 'train/loss', totalPoints: 3, lastStep: 3, last: 1 / 3, points: [point(1, 1), point(2, 1 / 2), point(3, 1 / 3)] });
  });

  it('ignores a step it already holds', () => {
    const live = addLivePoints(addLivePoints(new Map(), [loss(1, 5)]), [loss(1, 9), loss(2, 4)]);
    expect(live.get('train/loss')).toEqual([loss(1, 5), loss(2, 4)]);
  });

  it('appends a batch that follows the points held, and sorts one that does not', () => {
    let live = addLivePoints(new Map(), [loss(1), loss(2)]);
    live = addLivePoints(live, [loss(3), loss(4)]);
    live = addLivePoints(live, [loss(6), loss(5)]);
    expect(live.get('train/loss')?.map((p) => p.step)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(countLivePoints(live)).toBe(6);
  });

  it('counts only live points after the history', () => {
    const live = addLivePoints(new Map(), [loss(9), loss(10), loss(11)]);
    const [view] = buildSeriesViews(['train/loss'], [history('train/loss', [5, 10], 10)], live);
    expect(view.totalPoints).toBe(11);
    expect(view.lastStep).toBe(11);
    expect(view.points.map((p) => [p.x, p.y])).toEqual([
      [5, 5],
      [10, 10],
      [11, 1 / 11],
    ]);
  });

  it('draws a history bucket at its last step, with its min and max as the band', () => {
    const series: MetricSeriesData = {
      key: 'train/loss',
      totalPoints: 200,
      buckets: [
        { stepStart: 1, stepEnd: 100, lastStep: 100, min: 0.5, max: 9, last: 0.6, count: 100 },
        { stepStart: 101, stepEnd: 200, lastStep: 199, min: 0.4, max: 0.7, last: 0.45, count: 99 },
      ],
    };
    const [view] = buildSeriesViews([], [series], new Map());
    expect(view.points).toEqual([
      { x: 100, y: 0.6, min: 0.5, max: 9, count: 100, xStart: 1, xEnd: 100 },
      { x: 199, y: 0.45, min: 0.4, max: 0.7, count: 99, xStart: 101, xEnd: 200 },
    ]);
  });

  it('keeps keys that have history but no live points, sorted', () => {
    const views = buildSeriesViews(['train/loss', 'eval/f1_macro'], [history('eval/f1_macro', [100], 1)], new Map());
    expect(views.map((v) => [v.key, v.totalPoints, v.last, v.points.length])).toEqual([
      ['eval/f1_macro', 1, 100, 1],
      ['train/loss', 0, null, 0],
    ]);
  });

  it('prunes live points that a newer history covers', () => {
    const live = addLivePoints(new Map(), [loss(1), loss(2), loss(3)]);
    expect(pruneLivePoints(live, [history('train/loss', [2], 2)]).get('train/loss')).toEqual([loss(3)]);
    expect(pruneLivePoints(live, [history('train/loss', [3], 3)]).has('train/loss')).toBe(false);
  });

  it('folds many live points into buckets that keep the last value and the spikes', () => {
    const points = Array.from({ length: 10 }, (_, i) => loss(i + 1, i === 3 ? 50 : i));
    const chart = livePointsToChart(points, 4);
    expect(chart).toHaveLength(4);
    expect(chart[0]).toEqual({ x: 3, y: 2, min: 0, max: 2, count: 3, xStart: 1, xEnd: 3 });
    expect(chart[1]).toEqual({ x: 6, y: 5, min: 4, max: 50, count: 3, xStart: 4, xEnd: 6 });
    expect(chart.at(-1)).toEqual({ x: 10, y: 9, min: 9, max: 9, count: 1, xStart: 10, xEnd: 10 });
    expect(livePointsToChart(points.slice(0, 4), 4)).toHaveLength(4);
  });

  it('keeps the view of a key whose points did not change, so its chart is not redrawn', () => {
    const cache: SeriesViewCache = new Map();
    const eval1 = history('eval/f1_macro', [100], 1);
    const live = addLivePoints(new Map(), [loss(1), loss(2)]);
    const [f1, trainLoss] = buildSeriesViews([], [eval1], live, cache);
    const next = addLivePoints(live, [loss(3)]);
    const [f1Again, lossAgain] = buildSeriesViews([], [eval1], next, cache);
    expect(f1Again).toBe(f1);
    expect(lossAgain).not.toBe(trainLoss);
    expect(lossAgain.totalPoints).toBe(3);
  });

  it('leaves non-finite values out of the curve', () => {
    expect(livePointsToChart([loss(1, 1), loss(2, Number.NaN), loss(3, 3)]).map((p) => p.x)).toEqual([1, 3]);
  });

  it('keeps a 100,000-point live curve within the drawing budget', () => {
    const points = Array.from({ length: 100_000 }, (_, i) => loss(i + 1, Math.sin(i)));
    const chart = livePointsToChart(points, 1000);
    expect(chart.length).toBeLessThanOrEqual(1000);
    expect(chart.at(-1)?.x).toBe(100_000);
    expect(chart.reduce((sum, p) => sum + p.count, 0)).toBe(100_000);
  });
});
