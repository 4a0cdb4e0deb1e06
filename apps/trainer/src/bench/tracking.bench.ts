/**
 * Benchmark (not a test): what tracking costs training, and how fast an engine event reaches a subscriber.
 *   npm run bench:trainer
 * 1. The engine alone (`python -m tunelab_engine run`) on a tiny BERT, then the same run under the daemon with
 *    streaming on, alternating twice; the engine's own samples/s are compared.
 * 2. Under the daemon, every metric point's delay from the engine's stdout (its wallTime) to a graphql-ws subscriber.
 * Prints figures and a Markdown row for docs/benchmarks.md.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateSyntheticReviews } from '@tunelab/core';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createTrainer } from '../trainer';

const REPO = path.resolve(__dirname, '../../../..');
const PYTHON = process.env.TUNELAB_ENGINE_PYTHON ?? path.join(REPO, 'apps/trainer/engine/.venv/bin/python');
const TRAIN_ROWS = 1_600;
const EPOCHS = 2;

/** The part of apps/api's startServer the benchmark uses; the API is another workspace, started from its build. */
interface ApiServer {
  url: string;
  wsUrl: string;
  adminToken: { secret: string } | null;
  close(): Promise<void>;
}
const { startServer } = require(path.join(REPO, 'apps/api/dist/server')) as {
  startServer(env: { host: string; port: number; dataDir: string; databaseUrl: undefined; webOrigins: string[]; logSql: boolean; leaseSeconds: number }): Promise<ApiServer>;
};

function writeSplits(dir: string): { train: string; test: string } {
  const rows = Array.from(generateSyntheticReviews({ n: TRAIN_ROWS * 1.4, seed: 7 })).filter((row) => row.grade3 !== 'Neutral');
  const line = (row: (typeof rows)[number]) => JSON.stringify({ id: String(row.review_id), text: row.content, label: row.grade3 === 'Good' ? 1 : 0 });
  const train = path.join(dir, 'train.jsonl');
  const test = path.join(dir, 'test.jsonl');
  fs.writeFileSync(train, rows.slice(0, TRAIN_ROWS).map(line).join('\n') + '\n');
  fs.writeFileSync(test, rows.slice(TRAIN_ROWS, TRAIN_ROWS + 300).map(line).join('\n') + '\n');
  return { train, test };
}

function spec(model: string, splits: { train: string; test: string }, outputDir: string) {
  return { version: 1, method: 'full', baseModel: model, data: splits, outputDir, maxLength: 64, seed: 1, hyperparameters: { epochs: EPOCHS, batchSize: 16, learningRate: 1e-3 }, export: { onnx: false } };
}

function engineAlone(model: string, splits: { train: string; test: string }, dir: string): number {
  const specFile = path.join(dir, 'spec.json');
  fs.writeFileSync(specFile, JSON.stringify(spec(model, splits, path.join(dir, 'out'))));
  const result = spawnSync(PYTHON, ['-m', 'tunelab_engine', 'run', '--spec', specFile], { encoding: 'utf8', env: { ...process.env, HF_HUB_OFFLINE: '1' }, maxBuffer: 1 << 28 });
  const completed = result.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l)).find((event) => event.type === 'completed');
  if (!completed) throw new Error(`the engine did not complete:\n${result.stderr.slice(-2000)}`);
  return completed.summary.samplesPerSecond;
}

