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

/** A trainer-like client in its own thread, so building request bodies does not eat the server's time. */
async function ingestClient(): Promise<void> {
  const { url, token, runId, points } = workerData as { url: string; token: string; runId: string; points: number };
  for (let step = 0; step < points; step += BATCH) {
    await gql(url, token, LOG_METRICS, { runId, points: batchOf('train/loss', step, BATCH) });
    parentPort!.postMessage(BATCH);
  }
}

async function measureIngest(url: string, token: string): Promise<number> {
  const runIds = await Promise.all(Array.from({ length: CONCURRENCY }, (_, i) => createRun(url, token, `ingest ${i}`)));
  const perClient = INGEST_POINTS / CONCURRENCY;
  const started = performance.now();
  let done = 0;
  await Promise.all(
    runIds.map(
      (runId) =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(__filename, { workerData: { url, token, runId, points: perClient } });
          worker.on('message', (count: number) => {
            done += count;
            if (done % 50_000 === 0) process.stderr.write(`  ingest: ${done.toLocaleString('en')} / ${INGEST_POINTS.toLocaleString('en')} points\r`);
          });
          worker.on('error', reject);
          worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`ingest client exited with ${code}`))));
        }),
    ),
  );
  process.stderr.write('\n');
  return INGEST_POINTS / ((performance.now() - started) / 1000);
}

async function measureHistory(url: string, token: string): Promise<{ p50: number; p95: number }> {
  const runId = await createRun(url, token, 'history');
  for (let step = 0; step < HISTORY_POINTS; step += 10_000) {
    await gql(url, token, LOG_METRICS, { runId, points: batchOf('train/loss', step, 10_000) });
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
  const server = await startServer({ host: '127.0.0.1', port: 0, dataDir, databaseUrl: process.env.DATABASE_URL || undefined, webOrigins: [], logSql: false });
  try {
    const token = server.adminToken!.secret;
    console.error(`bench:ingest on ${server.database}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model}), Node ${process.version}`);
    const pointsPerSecond = await measureIngest(server.url, token);
    console.error(`  logMetrics: ${Math.round(pointsPerSecond).toLocaleString('en')} points/s (${INGEST_POINTS.toLocaleString('en')} points, batches of ${BATCH}, ${CONCURRENCY} concurrent clients)`);
    const history = await measureHistory(server.url, token);
    console.error(`  metricHistory over ${HISTORY_POINTS.toLocaleString('en')} points -> 1,000 buckets: p50 ${history.p50.toFixed(1)} ms, p95 ${history.p95.toFixed(1)} ms (${HISTORY_QUERIES} queries)`);
    const dialect = server.database.split(' ')[0];
    console.log(`| ${new Date().toISOString().slice(0, 10)} | ${dialect} | ${Math.round(pointsPerSecond).toLocaleString('en')} | ${history.p50.toFixed(1)} | ${history.p95.toFixed(1)} |`);
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
  ingestClient().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
