import { describe, expect, it } from 'vitest';
import type { Classification, Classifier } from './classifier';
import { measureInference } from './measure';

/** A stand-in with the one method measureInference calls: label = text length parity. */
function stubClassifier(calls: number[]): Classifier {
  return {
    modelBytes: 1234,
    provider: 'cpu',
    classify: async (texts: readonly string[]): Promise<Classification[]> => {
      calls.push(texts.length);
      return texts.map((text) => ({ label: text.length % 2, probabilities: [0.5, 0.5], tokens: text.length, truncated: false }));
    },
  } as unknown as Classifier;
}

describe('measureInference', () => {
  it('times batch 1 on the first latencyTexts after warm-up, then every text at batchSize, handing each batch to onBatch', async () => {
    const calls: number[] = [];
    const texts = Array.from({ length: 70 }, (_, i) => 'x'.repeat(i + 1));
    const labels: number[] = [];
    const measured = await measureInference(stubClassifier(calls), texts, { latencyTexts: 10, warmup: 2, batchSize: 32, onBatch: (offset, results) => results.forEach((r, i) => (labels[offset + i] = r.label)) });
    expect(calls).toEqual([1, 1, ...Array(10).fill(1), 32, 32, 6]);
    expect(labels).toEqual(texts.map((text) => text.length % 2));
    expect(measured).toMatchObject({ batchSize: 32, texts: 70, modelBytes: 1234, provider: 'cpu' });
    expect(measured.latencyP95Ms).toBeGreaterThanOrEqual(measured.latencyP50Ms);
    expect(measured.throughput).toBeGreaterThan(0);
  });
});
