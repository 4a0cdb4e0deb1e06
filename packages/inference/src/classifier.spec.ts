import { describe, expect, it } from 'vitest';
import { softmax } from './classifier';

describe('softmax', () => {
  it('turns logits into probabilities that sum to 1, stable for large logits', () => {
    const probabilities = softmax([1000, 1000 + Math.log(3)]);
    expect(probabilities[0]).toBeCloseTo(0.25, 12);
    expect(probabilities[1]).toBeCloseTo(0.75, 12);
  });
});
