import { describe, expect, it } from 'vitest';
import { bucketBounds, bucketIndex, downsample, type MetricBucket, validateMaxPoints } from './metric-downsample';

/** Small deterministic PRNG so failures reproduce. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function bigIndex(step: number, minStep: number, maxStep: number, maxPoints: number): number {
  return Number(((BigInt(step) - BigInt(minStep)) * BigInt(maxPoints)) / (BigInt(maxStep) - BigInt(minStep) + 1n));
}

/** Brute force: group by the defining formula, then summarise each group from scratch. */
function bruteForce(points: { step: number; value: number }[], maxPoints: number): MetricBucket[] {
  const steps = points.map((p) => p.step);
  const minStep = Math.min(...steps);
  const maxStep = Math.max(...steps);
  const groups = new Map<number, { step: number; value: number }[]>();
  for (const p of points) {
    const index = bigIndex(p.step, minStep, maxStep, maxPoints);
    groups.set(index, [...(groups.get(index) ?? []), p]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, group]) => {
      const lastStep = Math.max(...group.map((p) => p.step));
      return {
        stepStart: Math.min(...group.map((p) => p.step)),
        stepEnd: lastStep,
        lastStep,
        min: Math.min(...group.map((p) => p.value)),
        max: Math.max(...group.map((p) => p.value)),
        last: group.find((p) => p.step === lastStep)!.value,
        count: group.length,
      };
    });
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

describe('bucketIndex', () => {
  it('matches the SQL integer formula', () => {
    expect(bucketIndex(0, 0, 99, 10)).toBe(0);
    expect(bucketIndex(9, 0, 99, 10)).toBe(0);
    expect(bucketIndex(10, 0, 99, 10)).toBe(1);
    expect(bucketIndex(99, 0, 99, 10)).toBe(9);
    expect(bucketIndex(5, 5, 5, 100)).toBe(0);
  });

  it('stays within 0..maxPoints-1 and agrees with exact arithmetic, even near 2^53', () => {
    const random = mulberry32(1);
    for (let trial = 0; trial < 5000; trial++) {
      const scale = [10, 1e6, 1e12, 2 ** 53][trial % 4]!;
      const a = Math.floor(random() * scale);
      const b = Math.floor(random() * scale);
      const minStep = Math.min(a, b);
      const maxStep = Math.max(a, b);
      const step = minStep + Math.floor(random() * (maxStep - minStep + 1));
      const maxPoints = 1 + Math.floor(random() * 10_000);
      const index = bucketIndex(step, minStep, maxStep, maxPoints);
      expect(index).toBeGreaterThanOrEqual(0);
      expect(index).toBeLessThan(maxPoints);
      expect(index).toBe(bigIndex(step, minStep, maxStep, maxPoints));
    }
  });

  it('is monotone in step', () => {
    let previous = 0;
    for (let step = 3; step <= 1000; step++) {
      const index = bucketIndex(step, 3, 1000, 37);
      expect(index).toBeGreaterThanOrEqual(previous);
      previous = index;
    }
  });

  it('clamps steps outside the range', () => {
    expect(bucketIndex(-5, 0, 99, 10)).toBe(0);
    expect(bucketIndex(500, 0, 99, 10)).toBe(9);
  });
});

describe('bucketBounds', () => {
  it('gives the smallest and largest step mapping to each index', () => {
    for (const [minStep, maxStep, maxPoints] of [
      [0, 99, 10],
      [7, 1000, 37],
      [0, 0, 1],
      [10, 12, 8],
      [0, 9999, 10000],
      [5, 6, 3],
    ] as const) {
      const first = new Map<number, number>();
      const last = new Map<number, number>();
      for (let step = minStep; step <= maxStep; step++) {
        const index = bucketIndex(step, minStep, maxStep, maxPoints);
        if (!first.has(index)) first.set(index, step);
        last.set(index, step);
      }
      for (let index = 0; index < maxPoints; index++) {
        const bounds = bucketBounds(index, minStep, maxStep, maxPoints);
        const label = `${minStep}..${maxStep}/${maxPoints}#${index}`;
        if (!first.has(index)) {
          expect(bounds.stepStart, label).toBeGreaterThan(bounds.stepEnd);
        } else {
          expect(bounds, label).toEqual({ stepStart: first.get(index), stepEnd: last.get(index) });
        }
      }
    }
  });

  it('covers the whole range with the first and last bucket', () => {
    expect(bucketBounds(0, 0, 2 ** 53, 10_000).stepStart).toBe(0);
    expect(bucketBounds(9_999, 0, 2 ** 53 - 2, 10_000).stepEnd).toBe(2 ** 53 - 2);
  });
});

