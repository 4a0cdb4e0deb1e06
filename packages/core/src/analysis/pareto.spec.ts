import { describe, expect, it } from 'vitest';
import { dominates, paretoFront, timeToTarget } from './pareto';

const point = (item: string, quality: number, ...costs: number[]) => ({ item, quality, costs });

describe('paretoFront', () => {
  it('keeps the runs no other run beats on quality and cost at once', () => {
    const full = point('full', 0.94, 600); // best, slowest
    const lora = point('lora', 0.93, 200); // nearly as good, much cheaper
    const mamba = point('mamba', 0.9, 300); // worse and dearer than lora
    const headOnly = point('head-only', 0.8, 50); // cheapest
    const { front, dominated } = paretoFront([full, lora, mamba, headOnly]);
    expect(front.map((p) => p.item)).toEqual(['head-only', 'lora', 'full']);
    expect(dominated).toEqual([{ point: mamba, by: lora }]);
  });

  it('keeps exact ties on the front, and drops a point equal in quality but dearer', () => {
    const a = point('a', 0.9, 100);
    const b = point('b', 0.9, 100);
    const c = point('c', 0.9, 120);
    const { front, dominated } = paretoFront([a, b, c]);
    expect(front.map((p) => p.item).sort()).toEqual(['a', 'b']);
    expect(dominated.map((d) => d.point.item)).toEqual(['c']);
  });

  it('works over two costs', () => {
    const fastBig = point('fast-big', 0.9, 100, 1e8);
    const slowSmall = point('slow-small', 0.9, 300, 1e6);
    const slowBig = point('slow-big', 0.9, 300, 1e8);
    const { front } = paretoFront([fastBig, slowSmall, slowBig]);
    expect(front.map((p) => p.item)).toEqual(['fast-big', 'slow-small']);
    expect(dominates(fastBig, slowBig)).toBe(true);
    expect(dominates(fastBig, slowSmall)).toBe(false);
  });

  it('leaves out runs without a measured value', () => {
    expect(paretoFront([point('ok', 0.9, 1), point('missing', Number.NaN, 1)]).front.map((p) => p.item)).toEqual(['ok']);
  });
});

describe('timeToTarget', () => {
  it('is the training time of the first evaluation at or above the target', () => {
    const evaluations = [
      { trainSeconds: 30, value: 0.8 },
      { trainSeconds: 60, value: 0.9 },
      { trainSeconds: 90, value: 0.88 },
    ];
    expect(timeToTarget(evaluations, 0.85)).toBe(60);
    expect(timeToTarget(evaluations, 0.9)).toBe(60);
    expect(timeToTarget(evaluations, 0.95)).toBeNull();
  });
});
