/**
 * Benchmark (not a test): metric ingest through logMetrics over HTTP, and metricHistory latency on 1M stored points.
 *   npm run bench:ingest                       (SQLite, then PostgreSQL when it can be started)
 *   node dist/bench/ingest.bench.js            (this file; DATABASE_URL picks the database)
 * Prints figures and a Markdown table row for docs/benchmarks.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { startServer } from '../server';

const BATCH = 1_000;
const INGEST_POINTS = 300_000;
const CONCURRENCY = 4;
const HISTORY_POINTS = 1_000_000;
const HISTORY_QUERIES = 30;

const LOG_METRICS = `mutation ($runId: ID!, $points: [MetricPointInput!]!) { logMetrics(runId: $runId, points: $points) { accepted duplicates } }`;
const LOG_METRIC_SERIES = `mutation ($runId: ID!, $series: [MetricSeriesInput!]!) { logMetricSeries(runId: $runId, series: $series) { accepted duplicates } }`;

type IngestForm = 'points' | 'series';

/** The same 1,000 points as a list of objects (logMetrics) or in columns (logMetricSeries). */
function requestBody(form: IngestForm, runId: string, firstStep: number): string {
  const points = batchOf('train/loss', firstStep, BATCH);
  if (form === 'points') return JSON.stringify({ query: LOG_METRICS, variables: { runId, points } });
  const series = [{ key: 'train/loss', steps: points.map((p) => p.step), values: points.map((p) => p.value), epochs: points.map((p) => p.epoch), wallTimes: points.map((p) => p.wallTime) }];
  return JSON.stringify({ query: LOG_METRIC_SERIES, variables: { runId, series } });
}

async function gql(url: string, token: string, query: string, variables: Record<string, unknown>): Promise<any> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: any; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((error) => error.message).join('; '));
  return body.data;
}

async function createRun(url: string, token: string, name: string): Promise<string> {
  const project = await gql(url, token, `mutation ($name: String!) { createProject(input: { name: $name }) { id } }`, { name });
  const dataset = await gql(url, token, `mutation ($p: ID!) { createDataset(input: { projectId: $p, name: "bench", source: "bench.jsonl" }) { id } }`, { p: project.createProject.id });
  const study = await gql(
    url,
    token,
    `mutation ($p: ID!, $d: ID!) { createStudy(input: { projectId: $p, datasetId: $d, name: "bench", methods: [{ method: "full", baseModel: "bench" }] }) { runs { id } } }`,
    { p: project.createProject.id, d: dataset.createDataset.id },
  );
  return study.createStudy.runs[0].id;
}

function batchOf(key: string, firstStep: number, size: number) {
  return Array.from({ length: size }, (_, i) => ({ key, step: firstStep + i, epoch: 1, value: Math.sin(firstStep + i) + 1, wallTime: 1_700_000_000 + (firstStep + i) / 100 }));
}

/**
 * The load generator runs in its own thread with request bodies serialised before the clock starts, so the
 * two cores of this machine measure the server's ingest rather than the client's JSON building.
 */
async function ingestClients(): Promise<void> {
  const { url, token, runIds, pointsPerRun, form } = workerData as { url: string; token: string; runIds: string[]; pointsPerRun: number; form: IngestForm };
  const bodies = runIds.map((runId) => Array.from({ length: pointsPerRun / BATCH }, (_, i) => requestBody(form, runId, i * BATCH)));
  parentPort!.postMessage({ ready: true });
  await new Promise((resolve) => parentPort!.once('message', resolve));
  await Promise.all(
    bodies.map(async (batches) => {
      for (const body of batches) {
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
        const result = (await response.json()) as { errors?: unknown[]; data?: Record<string, { accepted: number }> };
        if (result.errors || Object.values(result.data ?? {})[0]?.accepted !== BATCH) throw new Error(`ingest failed: ${JSON.stringify(result)}`);
        parentPort!.postMessage({ points: BATCH });
      }
    }),
  );
}

