import { describe, expect, it } from 'vitest';
import { describeBatchChange, describeRetryCode, formatBatch, formatRetryBatch } from './batch-change';

describe('batch changes', () => {
  it('formats a batch with its accumulation', () => {
    expect(formatBatch(16, 1)).toBe('16');
    expect(formatBatch(8, 2)).toBe('8 × 2');
  });

  it('formats what a retry changed', () => {
    expect(formatRetryBatch(8, 2)).toBe('8 × 2');
    expect(formatRetryBatch(8, null)).toBe('8');
    expect(formatRetryBatch(null, 4)).toBe('accumulation 4');
    expect(formatRetryBatch(null, null)).toBe('—');
  });

  it('describes the batch the run trains with when it differs from the requested one', () => {
    expect(describeBatchChange({ batchSize: 16, gradientAccumulationSteps: 1 }, { batchSize: 8, gradientAccumulationSteps: 2 })).toEqual({
      summary: '16 → 8 × 2 accumulation',
      effect: 'Same effective batch: 16.',
    });
    expect(describeBatchChange({ batchSize: 16, gradientAccumulationSteps: 2 }, { batchSize: 4, gradientAccumulationSteps: 8 })?.summary).toBe(
      '16 × 2 → 4 × 8 accumulation',
    );
    expect(describeBatchChange({ batchSize: 16, gradientAccumulationSteps: 1 }, { batchSize: 12, gradientAccumulationSteps: 1 })?.effect).toBe(
      'Effective batch 16 → 12.',
    );
  });

  it('says nothing when the batch did not change', () => {
    expect(describeBatchChange({ batchSize: 16, gradientAccumulationSteps: 1 }, null)).toBeNull();
    expect(describeBatchChange({ batchSize: 16, gradientAccumulationSteps: 1 }, { batchSize: 16, gradientAccumulationSteps: 1 })).toBeNull();
  });

  it('explains the known retry codes', () => {
    expect(describeRetryCode('OOM')).toBe('Out of memory');
    expect(describeRetryCode('SOMETHING_ELSE')).toBeNull();
  });
});