async function underDaemon(model: string, splits: { train: string; test: string }, dir: string): Promise<{ samplesPerSecond: number; latencies: number[] }> {
  const dataDir = path.join(dir, 'api');
  const server = await startServer({ host: '127.0.0.1', port: 0, dataDir, databaseUrl: undefined, webOrigins: [], logSql: false, leaseSeconds: 30 });
  const token = server.adminToken!.secret;
  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
    const body = (await response.json()) as { data: any; errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const fingerprint = 'b'.repeat(64);
  fs.mkdirSync(path.join(dataDir, 'datasets', fingerprint), { recursive: true });
  fs.copyFileSync(splits.train, path.join(dataDir, 'datasets', fingerprint, 'train.jsonl'));
  fs.copyFileSync(splits.test, path.join(dataDir, 'datasets', fingerprint, 'test.jsonl'));
  const { createProject } = await gql(`mutation { createProject(input: { name: "bench" }) { id } }`);
  const { createDataset } = await gql(`mutation ($p: ID!, $f: String!) { createDataset(input: { projectId: $p, name: "bench", source: "bench.jsonl", fingerprint: $f }) { id } }`, { p: createProject.id, f: fingerprint });
  const { createStudy } = await gql(
    `mutation ($i: CreateStudyInput!) { createStudy(input: $i) { runs { id } } }`,
    { i: { projectId: createProject.id, datasetId: createDataset.id, name: 'bench', maxSeqLength: 64, seeds: [1], methods: [{ method: 'full', baseModel: model, hyperparameters: { epochs: EPOCHS, batchSize: 16, learningRate: 1e-3 } }] } },
  );
  const runId = createStudy.runs[0].id as string;
  const latencies: number[] = [];
  const ws = createClient({ url: server.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` } });
  const finished = new Promise<void>((resolve, reject) => {
    ws.subscribe<{ runEvents: { kind: string; status?: string; points?: { wallTime: number }[] } }>(
      { query: `subscription ($r: ID!) { runEvents(runId: $r) { kind status points { wallTime } } }`, variables: { r: runId } },
      {
        next: ({ data }) => {
          const now = Date.now() / 1000;
          for (const point of data?.runEvents.points ?? []) latencies.push((now - point.wallTime) * 1000);
          if (data?.runEvents.status === 'SUCCEEDED') resolve();
          if (data?.runEvents.status === 'FAILED') reject(new Error('the run failed'));
        },
        error: reject,
        complete: () => undefined,
      },
    );
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  const workDir = path.join(dir, 'trainer');
  const trainer = createTrainer(
    { apiUrl: server.url, token, name: 'bench', host: os.hostname(), workDir, enginePython: PYTHON, maxAttempts: 1, pollMs: 200, heartbeatMs: 5000, seedDemo: false, gpusPerRun: 1 },
    { log: () => undefined },
  );
  await finished;
  await trainer.stop();
  await ws.dispose();
  await server.close();
  const journal = fs.readFileSync(path.join(workDir, 'runs', runId, 'journal.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
  const completed = journal.find((entry) => entry.event.type === 'completed');
  return { samplesPerSecond: completed.event.summary.samplesPerSecond, latencies: latencies.filter((latency) => latency >= 0) };
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tunelab-bench-trainer-'));
  const splits = writeSplits(dir);
  const model = path.join(dir, 'tiny-bert');
  console.error('bench:trainer: building a tiny BERT …');
  execFileSync(PYTHON, ['-m', 'tunelab_engine', 'make-tiny', '--arch', 'bert', '--corpus', splits.train, '--out', model, '--max-length', '64'], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, HF_HUB_OFFLINE: '1' } });
  const alone: number[] = [];
  const tracked: number[] = [];
  const latencies: number[] = [];
  for (let round = 0; round < 2; round++) {
    alone.push(engineAlone(model, splits, fs.mkdtempSync(path.join(dir, 'alone-'))));
    const daemon = await underDaemon(model, splits, fs.mkdtempSync(path.join(dir, 'daemon-')));
    tracked.push(daemon.samplesPerSecond);
    latencies.push(...daemon.latencies);
    console.error(`  round ${round + 1}: engine alone ${alone[round].toFixed(1)} samples/s, under the daemon ${tracked[round].toFixed(1)} samples/s`);
  }
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const overhead = 1 - mean(tracked) / mean(alone);
  console.error(`  tracking overhead: ${(overhead * 100).toFixed(2)}% (mean of ${alone.length} runs each; ${TRAIN_ROWS} rows x ${EPOCHS} epochs, tiny BERT, CPU)`);
  console.error(`  event latency engine stdout -> subscriber: p50 ${percentile(latencies, 0.5).toFixed(0)} ms, p95 ${percentile(latencies, 0.95).toFixed(0)} ms over ${latencies.length} points`);
  console.log(`| ${new Date().toISOString().slice(0, 10)} | ${mean(alone).toFixed(1)} | ${mean(tracked).toFixed(1)} | ${(overhead * 100).toFixed(2)}% | ${percentile(latencies, 0.5).toFixed(0)} | ${percentile(latencies, 0.95).toFixed(0)} | ${os.loadavg()[0].toFixed(2)} |`);
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