async function measureIngest(url: string, token: string, form: IngestForm): Promise<number> {
  const runIds = await Promise.all(Array.from({ length: CONCURRENCY }, (_, i) => createRun(url, token, `ingest ${form} ${i}`)));
  const worker = new Worker(__filename, { workerData: { url, token, runIds, pointsPerRun: INGEST_POINTS / CONCURRENCY, form } });
  let started = 0;
  let done = 0;
  await new Promise<void>((resolve, reject) => {
    worker.on('message', (message: { ready?: boolean; points?: number }) => {
      if (message.ready) {
        started = performance.now();
        worker.postMessage('go');
        return;
      }
      done += message.points ?? 0;
      if (done % 50_000 === 0) process.stderr.write(`  ingest: ${done.toLocaleString('en')} / ${INGEST_POINTS.toLocaleString('en')} points\r`);
    });
    worker.on('error', reject);
    worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`ingest client exited with ${code}`))));
  });
  process.stderr.write('\n');
  return INGEST_POINTS / ((performance.now() - started) / 1000);
}

async function measureHistory(url: string, token: string): Promise<{ p50: number; p95: number }> {
  const runId = await createRun(url, token, 'history');
  for (let step = 0; step < HISTORY_POINTS; step += 10_000) {
    const points = batchOf('train/loss', step, 10_000);
    await gql(url, token, LOG_METRIC_SERIES, { runId, series: [{ key: 'train/loss', steps: points.map((p) => p.step), values: points.map((p) => p.value) }] });
    if ((step + 10_000) % 100_000 === 0) process.stderr.write(`  history: stored ${(step + 10_000).toLocaleString('en')} / ${HISTORY_POINTS.toLocaleString('en')} points\r`);
  }
  process.stderr.write('\n');
  const query = `query ($runId: ID!) { metricHistory(runId: $runId, keys: ["train/loss"], maxPoints: 1000) { totalPoints buckets { stepStart min max last count } } }`;
  const timings: number[] = [];
  for (let i = 0; i < HISTORY_QUERIES; i++) {
    const started = performance.now();
    const data = await gql(url, token, query, { runId });
    timings.push(performance.now() - started);
    if (data.metricHistory[0].totalPoints !== HISTORY_POINTS) throw new Error('history lost points');
  }
  timings.sort((a, b) => a - b);
  return { p50: timings[Math.floor(timings.length / 2)], p95: timings[Math.floor(timings.length * 0.95)] };
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tunelab-bench-'));
  const server = await startServer({ host: '127.0.0.1', port: 0, dataDir, databaseUrl: process.env.DATABASE_URL || undefined, redisUrl: undefined, webOrigins: [], logSql: false, leaseSeconds: 30, modelCacheSize: 4, dbPoolMax: 10, importRoots: [] });
  try {
    const token = server.adminToken!.secret;
    console.error(`bench:ingest on ${server.database}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model}), Node ${process.version}`);
    const pointsPerSecond = await measureIngest(server.url, token, 'points');
    console.error(`  logMetrics: ${Math.round(pointsPerSecond).toLocaleString('en')} points/s (${INGEST_POINTS.toLocaleString('en')} points, batches of ${BATCH}, ${CONCURRENCY} concurrent clients)`);
    const seriesPerSecond = await measureIngest(server.url, token, 'series');
    console.error(`  logMetricSeries: ${Math.round(seriesPerSecond).toLocaleString('en')} points/s (same points in columns)`);
    const history = await measureHistory(server.url, token);
    console.error(`  metricHistory over ${HISTORY_POINTS.toLocaleString('en')} points -> 1,000 buckets: p50 ${history.p50.toFixed(1)} ms, p95 ${history.p95.toFixed(1)} ms (${HISTORY_QUERIES} queries)`);
    const dialect = server.database.split(' ')[0];
    const load = os.loadavg()[0].toFixed(2);
    console.log(`| ${new Date().toISOString().slice(0, 10)} | ${dialect} | ${Math.round(pointsPerSecond).toLocaleString('en')} | ${Math.round(seriesPerSecond).toLocaleString('en')} | ${history.p50.toFixed(1)} | ${history.p95.toFixed(1)} | ${load} |`);
  } finally {
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (isMainThread) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
} else {
  ingestClients().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
