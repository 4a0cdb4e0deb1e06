import { describe, expect, it } from 'vitest';
import { processesForBatch } from './run-spec';

describe('processesForBatch', () => {
  it('uses as many GPUs as divide the batch, one process otherwise', () => {
    expect(processesForBatch(16, 1)).toBe(1);
    expect(processesForBatch(16, 4)).toBe(4);
    expect(processesForBatch(16, 3)).toBe(2);
    expect(processesForBatch(9, 2)).toBe(1);
    expect(processesForBatch(2, 8)).toBe(2);
    // After an out-of-memory retry halves the batch, fewer GPUs may divide it.
    expect(processesForBatch(6, 4)).toBe(3);
  });
});
