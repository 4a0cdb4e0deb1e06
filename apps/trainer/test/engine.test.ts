import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateSyntheticReviews } from '@tunelab/core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiProcess } from '../../api/test/kit/api-process';
import { ApiClient, eventually, runOf, startTestApi, startTrainer, storedSteps, type TrainerProcess } from './kit';

/**
 * The daemon with the real engine (apps/trainer/engine) on tiny models built here: the path every run
 * takes on a user's machine, end to end. The engine's own suite (pytest) covers its methods in depth.
 */
const PYTHON = path.resolve(__dirname, '../engine/.venv/bin/python');
const engineReady = fs.existsSync(PYTHON);
if (!engineReady && process.env.CI) throw new Error(`${PYTHON} is missing: the set-up step (npm test) creates the engine's venv`);

describe.skipIf(!engineReady)('the trainer with the real engine', () => {
  let models: string;
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  beforeAll(() => {
    models = fs.mkdtempSync(path.join(os.tmpdir(), 'tunelab-engine-models-'));
    const corpus = path.join(models, 'corpus.jsonl');
    fs.writeFileSync(corpus, Array.from(generateSyntheticReviews({ n: 400, seed: 3 }), (row) => JSON.stringify({ text: row.content })).join('\n') + '\n');
    execFileSync(PYTHON, ['-m', 'tunelab_engine', 'make-tiny', '--arch', 'bert', '--corpus', corpus, '--out', path.join(models, 'tiny-bert'), '--max-length', '64'], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, HF_HUB_OFFLINE: '1' } });
  });

  async function study(client: ApiClient, dataDir: string, method: string, hyperparameters: Record<string, unknown>) {
    const rows = Array.from(generateSyntheticReviews({ n: 700, seed: 5 })).filter((row) => row.grade3 !== 'Neutral');
    const line = (row: (typeof rows)[number]) => JSON.stringify({ id: String(row.review_id), text: row.content, label: row.grade3 === 'Good' ? 1 : 0 });
    const fingerprint = `${method}-${Date.now()}`.padEnd(64, '0');
    const dir = path.join(dataDir, 'datasets', fingerprint);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'train.jsonl'), rows.slice(0, 320).map(line).join('\n') + '\n');
    fs.writeFileSync(path.join(dir, 'test.jsonl'), rows.slice(320, 400).map(line).join('\n') + '\n');
    const { createProject } = await client.request(`mutation ($n: String!) { createProject(input: { name: $n }) { id } }`, { n: `engine ${fingerprint}` });
    const { createDataset } = await client.request(`mutation ($p: ID!, $f: String!) { createDataset(input: { projectId: $p, name: "synthetic", source: "synthetic.jsonl", fingerprint: $f }) { id } }`, { p: createProject.id, f: fingerprint });
    const { createStudy } = await client.request(`mutation ($i: CreateStudyInput!) { createStudy(input: $i) { runs { id } } }`, {
      i: { projectId: createProject.id, datasetId: createDataset.id, name: 'engine', maxSeqLength: 64, seeds: [1], methods: [{ method, baseModel: path.join(models, 'tiny-bert'), hyperparameters }] },
    });
    return createStudy.runs[0].id as string;
  }

  async function stack(): Promise<[ApiProcess, ApiClient]> {
    const api = await startTestApi();
    cleanups.push(() => api.stop());
    return [api, new ApiClient(api.url, api.adminToken)];
  }

  it('trains a LoRA run to SUCCEEDED with per-epoch evaluations, checkpoints and artifacts stored', async () => {
    const [api, client] = await stack();
    const runId = await study(client, api.dataDir, 'lora', { epochs: 2, batchSize: 16, learningRate: 5e-3 });
    const daemon: TrainerProcess = startTrainer(api, { engine: PYTHON });
    cleanups.push(() => daemon.stop());
    const run = await eventually(async () => {
      const current = await runOf(client, runId);
      if (current.status === 'FAILED') throw new Error(`${current.errorCode}: ${current.errorMessage}\n${daemon.output().slice(-3000)}`);
      return current.status === 'SUCCEEDED' && current;
    }, { what: 'the LoRA run to succeed', timeoutMs: 150_000, intervalMs: 500 });
    expect(run.trainableParameters).toBeGreaterThan(0);
    expect(run.checkpoints.map((c: { epoch: number }) => c.epoch)).toEqual(expect.arrayContaining([1, 2]));
    expect(Object.keys(run.finalMetrics)).toEqual(expect.arrayContaining(['eval/accuracy', 'eval/f1_macro']));
    expect((await storedSteps(client, runId, 'eval/f1_macro')).length).toBe(2);
    expect((await storedSteps(client, runId, 'time/train_seconds')).length).toBe(2);
    // The test predictions reach the API for the study's confidence intervals and paired tests.
    expect(run.testPredictions.count).toBeGreaterThan(0);
    expect(run.testPredictions.confusionMatrix.flat().reduce((sum: number, n: number) => sum + n, 0)).toBe(run.testPredictions.count);
  });

  it('resumes after the engine is SIGKILLed mid-epoch and stores every logged step exactly once', async () => {
    const [api, client] = await stack();
    const runId = await study(client, api.dataDir, 'full', { epochs: 2, batchSize: 8, learningRate: 1e-3 });
    const daemon = startTrainer(api, { engine: PYTHON });
    cleanups.push(() => daemon.stop());
    await eventually(async () => (await runOf(client, runId)).progress?.step >= 45, { what: 'the run to pass step 45 (epoch 2)', timeoutMs: 120_000, intervalMs: 250 });
    const pid = Number(execFileSync('pgrep', ['-P', String(daemon.child.pid)], { encoding: 'utf8' }).trim().split('\n')[0]);
    process.kill(pid, 'SIGKILL');
    const run = await eventually(async () => {
      const current = await runOf(client, runId);
      if (current.status === 'FAILED') throw new Error(`${current.errorCode}: ${current.errorMessage}`);
      return current.status === 'SUCCEEDED' && current;
    }, { what: 'the resumed run to succeed', timeoutMs: 150_000, intervalMs: 500 });
    expect(run.attempt).toBe(2);
    const steps = await storedSteps(client, runId, 'train/loss');
    expect(steps).toEqual([...new Set(steps)].sort((a, b) => a - b));
    expect(steps.at(-1)).toBe(80); // 320 rows / batch 8 = 40 steps a epoch, 2 epochs
  });
});
