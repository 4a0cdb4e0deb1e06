import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApi, type ApiProcess } from '../../api/test/kit/api-process';
import { ApiClient } from '../../api/test/kit/client';

export { ApiClient };

const TRAINER_MAIN = path.resolve(__dirname, '../dist/main.js');
export const FAKE_ENGINE = path.resolve(__dirname, 'fixtures/fake-engine.mjs');

/** The API with a short lease (4 s unless given), so a dead trainer's run is reclaimed within seconds instead of 30. */
export function startTestApi(options: { dataDir?: string; port?: number; databaseUrl?: string; leaseSeconds?: number } = {}): Promise<ApiProcess> {
  const { leaseSeconds = 4, ...rest } = options;
  return startApi({ ...rest, env: { TUNELAB_LEASE_SECONDS: String(leaseSeconds) } });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = require('node:net').createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Labelled examples in the split-file shape the engine reads. */
function examples(count: number, offset: number): string {
  return Array.from({ length: count }, (_, i) => JSON.stringify({ id: `r${offset + i}`, text: i % 2 ? 'отличный фильм' : 'скучный фильм', label: i % 2 })).join('\n') + '\n';
}

/**
 * A study whose dataset has split files in the API's data dir, as the importer (issue 3) leaves them:
 * datasets/<fingerprint>/{train,test}.jsonl.
 */
export async function seedStudy(client: ApiClient, dataDir: string, options: { methods?: unknown[]; seeds?: number[]; trainRows?: number; epochs?: number; batchSize?: number } = {}) {
  const train = examples(options.trainRows ?? 64, 0);
  const test = examples(16, 10_000);
  const fingerprint = createHash('sha256').update(train).update(test).digest('hex');
  const dir = path.join(dataDir, 'datasets', fingerprint);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'train.jsonl'), train);
  fs.writeFileSync(path.join(dir, 'test.jsonl'), test);
  const unique = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const { createProject } = await client.request(`mutation ($name: String!) { createProject(input: { name: $name }) { id } }`, { name: `project ${unique}` });
  const { createDataset } = await client.request(
    `mutation ($input: CreateDatasetInput!) { createDataset(input: $input) { id } }`,
    { input: { projectId: createProject.id, name: `reviews ${unique}`, source: 'fixtures/reviews.jsonl', fingerprint } },
  );
  const hyperparameters = { epochs: options.epochs ?? 2, batchSize: options.batchSize ?? 16 };
  const methods = options.methods ?? [{ method: 'full', baseModel: 'tiny-bert', hyperparameters }];
  const { createStudy } = await client.request(
    `mutation ($input: CreateStudyInput!) { createStudy(input: $input) { id runs { id } } }`,
    { input: { projectId: createProject.id, datasetId: createDataset.id, name: `study ${unique}`, methods, seeds: options.seeds ?? [1] } },
  );
  return { fingerprint, studyId: createStudy.id as string, runIds: (createStudy.runs as { id: string }[]).map((run) => run.id) };
}

export interface TrainerProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** The built daemon as a real process, driving the given engine executable. */
export function startTrainer(api: { url: string; adminToken: string }, options: { name?: string; engine?: string; workDir?: string; env?: NodeJS.ProcessEnv } = {}): TrainerProcess {
  const workDir = options.workDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tunelab-trainer-'));
  const child = spawn(process.execPath, [TRAINER_MAIN], {
    env: {
      ...process.env,
      TUNELAB_API_URL: api.url,
      TUNELAB_TOKEN: api.adminToken,
      TUNELAB_TRAINER_NAME: options.name ?? `trainer-${Math.random().toString(36).slice(2, 8)}`,
      TUNELAB_TRAINER_DIR: workDir,
      TUNELAB_ENGINE_PYTHON: options.engine ?? FAKE_ENGINE,
      TUNELAB_POLL_SECONDS: '0.2',
      TUNELAB_HEARTBEAT_SECONDS: '1',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Polls until the check returns a value (bounded), for state the daemon changes asynchronously. */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, { timeoutMs = 60_000, intervalMs = 200, what = 'condition' } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export const RUN = `query ($id: ID!) { run(id: $id) { id testPredictions { count confusionMatrix } status attempt errorCode errorMessage finalMetrics trainableParameters splitFingerprint
  progress { step totalSteps } retries { attempt code batchSize gradientAccumulationSteps } effectiveHyperparameters { batchSize gradientAccumulationSteps }
  checkpoints { epoch step } worker { name } } }`;
export const HISTORY = `query ($runId: ID!, $keys: [String!]!) { metricHistory(runId: $runId, keys: $keys, maxPoints: 10000) { key totalPoints buckets { stepStart stepEnd count } } }`;

export async function runOf(client: ApiClient, id: string) {
  return (await client.request(RUN, { id })).run;
}

/** Every stored step of a key, checked to be 1..n once each (the buckets are exact below 20,000 points). */
export async function storedSteps(client: ApiClient, runId: string, key: string): Promise<number[]> {
  const [series] = (await client.request(HISTORY, { runId, keys: [key] })).metricHistory;
  return series.buckets.flatMap((bucket: { stepStart: number; stepEnd: number; count: number }) => {
    if (bucket.count !== 1 || bucket.stepStart !== bucket.stepEnd) throw new Error(`bucket ${JSON.stringify(bucket)} is not one point`);
    return [bucket.stepStart];
  });
}

export const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
