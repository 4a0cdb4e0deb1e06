import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { generateSyntheticReviews } from '@tunelab/core';
import { type ApiClient, runOf, type TrainerProcess } from '../kit';

/**
 * What the fault tests share: a tiny BERT and its data (built once per `npm run test:faults` by global-setup.ts), an
 * uninterrupted reference run of the same spec, and the checks every test makes against it. On the CPU the engine is
 * deterministic (one thread), so a run that survives a fault must store exactly the reference's points and values.
 */
export const PYTHON = path.resolve(__dirname, '../../engine/.venv/bin/python');
export const FIGURES_DIR = path.resolve(__dirname, '../../../../.test-results/faults');
/** One engine thread: bit-identical results, and two cores shared with other work do not fight over OpenMP threads. */
export const ENGINE_ENV = { OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };

export const HYPERPARAMETERS = { epochs: 3, batchSize: 16, learningRate: 1e-3 };
export const TRAIN_ROWS = 640;
export const TEST_ROWS = 400;
export const MAX_LENGTH = 64;
/** The engine's default `training.logEverySteps` (the daemon's spec does not set it). */
export const LOG_EVERY_STEPS = 10;

export interface ReferenceRun {
  stepsPerEpoch: number;
  totalSteps: number;
  /** Engine metric keys (train/*, eval/*, time/*) → [step, value] in step order. */
  points: Record<string, [number, number][]>;
  /** The engine's final evaluation (eval/*): the serving-cost metrics the daemon adds are timings, not compared. */
  finalMetrics: Record<string, number>;
  /** Engine spawn → `started`, 10 logged steps, last checkpoint → `completed` (final model and ONNX export). */
  startupMs: number;
  tenStepsMs: number;
  exportMs: number;
  seconds: number;
}

export interface FaultFixtures {
  dir: string;
  model: string;
  train: string;
  test: string;
  fingerprint: string;
  reference: ReferenceRun;
}

declare module 'vitest' {
  export interface ProvidedContext {
    faults: FaultFixtures;
  }
}

/** The tiny model and the split files, under `dir`. */
export function buildModelAndData(dir: string): Omit<FaultFixtures, 'reference'> {
  const corpus = path.join(dir, 'corpus.jsonl');
  fs.writeFileSync(corpus, Array.from(generateSyntheticReviews({ n: 400, seed: 3 }), (row) => JSON.stringify({ text: row.content })).join('\n') + '\n');
  const model = path.join(dir, 'tiny-bert');
  execFileSync(PYTHON, ['-m', 'tunelab_engine', 'make-tiny', '--arch', 'bert', '--corpus', corpus, '--out', model, '--max-length', String(MAX_LENGTH)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...ENGINE_ENV, HF_HUB_OFFLINE: '1' },
  });
  const rows = Array.from(generateSyntheticReviews({ n: 1300, seed: 5 })).filter((row) => row.grade3 !== 'Neutral');
  if (rows.length < TRAIN_ROWS + TEST_ROWS) throw new Error(`only ${rows.length} synthetic reviews`);
  const line = (row: (typeof rows)[number]) => JSON.stringify({ id: String(row.review_id), text: row.content, label: row.grade3 === 'Good' ? 1 : 0 });
  const train = path.join(dir, 'train.jsonl');
  const test = path.join(dir, 'test.jsonl');
  fs.writeFileSync(train, rows.slice(0, TRAIN_ROWS).map(line).join('\n') + '\n');
  fs.writeFileSync(test, rows.slice(TRAIN_ROWS, TRAIN_ROWS + TEST_ROWS).map(line).join('\n') + '\n');
  const fingerprint = createHash('sha256').update(fs.readFileSync(train)).update(fs.readFileSync(test)).digest('hex');
  return { dir, model, train, test, fingerprint };
}

