import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateSyntheticReviews } from '@tunelab/core';
import { Classifier } from '@tunelab/inference';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiProcess } from '../../api/test/kit/api-process';
import { ApiClient, eventually, startTestApi, startTrainer, type TrainerProcess } from './kit';

/**
 * Issue 8, the trainer's part: after the engine completes, the daemon loads the run's ONNX export with
 * @tunelab/inference, adds its serving cost to the final metrics, and ONNX Runtime's predictions match the
 * engine's own on the test split. One daemon trains every method once on tiny models (1 epoch, small splits).
 */
const PYTHON = path.resolve(__dirname, '../engine/.venv/bin/python');
const engineReady = fs.existsSync(PYTHON);
if (!engineReady && process.env.CI) throw new Error(`${PYTHON} is missing: the set-up step (npm test) creates the engine's venv`);

const METHODS = [
  { method: 'full', arch: 'bert', hyperparameters: { epochs: 1, batchSize: 16, learningRate: 1e-3 } },
  { method: 'lora', arch: 'bert', hyperparameters: { epochs: 1, batchSize: 16, learningRate: 5e-3 } },
  { method: 'head-only', arch: 'bert', hyperparameters: { epochs: 1, batchSize: 16, learningRate: 5e-3 } },
  { method: 'mamba', arch: 'mamba', hyperparameters: { epochs: 1, batchSize: 16, learningRate: 1e-3 } },
  { method: 'mamba-lora', arch: 'mamba', hyperparameters: { epochs: 1, batchSize: 16, learningRate: 5e-3 } },
];
const PREDICT = `query ($runId: ID!, $texts: [String!]!) { predict(runId: $runId, texts: $texts) { label probabilities } }`;
const INFERENCE_KEYS = ['inference/latency_p50_ms', 'inference/latency_p95_ms', 'inference/throughput', 'inference/model_bytes'];
const RUN = `query ($id: ID!) { run(id: $id) { id method status errorCode errorMessage finalMetrics model { bytes } } }`;

interface TestRow {
  id: string;
  text: string;
  label: number;
}

