import { describe, expect, it } from 'vitest';
import { downsample } from './metric-downsample';
import { bucketsFromBlocks, chooseRollupWidth, EXACT_HISTORY_LIMIT, rollupBlocks, ROLLUP_WIDTHS } from './metric-rollup';

function series(count: number, value: (step: number) => number, firstStep = 0) {
  return Array.from({ length: count }, (_, i) => ({ key: 'train/loss', step: firstStep + i, value: value(firstStep + i) }));
}

/** Merges blocks the way the database upsert does: per (key, width, block). */
function storeInBatches(points: ReturnType<typeof series>, batchSize: number) {
  const stored = new Map<string, ReturnType<typeof rollupBlocks>[number]>();
  for (let start = 0; start < points.length; start += batchSize) {
    for (const block of rollupBlocks(points.slice(start, start + batchSize))) {
      const id = `${block.key}/${block.width}/${block.block}`;
      const old = stored.get(id);
      if (!old) stored.set(id, { ...block });
      else
        stored.set(id, {
          ...old,
          count: old.count + block.count,
          min: Math.min(old.min, block.min),
          max: Math.max(old.max, block.max),
          firstStep: Math.min(old.firstStep, block.firstStep),
          lastStep: Math.max(old.lastStep, block.lastStep),
          lastValue: block.lastStep > old.lastStep ? block.lastValue : old.lastValue,
        });
    }
  }
  return [...stored.values()];
}

describe('rollupBlocks', () => {
  it('puts every point into one block of each width, aligned to the width', () => {
    const blocks = rollupBlocks(series(1000, (step) => step));
    for (const width of ROLLUP_WIDTHS) {
      const ofWidth = blocks.filter((block) => block.width === width);
      expect(ofWidth.reduce((sum, block) => sum + block.count, 0)).toBe(1000);
      for (const block of ofWidth) {
        expect(block.firstStep).toBeGreaterThanOrEqual(block.block * width);
        expect(block.lastStep).toBeLessThan((block.block + 1) * width);
      }
    }
    const first = blocks.find((block) => block.width === 64 && block.block === 0)!;
    expect(first).toMatchObject({ count: 64, min: 0, max: 63, firstStep: 0, lastStep: 63, lastValue: 63 });
  });

  it('keeps keys apart', () => {
    const blocks = rollupBlocks([
      { key: 'train/loss', step: 1, value: 1 },
      { key: 'eval/f1_macro', step: 1, value: 0.5 },
    ]);
    expect(blocks.filter((block) => block.width === 64).map((block) => block.key).sort()).toEqual(['eval/f1_macro', 'train/loss']);
  });
});

describe('chooseRollupWidth', () => {
  it('reads points exactly for small series and narrow buckets', () => {
    expect(chooseRollupWidth({ minStep: 0, maxStep: 1e6, count: EXACT_HISTORY_LIMIT }, 1000)).toBeNull();
    expect(chooseRollupWidth({ minStep: 0, maxStep: 50_000, count: 50_001 }, 1000)).toBeNull(); // 50-step buckets
  });

  it('takes the widest rollup no wider than a bucket', () => {
    expect(chooseRollupWidth({ minStep: 0, maxStep: 999_999, count: 1e6 }, 1000)).toBe(256);
    expect(chooseRollupWidth({ minStep: 0, maxStep: 999_999, count: 1e6 }, 100)).toBe(4096);
  });
});

describe('bucketsFromBlocks', () => {
  it('counts every point once and keeps the global min, max and the last value, whatever the batch size', () => {
    const value = (step: number) => (step === 123_457 ? 99 : step === 177_001 ? -5 : Math.sin(step / 1000));
    const points = series(200_000, value);
    const byBatch = [1000, 4096, 333].map((batchSize) => storeInBatches(points, batchSize).filter((block) => block.width === 256));
    const sortBlocks = (blocks: typeof byBatch[number]) => [...blocks].sort((a, b) => a.block - b.block);
    expect(sortBlocks(byBatch[1])).toEqual(sortBlocks(byBatch[0]));
    expect(sortBlocks(byBatch[2])).toEqual(sortBlocks(byBatch[0]));
    const buckets = bucketsFromBlocks(byBatch[0], { minStep: 0, maxStep: 199_999 }, 200);
    expect(buckets.length).toBeLessThanOrEqual(200);
    expect(buckets.length).toBeGreaterThan(180);
    expect(buckets.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(200_000);
    expect(Math.max(...buckets.map((bucket) => bucket.max))).toBe(99);
    expect(Math.min(...buckets.map((bucket) => bucket.min))).toBe(-5);
    expect(buckets.at(-1)).toMatchObject({ lastStep: 199_999, last: value(199_999) });
  });

  it('agrees with the exact downsample when blocks align with buckets', () => {
    const points = series(65_536, (step) => Math.cos(step));
    const stored = storeInBatches(points, 1000).filter((block) => block.width === 64);
    const fromBlocks = bucketsFromBlocks(stored, { minStep: 0, maxStep: 65_535 }, 1024);
    expect(fromBlocks).toEqual(downsample(points, 1024));
  });
});