/** A one-run study (full fine-tuning of the tiny BERT, seed 1) on the fixtures' data; the split files go where the API serves them. */
export async function queueRun(client: ApiClient, dataDir: string, fixtures: Omit<FaultFixtures, 'reference'>, name = 'faults'): Promise<string> {
  const splits = path.join(dataDir, 'datasets', fixtures.fingerprint);
  fs.mkdirSync(splits, { recursive: true });
  fs.copyFileSync(fixtures.train, path.join(splits, 'train.jsonl'));
  fs.copyFileSync(fixtures.test, path.join(splits, 'test.jsonl'));
  const unique = `${name} ${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const { createProject } = await client.request(`mutation ($n: String!) { createProject(input: { name: $n }) { id } }`, { n: unique });
  const { createDataset } = await client.request(`mutation ($p: ID!, $f: String!) { createDataset(input: { projectId: $p, name: "synthetic", source: "synthetic.jsonl", fingerprint: $f }) { id } }`, {
    p: createProject.id,
    f: fixtures.fingerprint,
  });
  const { createStudy } = await client.request(`mutation ($i: CreateStudyInput!) { createStudy(input: $i) { runs { id } } }`, {
    i: { projectId: createProject.id, datasetId: createDataset.id, name: unique, maxSeqLength: MAX_LENGTH, seeds: [1], methods: [{ method: 'full', baseModel: fixtures.model, hyperparameters: HYPERPARAMETERS }] },
  });
  return createStudy.runs[0].id as string;
}

/** Waits for the run to reach `status`; a run that ends otherwise fails the wait with its error and the daemon's log. */
export async function waitForStatus(client: ApiClient, runId: string, status: string, options: { timeoutMs?: number; daemon?: () => string } = {}) {
  const deadline = Date.now() + (options.timeoutMs ?? 240_000);
  for (;;) {
    const run = await runOf(client, runId);
    if (run.status === status) return run;
    if (['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(run.status)) {
      throw new Error(`run ${runId} ended ${run.status} (${run.errorCode}: ${run.errorMessage}), not ${status}\n${options.daemon?.().slice(-4000) ?? ''}`);
    }
    if (Date.now() > deadline) throw new Error(`run ${runId} is still ${run.status} after ${options.timeoutMs ?? 240_000} ms\n${options.daemon?.().slice(-4000) ?? ''}`);
    await sleep(300);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The engine process a daemon started, or null. Found by its command line: the daemon has other, short-lived children
 * (the system sampler runs nvidia-smi every 5 s), and the first child is not always the engine.
 */
export function enginePid(daemon: TrainerProcess): number | null {
  let children: number[];
  try {
    children = execFileSync('pgrep', ['-P', String(daemon.child.pid)], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
  } catch {
    return null;
  }
  for (const pid of children) {
    try {
      const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (args.includes('tunelab_engine') && args.includes('run')) return pid;
    } catch {
      // gone already
    }
  }
  return null;
}

export async function waitForEngine(daemon: TrainerProcess, timeoutMs = 120_000): Promise<{ pid: number; spawnedAt: number }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pid = enginePid(daemon);
    if (pid) return { pid, spawnedAt: Date.now() };
    if (Date.now() > deadline) throw new Error(`no engine process within ${timeoutMs} ms\n${daemon.output().slice(-3000)}`);
    await sleep(20);
  }
}

/** Whether a process is alive (a zombie, dead but not reaped yet, counts as gone). */
export function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

export async function waitUntilGone(pid: number, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (alive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(10);
  }
  return true;
}

export interface JournalEntry {
  seq: number;
  attempt: number;
  event: { type: string; [field: string]: any };
}

/**
 * Follows a run's journal (`<work dir>/runs/<run id>/journal.jsonl`), where the daemon appends each engine event the
 * moment it reads it: the test sees what the engine is doing within a few milliseconds, without touching the API.
 */
export class JournalTail {
  readonly entries: JournalEntry[] = [];
  private offset = 0;
  private partial = '';
  private readonly timer: NodeJS.Timeout;
  private readonly waiters = new Set<() => void>();

  constructor(readonly file: string) {
    this.timer = setInterval(() => this.poll(), 10);
  }

  static of(workDir: string, runId: string): JournalTail {
    return new JournalTail(path.join(workDir, 'runs', runId, 'journal.jsonl'));
  }

  /** Resolves with the first entry (already read or still to come) the predicate accepts. */
  next(predicate: (entry: JournalEntry) => boolean, timeoutMs = 180_000, what = 'a journal entry'): Promise<JournalEntry> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.entries.find(predicate);
        if (!found) return false;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => (this.waiters.delete(check), reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`))), timeoutMs);
      if (!check()) this.waiters.add(check);
    });
  }

  of(attempt: number): JournalEntry['event'][] {
    this.poll();
    return this.entries.filter((entry) => entry.attempt === attempt).map((entry) => entry.event);
  }

  close(): void {
    clearInterval(this.timer);
  }

  private poll(): void {
    let fd: number;
    try {
      fd = fs.openSync(this.file, 'r');
    } catch {
      return;
    }
    try {
      const size = fs.fstatSync(fd).size;
      if (size <= this.offset) return;
      const buffer = Buffer.alloc(size - this.offset);
      fs.readSync(fd, buffer, 0, buffer.length, this.offset);
      this.offset = size;
      const lines = (this.partial + buffer.toString('utf8')).split('\n');
      this.partial = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) this.entries.push(JSON.parse(line) as JournalEntry);
    } finally {
      fs.closeSync(fd);
    }
    for (const waiter of [...this.waiters]) waiter();
  }
}

