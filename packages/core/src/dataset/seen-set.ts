/**
 * Remembers which strings were seen, in 8 bytes per entry: each string is reduced to a 64-bit hash (two
 * independent 32-bit lanes) kept in an open-addressing table. Used to find duplicate review ids and texts in
 * files of millions of rows without keeping the texts. Two different strings collide with probability about
 * n²/2⁶⁵ (≈ 1e-7 for two million rows), which would drop one row as a duplicate.
 */
export class SeenSet {
  private table: Uint32Array;
  private mask: number;
  private count = 0;

  constructor(initialCapacity = 1024) {
    let capacity = 16;
    while (capacity < initialCapacity * 2) capacity *= 2;
    this.table = new Uint32Array(capacity * 2);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Adds the string; true when it was not there yet. */
  add(value: string): boolean {
    hashString(value, scratch, 0);
    return this.addHash(scratch[0]!, scratch[1]!);
  }

  /** Adds a hash from hashString (computed elsewhere, e.g. in a worker thread); true when it was new. */
  addHash(h1: number, h2: number): boolean {
    // (0, 0) marks an empty slot.
    if (h1 === 0 && h2 === 0) h2 = 1;
    const table = this.table;
    let slot = h1 & this.mask;
    for (;;) {
      const a = table[slot * 2];
      const b = table[slot * 2 + 1];
      if (a === 0 && b === 0) break;
      if (a === h1 && b === h2) return false;
      slot = (slot + 1) & this.mask;
    }
    table[slot * 2] = h1;
    table[slot * 2 + 1] = h2;
    this.count++;
    if (this.count * 2 > this.mask + 1) this.grow();
    return true;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Uint32Array(old.length * 2);
    this.mask = this.table.length / 2 - 1;
    this.count = 0;
    for (let slot = 0; slot < old.length; slot += 2) {
      if (old[slot] !== 0 || old[slot + 1] !== 0) this.addHash(old[slot]!, old[slot + 1]!);
    }
  }
}

const scratch = new Uint32Array(2);

/** The 64-bit hash SeenSet keeps, as two 32-bit lanes written to out[offset] and out[offset + 1]. */
export function hashString(value: string, out: Uint32Array, offset: number): void {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 0x01000193);
    h2 = Math.imul(h2 ^ code, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  h1 ^= value.length;
  h1 = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b);
  h1 = Math.imul(h1 ^ (h1 >>> 13), 0xc2b2ae35);
  h1 = (h1 ^ (h1 >>> 16)) >>> 0;
  h2 = Math.imul(h2 ^ (h2 >>> 16), 0x7feb352d);
  h2 = Math.imul(h2 ^ (h2 >>> 15), 0x846ca68b);
  h2 = (h2 ^ (h2 >>> 16)) >>> 0;
  out[offset] = h1;
  out[offset + 1] = h2;
}