describe('validateMaxPoints', () => {
  it('accepts integers 1..10000', () => {
    expect(validateMaxPoints(1)).toBeNull();
    expect(validateMaxPoints(10_000)).toBeNull();
  });

  it('rejects anything else with the rule and an example', () => {
    expect(validateMaxPoints(0)).toBe('maxPoints must be an integer from 1 to 10000 (got 0); use e.g. 500');
    for (const bad of [10_001, 2.5, -1, Number.NaN]) expect(validateMaxPoints(bad)).toMatch(/^maxPoints must be an integer from 1 to 10000/);
  });
});

describe('downsample', () => {
  it('returns nothing for no points', () => {
    expect(downsample([], 10)).toEqual([]);
  });

  it('throws on an invalid maxPoints', () => {
    expect(() => downsample([{ step: 0, value: 1 }], 0)).toThrow(RangeError);
  });

  it('keeps every point when there is room', () => {
    const points = [
      { step: 2, value: 0.5 },
      { step: 0, value: 1 },
      { step: 1, value: 0.7 },
    ];
    expect(downsample(points, 10)).toEqual([
      { stepStart: 0, stepEnd: 0, lastStep: 0, min: 1, max: 1, last: 1, count: 1 },
      { stepStart: 1, stepEnd: 1, lastStep: 1, min: 0.7, max: 0.7, last: 0.7, count: 1 },
      { stepStart: 2, stepEnd: 2, lastStep: 2, min: 0.5, max: 0.5, last: 0.5, count: 1 },
    ]);
  });

  it('summarises each bucket with min, max, last and count', () => {
    const points = [0, 1, 2, 3].map((step) => ({ step, value: [5, -1, 9, 2][step]! }));
    expect(downsample(points, 2)).toEqual([
      { stepStart: 0, stepEnd: 1, lastStep: 1, min: -1, max: 5, last: -1, count: 2 },
      { stepStart: 2, stepEnd: 3, lastStep: 3, min: 2, max: 9, last: 2, count: 2 },
    ]);
  });

  it('puts everything in one bucket when maxPoints is 1', () => {
    const [bucket, ...rest] = downsample(
      [
        { step: 10, value: 3 },
        { step: 30, value: 1 },
        { step: 20, value: 7 },
      ],
      1,
    );
    expect(rest).toEqual([]);
    expect(bucket).toEqual({ stepStart: 10, stepEnd: 30, lastStep: 30, min: 1, max: 7, last: 1, count: 3 });
  });

  it('agrees with a brute-force check on random series, in any input order', () => {
    const random = mulberry32(42);
    for (let trial = 0; trial < 200; trial++) {
      const count = 1 + Math.floor(random() * 400);
      const start = Math.floor(random() * 1000);
      const stride = 1 + Math.floor(random() * 50);
      const sparse = random() < 0.5;
      const points: { step: number; value: number }[] = [];
      let step = start;
      for (let i = 0; i < count; i++) {
        points.push({ step, value: (random() - 0.5) * 10 });
        step += sparse ? 1 + Math.floor(random() * stride) : 1;
      }
      const maxPoints = 1 + Math.floor(random() * 120);
      const buckets = downsample(shuffle(points, random), maxPoints);

      expect(buckets).toEqual(bruteForce(points, maxPoints));
      expect(buckets.length).toBeLessThanOrEqual(maxPoints);
      expect(buckets.reduce((sum, b) => sum + b.count, 0)).toBe(points.length);
      const values = points.map((p) => p.value);
      expect(Math.min(...buckets.map((b) => b.min))).toBe(Math.min(...values));
      expect(Math.max(...buckets.map((b) => b.max))).toBe(Math.max(...values));
      for (let i = 1; i < buckets.length; i++) expect(buckets[i]!.stepStart).toBeGreaterThan(buckets[i - 1]!.stepEnd);
      expect(buckets[buckets.length - 1]!.last).toBe(points[points.length - 1]!.value);
    }
  });

  it('handles steps near 2^53 without losing points', () => {
    const points = [0, 2 ** 52, 2 ** 53 - 1].map((step, i) => ({ step, value: i }));
    const buckets = downsample(points, 10_000);
    expect(buckets.map((b) => b.stepStart)).toEqual([0, 2 ** 52, 2 ** 53 - 1]);
  });
});