/** The steps at which the engine must log a key: every logEverySteps step and the last for train/*, each epoch's end for eval and time. */
export function expectedSteps(key: string, reference: Pick<ReferenceRun, 'stepsPerEpoch' | 'totalSteps'>): number[] {
  const steps: number[] = [];
  if (key.startsWith('train/')) {
    for (let step = LOG_EVERY_STEPS; step <= reference.totalSteps; step += LOG_EVERY_STEPS) steps.push(step);
    if (steps.at(-1) !== reference.totalSteps) steps.push(reference.totalSteps);
  } else {
    for (let step = reference.stepsPerEpoch; step <= reference.totalSteps; step += reference.stepsPerEpoch) steps.push(step);
  }
  return steps;
}

const HISTORY = `query ($runId: ID!, $keys: [String!]!) { metricHistory(runId: $runId, keys: $keys, maxPoints: 10000) { key totalPoints buckets { stepStart stepEnd count last } } }`;

/** Every point of the given keys as the API stores them: [step, value, count] per step (the series are far below 10,000 steps, so each bucket is one step). */
export async function storedPoints(client: ApiClient, runId: string, keys: string[]): Promise<Record<string, { step: number; value: number; count: number }[]>> {
  const result: Record<string, { step: number; value: number; count: number }[]> = {};
  for (let i = 0; i < keys.length; i += 20) {
    const { metricHistory } = await client.request(HISTORY, { runId, keys: keys.slice(i, i + 20) });
    for (const series of metricHistory as { key: string; buckets: { stepStart: number; stepEnd: number; count: number; last: number }[] }[]) {
      result[series.key] = series.buckets.map((bucket) => {
        if (bucket.stepStart !== bucket.stepEnd) throw new Error(`${series.key}: bucket ${bucket.stepStart}–${bucket.stepEnd} spans several steps`);
        return { step: bucket.stepStart, value: bucket.last, count: bucket.count };
      });
    }
  }
  return result;
}

/** Wall-clock measures (time/train_seconds): present at the same steps, but their values are timings, never equal. */
const TIMING_KEYS = /^time\//;

