import fs from 'node:fs';
import path from 'node:path';
import { INFERENCE_METRIC_KEYS } from '@tunelab/core';
import { Classifier, measureInference } from '@tunelab/inference';
import { readPredictionsFile } from './predictions-file';

/**
 * Serving cost of a completed run (issue 8): its ONNX export loaded with @tunelab/inference on this worker, timed
 * on the test split, and its predictions checked against the engine's own. The figures join the run's final
 * metrics under core's INFERENCE_METRIC_KEYS, which the cost axes read.
 */
/** Texts timed one at a time. */
export const LATENCY_TEXTS = 200;
/**
 * Texts of the throughput pass (batch 32) and the parity check: the first of the test split. A cap, because the
 * run stays RUNNING meanwhile — all 7,000 Kinopoisk test reviews at BERT-base's 7 texts/s on a 2-core CPU would
 * hold its completion for 17 minutes.
 */
export const SERVING_TEXTS = 1_024;
export const THROUGHPUT_BATCH = 32;
/** Share of test texts on which ONNX Runtime must predict the engine's label. */
export const PARITY_MIN_AGREEMENT = 0.999;

export interface ServingCostInput {
  /** The engine's `completed` summary: `onnx` ({path, ...} or null) and `predictionsPath`. */
  summary: Record<string, unknown>;
  /** The test split file the engine evaluated: {"id", "text", ...} per line. */
  testSplit: string;
  useGpu: boolean;
  log: (message: string) => void;
}

export interface Agreement {
  compared: number;
  agreeing: number;
  /** Test ids the engine's predictions file lacks. */
  missing: number;
  share: number;
}

/**
 * The four inference metrics, or none when the run has no ONNX export or measuring fails: a run's result never
 * depends on this step, so every failure is logged and swallowed here.
 */
export async function measureServingCost(input: ServingCostInput): Promise<Record<string, number>> {
  const { summary, log } = input;
  const onnx = summary.onnx as { path?: unknown } | null | undefined;
  if (!onnx || typeof onnx.path !== 'string') {
    log('no ONNX export in the result (export.onnx off?): inference cost not measured');
    return {};
  }
  let classifier: Classifier | null = null;
  try {
    const tests = readTestTexts(input.testSplit).slice(0, SERVING_TEXTS);
    if (!tests.length) throw new Error(`${input.testSplit} has no texts`);
    classifier = await Classifier.load(path.dirname(onnx.path), { provider: input.useGpu ? 'cuda' : 'cpu' });
    const fellBack = input.useGpu && classifier.provider !== 'cuda' ? ' (CUDA was asked for; this onnxruntime-node has no CUDA provider)' : '';
    const latencyTexts = Math.min(LATENCY_TEXTS, tests.length);
    log(`measuring inference on ${latencyTexts} test texts (batch 1) and ${tests.length} at batch ${THROUGHPUT_BATCH}, ONNX Runtime on ${classifier.provider}${fellBack}…`);
    const onnxLabels: number[] = new Array(tests.length);
    const measured = await measureInference(classifier, tests.map((test) => test.text), {
      latencyTexts,
      batchSize: THROUGHPUT_BATCH,
      onBatch: (offset, classifications) => classifications.forEach((c, i) => (onnxLabels[offset + i] = c.label)),
    });
    log(`inference: p50 ${measured.latencyP50Ms.toFixed(2)} ms, p95 ${measured.latencyP95Ms.toFixed(2)} ms, ${measured.throughput.toFixed(1)} texts/s, model ${(measured.modelBytes / 2 ** 20).toFixed(1)} MiB`);
    const agreement = checkParity(summary, tests, onnxLabels, log);
    return {
      ...(agreement === null ? {} : { [INFERENCE_METRIC_KEYS.agreement]: agreement.share }),
      [INFERENCE_METRIC_KEYS.latencyP50Ms]: measured.latencyP50Ms,
      [INFERENCE_METRIC_KEYS.latencyP95Ms]: measured.latencyP95Ms,
      [INFERENCE_METRIC_KEYS.throughput]: measured.throughput,
      [INFERENCE_METRIC_KEYS.modelBytes]: measured.modelBytes,
    };
  } catch (error) {
    log(`inference cost not measured (the run completes without it): ${(error as Error).message}`);
    return {};
  } finally {
    await classifier?.release().catch(() => undefined);
  }
}

function checkParity(summary: Record<string, unknown>, tests: TestText[], onnxLabels: number[], log: (message: string) => void): Agreement | null {
  const predictionsPath = summary.predictionsPath;
  if (typeof predictionsPath !== 'string' || !fs.existsSync(predictionsPath)) {
    log('ONNX parity not checked: the result names no predictions file');
    return null;
  }
  const agreement = predictionAgreement(readEnginePredictions(predictionsPath), tests.map((test, i) => ({ id: test.id, label: onnxLabels[i] })));
  const line = `ONNX parity: ONNX Runtime predicts the engine's label on ${agreement.agreeing} of ${agreement.compared} test texts (${(agreement.share * 100).toFixed(2)}%${agreement.missing ? `; ${agreement.missing} ids missing from the engine's predictions` : ''})`;
  if (agreement.share >= PARITY_MIN_AGREEMENT && !agreement.missing) log(line);
  else log(`ERROR ${line}, below the ${PARITY_MIN_AGREEMENT * 100}% required: the export or its tokenizer does not match the trained model`);
  return agreement;
}

/** The engine's prediction per test id, from predictions/test.jsonl. */
export function readEnginePredictions(file: string): Map<string, number> {
  const { ids, predictions } = readPredictionsFile(file);
  return new Map(ids.map((id, i) => [id, predictions[i]]));
}

/** How often ONNX labels equal the engine's, matched by id; an id the engine did not predict counts as a miss. */
export function predictionAgreement(engine: ReadonlyMap<string, number>, onnx: readonly { id: string; label: number }[]): Agreement {
  let agreeing = 0;
  let missing = 0;
  for (const { id, label } of onnx) {
    const expected = engine.get(id);
    if (expected === undefined) missing++;
    else if (expected === label) agreeing++;
  }
  return { compared: onnx.length, agreeing, missing, share: onnx.length ? agreeing / onnx.length : 0 };
}

export interface TestText {
  id: string;
  text: string;
}

export function readTestTexts(file: string): TestText[] {
  const texts: TestText[] = [];
  fs.readFileSync(file, 'utf8').split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    const row = JSON.parse(line) as { id?: unknown; text?: unknown };
    if (typeof row.text !== 'string') throw new Error(`${file}:${index + 1} has no "text"`);
    texts.push({ id: String(row.id), text: row.text });
  });
  return texts;
}