describe.skipIf(!engineReady)('inference cost and ONNX parity after a run', () => {
  let models: string;
  let api: ApiProcess;
  let daemon: TrainerProcess;
  let client: ApiClient;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tunelab-inference-trainer-'));
  let testRows: TestRow[];

  beforeAll(() => {
    models = fs.mkdtempSync(path.join(os.tmpdir(), 'tunelab-inference-models-'));
    const corpus = path.join(models, 'corpus.jsonl');
    fs.writeFileSync(corpus, Array.from(generateSyntheticReviews({ n: 400, seed: 3 }), (row) => JSON.stringify({ text: row.content })).join('\n') + '\n');
    for (const arch of ['bert', 'mamba']) {
      execFileSync(PYTHON, ['-m', 'tunelab_engine', 'make-tiny', '--arch', arch, '--corpus', corpus, '--out', path.join(models, `tiny-${arch}`), '--max-length', '64'], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, HF_HUB_OFFLINE: '1' } });
    }
  });

  afterAll(async () => {
    await daemon?.stop();
    await api?.stop();
  });

  async function seedStudy(): Promise<string[]> {
    const rows = Array.from(generateSyntheticReviews({ n: 500, seed: 11 })).filter((row) => row.grade3 !== 'Neutral');
    const toRow = (row: (typeof rows)[number]): TestRow => ({ id: String(row.review_id), text: row.content, label: row.grade3 === 'Good' ? 1 : 0 });
    const fingerprint = `inference-${Date.now()}`.padEnd(64, '0');
    const dir = path.join(api.dataDir, 'datasets', fingerprint);
    fs.mkdirSync(dir, { recursive: true });
    testRows = rows.slice(160, 240).map(toRow);
    fs.writeFileSync(path.join(dir, 'train.jsonl'), rows.slice(0, 160).map((row) => JSON.stringify(toRow(row))).join('\n') + '\n');
    fs.writeFileSync(path.join(dir, 'test.jsonl'), testRows.map((row) => JSON.stringify(row)).join('\n') + '\n');
    const { createProject } = await client.request(`mutation ($n: String!) { createProject(input: { name: $n }) { id } }`, { n: `inference ${fingerprint}` });
    const { createDataset } = await client.request(`mutation ($p: ID!, $f: String!) { createDataset(input: { projectId: $p, name: "synthetic", source: "synthetic.jsonl", fingerprint: $f }) { id } }`, { p: createProject.id, f: fingerprint });
    const methods = METHODS.map(({ method, arch, hyperparameters }) => ({ method, baseModel: path.join(models, `tiny-${arch}`), hyperparameters }));
    const { createStudy } = await client.request(`mutation ($i: CreateStudyInput!) { createStudy(input: $i) { runs { id } } }`, {
      i: { projectId: createProject.id, datasetId: createDataset.id, name: 'inference', maxSeqLength: 64, seeds: [1], methods },
    });
    return (createStudy.runs as { id: string }[]).map((run) => run.id);
  }

  /** Share of test texts where ONNX Runtime (via @tunelab/inference) predicts the engine's label. */
  async function agreement(runId: string): Promise<number> {
    const output = path.join(workDir, 'runs', runId, 'output');
    const engine = new Map(fs.readFileSync(path.join(output, 'predictions', 'test.jsonl'), 'utf8').split('\n').filter(Boolean).map((line) => {
      const row = JSON.parse(line) as { id: string; prediction: number };
      return [String(row.id), row.prediction] as const;
    }));
    const classifier = await Classifier.load(path.join(output, 'onnx'));
    try {
      let agreeing = 0;
      for (let i = 0; i < testRows.length; i += 32) {
        const batch = testRows.slice(i, i + 32);
        const results = await classifier.classify(batch.map((row) => row.text));
        results.forEach((result, j) => (agreeing += Number(engine.get(batch[j].id) === result.label)));
      }
      return agreeing / testRows.length;
    } finally {
      await classifier.release();
    }
  }

  it('adds latency, throughput and model size to every method\'s final metrics, and ONNX predictions match the engine\'s', async () => {
    api = await startTestApi();
    client = new ApiClient(api.url, api.adminToken);
    const runIds = await seedStudy();
    expect(runIds).toHaveLength(METHODS.length);
    daemon = startTrainer(api, { engine: PYTHON, workDir });
    const runs = await eventually(async () => {
      const current = await Promise.all(runIds.map(async (id) => (await client.request(RUN, { id })).run));
      const failed = current.find((run) => run.status === 'FAILED');
      if (failed) throw new Error(`${failed.method}: ${failed.errorCode}: ${failed.errorMessage}\n${daemon.output().slice(-3000)}`);
      return current.every((run) => run.status === 'SUCCEEDED') && current;
    }, { what: 'every method to succeed', timeoutMs: 600_000, intervalMs: 1_000 });

    for (const run of runs) {
      const metrics = run.finalMetrics as Record<string, number>;
      expect(Object.keys(metrics), run.method).toEqual(expect.arrayContaining(INFERENCE_KEYS));
      expect(metrics['inference/latency_p50_ms'], run.method).toBeGreaterThan(0);
      expect(metrics['inference/latency_p95_ms'], run.method).toBeGreaterThanOrEqual(metrics['inference/latency_p50_ms']);
      expect(metrics['inference/throughput'], run.method).toBeGreaterThan(0);
      const onnxFile = path.join(workDir, 'runs', run.id, 'output', 'onnx', 'model.onnx');
      expect(metrics['inference/model_bytes'], run.method).toBe(fs.statSync(onnxFile).size);
      expect(await agreement(run.id), run.method).toBeGreaterThanOrEqual(0.999);
      expect(metrics['inference/onnx_agreement'], run.method).toBeGreaterThanOrEqual(0.999);
      // The export reached the API, and the API's predict answers with it.
      expect(run.model?.bytes, run.method).toBe(fs.statSync(onnxFile).size);
      const { predict } = await client.request(PREDICT, { runId: run.id, texts: [testRows[0].text] });
      expect(predict[0].probabilities.reduce((sum: number, p: number) => sum + p, 0), run.method).toBeCloseTo(1, 5);
    }
    const log = daemon.output();
    expect(log).toContain(`measuring inference on ${testRows.length} test texts`);
    expect(log.match(/ONNX parity: ONNX Runtime predicts the engine's label on 80 of 80 test texts/g)).toHaveLength(METHODS.length);
  }, 660_000);
});