export interface MetricCheck {
  /** Expected (key, step) points looked for. */
  points: number;
  gaps: number;
  duplicates: number;
  /** Stored points the engine should not have logged (an unexpected step or key). */
  extras: number;
  /** Stored values that differ from the uninterrupted reference run's (timings excepted). */
  mismatches: number;
  problems: string[];
}

/** The run's stored engine metrics against what the engine must log and against the reference run's values. */
export async function checkMetrics(client: ApiClient, runId: string, reference: ReferenceRun): Promise<MetricCheck> {
  const { run } = await client.request(`query ($id: ID!) { run(id: $id) { metricKeys } }`, { id: runId });
  const engineKeys = (run.metricKeys as string[]).filter((key) => !key.startsWith('system/'));
  const keys = [...new Set([...Object.keys(reference.points), ...engineKeys])].sort();
  const stored = await storedPoints(client, runId, keys);
  const check: MetricCheck = { points: 0, gaps: 0, duplicates: 0, extras: 0, mismatches: 0, problems: [] };
  for (const key of keys) {
    const expected = reference.points[key] ? expectedSteps(key, reference) : [];
    const values = new Map(reference.points[key] ?? []);
    const have = new Map((stored[key] ?? []).map((point) => [point.step, point]));
    check.points += expected.length;
    for (const step of expected) {
      const point = have.get(step);
      if (!point) {
        check.gaps += 1;
        check.problems.push(`${key}@${step}: missing`);
        continue;
      }
      if (point.count !== 1) {
        check.duplicates += point.count - 1;
        check.problems.push(`${key}@${step}: stored ${point.count} times`);
      }
      if (!TIMING_KEYS.test(key) && point.value !== values.get(step)) {
        check.mismatches += 1;
        check.problems.push(`${key}@${step}: ${point.value}, the uninterrupted run has ${values.get(step)}`);
      }
    }
    for (const step of have.keys()) {
      if (!expected.includes(step)) {
        check.extras += 1;
        check.problems.push(`${key}@${step}: not a step the engine logs`);
      }
    }
  }
  return check;
}

/** The final metrics the engine computed (eval/*) that differ from the reference's. */
export function finalMetricDifferences(finalMetrics: Record<string, number>, reference: ReferenceRun): string[] {
  return Object.entries(reference.finalMetrics)
    .filter(([key, value]) => finalMetrics[key] !== value)
    .map(([key, value]) => `${key}: ${finalMetrics[key]} vs ${value}`);
}

/** Prints a figure's one-line result and keeps it, with its details, in .test-results/faults/<name>.json. */
export function recordFigure(name: string, line: string, details: Record<string, unknown> = {}): void {
  console.log(line);
  fs.mkdirSync(FIGURES_DIR, { recursive: true });
  fs.writeFileSync(path.join(FIGURES_DIR, `${name}.json`), JSON.stringify({ name, line, recordedAt: new Date().toISOString(), ...details }, null, 2));
}

/** A small seeded generator (mulberry32): the same kill points on every run of a test. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const formatCount = (n: number) => n.toLocaleString('en-US');
export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Size and SHA-256 of each file of a checkpoint against its manifest (the engine's own verify, in the test's hands). */
export function checkpointVerifies(dir: string): boolean {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { files: Record<string, { bytes: number; sha256: string }> };
    return Object.entries(manifest.files).every(([name, expected]) => {
      const bytes = fs.readFileSync(path.join(dir, name));
      return bytes.length === expected.bytes && createHash('sha256').update(bytes).digest('hex') === expected.sha256;
    });
  } catch {
    return false;
  }
}

type Cleanup = () => Promise<unknown> | unknown;

/** Cleanups pushed during a test, run newest first by the given hook (afterAll or afterEach), even after a failure. */
export function cleanupsAfter(hook: (fn: () => Promise<void>) => void): { push(...cleanups: Cleanup[]): void } {
  const cleanups: Cleanup[] = [];
  hook(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return { push: (...more) => void cleanups.push(...more) };
}
