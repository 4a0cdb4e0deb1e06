import type { Classification, Classifier } from './classifier';

/** Serving cost of a classifier on this machine: what the trade-off plots use as inference axes (issue 8). */
export interface InferenceMeasurement {
  /** Batch 1, one text at a time over the sample, after warm-up. */
  latencyP50Ms: number;
  latencyP95Ms: number;
  /** Texts per second at `batchSize`, over the whole sample. */
  throughput: number;
  batchSize: number;
  texts: number;
  modelBytes: number;
  provider: string;
}

export interface MeasureOptions {
  /** Texts timed one at a time (the first `latencyTexts` of the sample). */
  latencyTexts?: number;
  batchSize?: number;
  warmup?: number;
  /**
   * Each batch of the throughput pass as it is classified (`offset`: index of its first text), so a caller can
   * check the predictions without classifying the texts a second time. Its time counts in the throughput.
   */
  onBatch?: (offset: number, classifications: Classification[]) => void;
}

function quantile(sorted: readonly number[], q: number): number {
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

export async function measureInference(classifier: Classifier, texts: readonly string[], options: MeasureOptions = {}): Promise<InferenceMeasurement> {
  if (!texts.length) throw new RangeError('give at least one text to measure inference on');
  const batchSize = options.batchSize ?? 32;
  for (const text of texts.slice(0, options.warmup ?? 5)) await classifier.classify([text]);
  const latencies: number[] = [];
  for (const text of texts.slice(0, options.latencyTexts ?? 200)) {
    const start = process.hrtime.bigint();
    await classifier.classify([text]);
    latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  latencies.sort((a, b) => a - b);
  const start = process.hrtime.bigint();
  for (let i = 0; i < texts.length; i += batchSize) {
    const classifications = await classifier.classify(texts.slice(i, i + batchSize));
    options.onBatch?.(i, classifications);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return {
    latencyP50Ms: quantile(latencies, 0.5),
    latencyP95Ms: quantile(latencies, 0.95),
    throughput: texts.length / seconds,
    batchSize,
    texts: texts.length,
    modelBytes: classifier.modelBytes,
    provider: classifier.provider,
  };
}
