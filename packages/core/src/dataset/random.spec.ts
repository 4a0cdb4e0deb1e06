import { describe, expect, it } from 'vitest';
import { createRandom } from './random';
import { SeenSet } from './seen-set';

describe('createRandom', () => {
  it('repeats its stream for the same seed material and differs for another', () => {
    const a = createRandom('seed');
    const b = createRandom('seed');
    const first = Array.from({ length: 5 }, () => a.uint32());
    expect(Array.from({ length: 5 }, () => b.uint32())).toEqual(first);
    expect(Array.from({ length: 5 }, () => createRandom('seed2').uint32())).not.toEqual(first);
    // Pinned: splits and synthetic data depend on this exact stream.
    expect(first[0]).toBe(21011743);
  });

  it('draws floats in [0, 1) and integers in [0, n) roughly uniformly', () => {
    const random = createRandom('uniform');
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) {
      const f = random.float();
      expect(f >= 0 && f < 1).toBe(true);
      counts[random.int(4)]!++;
    }
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(400);
  });

  it('shuffles into a permutation', () => {
    const items = Uint32Array.from({ length: 100 }, (_, i) => i);
    createRandom('shuffle').shuffle(items);
    expect([...items].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect([...items]).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});

describe('SeenSet', () => {
  it('answers whether a string was seen, through growth', () => {
    const seen = new SeenSet(4);
    for (let i = 0; i < 10_000; i++) expect(seen.add(`text ${i}`)).toBe(true);
    for (let i = 0; i < 10_000; i++) expect(seen.add(`text ${i}`)).toBe(false);
    expect(seen.size).toBe(10_000);
    expect(seen.add('')).toBe(true);
    expect(seen.add('')).toBe(false);
    expect(seen.add('Фильм')).toBe(true);
    expect(seen.add('фильм')).toBe(true);
  });
});
