import { createHash } from 'node:crypto';

/**
 * A small seeded PRNG (sfc32) for splits and synthetic data. Seeded from the SHA-256 of a string, so any
 * seed material (a fingerprint, a number, both) gives an independent, reproducible stream on every platform.
 */
export interface Random {
  /** A uniform unsigned 32-bit integer. */
  uint32(): number;
  /** A uniform float in [0, 1) with 53 random bits. */
  float(): number;
  /** A uniform integer in [0, n). */
  int(n: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Shuffles in place (Fisher–Yates) and returns the array. */
  shuffle<T extends { [index: number]: unknown; length: number }>(items: T): T;
}

export function createRandom(seedMaterial: string): Random {
  const digest = createHash('sha256').update(seedMaterial, 'utf8').digest();
  let a = digest.readUInt32LE(0);
  let b = digest.readUInt32LE(4);
  let c = digest.readUInt32LE(8);
  let d = digest.readUInt32LE(12);
  const uint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Warm up so that similar seeds diverge at once.
  for (let i = 0; i < 12; i++) uint32();
  const float = () => (uint32() * 2 ** 21 + (uint32() >>> 11)) / 2 ** 53;
  const int = (n: number) => Math.floor(float() * n);
  return {
    uint32,
    float,
    int,
    chance: (p) => float() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[int(items.length)] as (typeof items)[number];
    },
    shuffle: (items) => {
      for (let i = items.length - 1; i > 0; i--) {
        const j = int(i + 1);
        const tmp = items[i];
        items[i] = items[j];
        items[j] = tmp;
      }
      return items;
    },
  };
}
