import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startApi, type ApiProcess } from '../../api/test/kit/api-process';
import { ApiClient } from '../../api/test/kit/client';
import { CLAIM_RUN, COMPLETE_RUN, LOG_METRIC_SERIES, REGISTER_WORKER, REPORT_PROGRESS, START_RUN } from '../../api/test/kit/documents';

export { ApiClient, startApi, type ApiProcess };

export const REPO = path.resolve(__dirname, '../../..');
export const CLI_MAIN = path.resolve(__dirname, '../dist/main.js');
export const DEMO_STUDY = path.join(REPO, 'examples', 'demo-study.yaml');

export function assertBuilt(): void {
  for (const file of [CLI_MAIN, path.join(REPO, 'apps/api/dist/main.js')]) {
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: build first (npx turbo run build --filter=@tunelab/cli --filter=@tunelab/api)`);
  }
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  timeoutMs?: number;
}

/** A tunelab command as a user runs it: the built bin as a child process, no TTY. */
export function tunelab(args: string[], options: CliOptions = {}): Promise<CliResult> & { kill: (signal?: NodeJS.Signals) => void } {
  const env = { ...process.env, TUNELAB_URL: undefined, TUNELAB_TOKEN: undefined, TUNELAB_TOKEN_FILE: undefined, ...options.env };
  const child = spawn(process.execPath, [CLI_MAIN, ...args], { cwd: options.cwd ?? os.tmpdir(), env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  const done = new Promise<CliResult>((resolve) => {
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
  return Object.assign(done, { kill: (signal: NodeJS.Signals = 'SIGINT') => child.kill(signal) });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** A working directory with data/synthetic-reviews.jsonl, as `tunelab data synth` writes it (demo-study.yaml's source). */
export async function workDirWithSyntheticReviews(rows = 300): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tunelab-cli-test-'));
  const result = await tunelab(['data', 'synth', '--n', String(rows), '--seed', '1', '-o', 'data/synthetic-reviews.jsonl'], { cwd: dir });
  if (result.code !== 0) throw new Error(`data synth failed: ${result.stderr}`);
  return dir;
}

export const CREATE_TEAM = `mutation ($name: String!) { createTeam(name: $name) { adminToken { secret } } }`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A stand-in trainer speaking the worker protocol through the API: claims each queued run of the team, starts it,
 * reports progress and loss/metric points over a few steps, and completes it with final metrics.
 */
export async function fakeWorker(client: ApiClient, options: { runs: number; steps?: number; stepMs?: number; quality?: (method: string, seed: number) => number }) {
  const { registerWorker } = await client.request(REGISTER_WORKER, { input: { name: `fake-${process.pid}-${Date.now()}`, host: 'test-host', cpus: 2, memoryBytes: 2 ** 33 } });
  const workerId = registerWorker.id as string;
  const steps = options.steps ?? 4;
  for (let done = 0; done < options.runs; done++) {
    const claim = await client.request(CLAIM_RUN, { workerId });
    if (!claim.claimRun) throw new Error('no queued run to claim');
    const runId = claim.claimRun.run.id as string;
    const { run } = await client.request(`query ($id: ID!) { run(id: $id) { method seed } }`, { id: runId });
    await client.request(START_RUN, { runId, workerId, input: { trainableParameters: 1000, totalParameters: 5000, device: 'cpu' } });
    const quality = options.quality?.(run.method, run.seed) ?? 0.8;
    for (let step = 1; step <= steps; step++) {
      await client.request(REPORT_PROGRESS, { runId, workerId, input: { step, totalSteps: steps, epoch: step / 2, samplesPerSecond: 30 + step, etaSeconds: steps - step } });
      await client.request(LOG_METRIC_SERIES, {
        runId,
        series: [
          { key: 'train/loss', steps: [step], values: [1 / (step + 1)], epochs: [step / 2] },
          { key: 'eval/f1_macro', steps: [step], values: [quality - (steps - step) * 0.01], epochs: [step / 2] },
        ],
      });
      await sleep(options.stepMs ?? 50);
    }
    await client.request(COMPLETE_RUN, { runId, workerId, input: { finalMetrics: { 'eval/f1_macro': quality, 'eval/accuracy': quality + 0.05 }, trainSeconds: 3 + done } });
  }
}
