// Benchmark (not a test) of a team deployment in miniature (issue 10): PostgreSQL, Redis and two API replicas.
//   npm run bench:scale
// 1. Live load: 20 runs each logging 100 points/s (10-point batches every 100 ms, half to each replica) for 60 s,
//    with 50 subscribers spread over both replicas; every subscriber must receive every point of its run, and the
//    latency from send to receipt is measured per point.
// 2. Ingest: 8 concurrent clients send 1,000-point logMetricSeries batches to both replicas for 15 s.
// Prints the figures and a Markdown row for docs/benchmarks.md.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { REPO } from './lib/config.mjs';
import { freePort } from './lib/net.mjs';
import { withTempPostgres } from './lib/postgres.mjs';
import { log, onCleanup } from './lib/proc.mjs';

const RUNS = 20;
const POINTS_PER_SECOND = 100;
const TICK_MS = 100;
const LIVE_SECONDS = Number(process.env.BENCH_LIVE_SECONDS ?? 60);
const SUBSCRIBERS = 50;
const INGEST_SECONDS = 15;
const INGEST_CLIENTS = 8;
const BATCH = 1_000;
const API_MAIN = path.join(REPO, 'apps', 'api', 'dist', 'main.js');

const LOG_SERIES = `mutation ($runId: ID!, $series: [MetricSeriesInput!]!) { logMetricSeries(runId: $runId, series: $series) { accepted } }`;
const RUN_EVENTS = `subscription ($runId: ID!) { runEvents(runId: $runId) { kind points { step wallTime } } }`;

async function gql(url, token, query, variables = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  const body = await response.json();
  if (body.errors?.length) throw new Error(body.errors.map((error) => error.message).join('; '));
  return body.data;
}

function startProcess(name, command, args, env) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const stop = () => child.exitCode === null && child.signalCode === null && child.kill('SIGTERM');
  onCleanup(stop);
  return { child, output: () => output, stop, name };
}

async function waitFor(check, what, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what} did not happen within ${timeoutMs / 1000} s`);
}

async function startRedis() {
  const binary = ['/usr/bin/redis-server'].find(existsSync);
  if (!binary) throw new Error('redis-server is not installed: apt-get install -y redis-server');
  const port = await freePort();
  const redis = startProcess('redis', binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
  await waitFor(async () => redis.output().includes('Ready to accept connections'), 'redis-server to start');
  return { url: `redis://127.0.0.1:${port}`, stop: redis.stop };
}

async function startReplica(name, { databaseUrl, redisUrl, dataDir }) {
  const port = await freePort();
  const api = startProcess(name, process.execPath, [API_MAIN], { HOST: '127.0.0.1', PORT: String(port), DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, TUNELAB_DATA_DIR: dataDir, TUNELAB_DB_POOL_MAX: '20' });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${base}/healthz`)).ok, `${name} to answer`);
  return { url: `${base}/graphql`, wsUrl: `ws://127.0.0.1:${port}/graphql`, stop: api.stop };
}

async function seedRuns(url, token, count, label) {
  const { createProject } = await gql(url, token, `mutation ($n: String!) { createProject(input: { name: $n }) { id } }`, { n: `${label} ${Date.now()}` });
  const { createDataset } = await gql(url, token, `mutation ($p: ID!) { createDataset(input: { projectId: $p, name: "bench", source: "bench.jsonl" }) { id } }`, { p: createProject.id });
  const seeds = Array.from({ length: count / 2 }, (_, i) => i + 1);
  const { createStudy } = await gql(
    url,
    token,
    `mutation ($p: ID!, $d: ID!, $s: [Int!]!) { createStudy(input: { projectId: $p, datasetId: $d, name: "bench", seeds: $s, methods: [{ method: "full", baseModel: "m" }, { method: "lora", baseModel: "m" }] }) { runs { id } } }`,
    { p: createProject.id, d: createDataset.id, s: seeds },
  );
  const { registerWorker } = await gql(url, token, `mutation ($n: String!) { registerWorker(input: { name: $n, host: "bench", cpus: 2, memoryBytes: 1 }) { id } }`, { n: `${label}-worker` });
  const runIds = [];
  for (let i = 0; i < count; i++) {
    const { claimRun } = await gql(url, token, `mutation ($w: ID!) { claimRun(workerId: $w) { run { id } } }`, { w: registerWorker.id });
    await gql(url, token, `mutation ($r: ID!, $w: ID!) { startRun(runId: $r, workerId: $w, input: { trainableParameters: 1, totalParameters: 1 }) { id } }`, { r: claimRun.run.id, w: registerWorker.id });
    runIds.push(claimRun.run.id);
  }
  return { runIds, workerId: registerWorker.id };
}

function quantile(sorted, q) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function liveLoad(replicas, token, runIds) {
  const subscribers = Array.from({ length: SUBSCRIBERS }, (_, i) => {
    const replica = replicas[i % replicas.length];
    const runId = runIds[i % runIds.length];
    const client = createClient({ url: replica.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
    const subscriber = { runId, steps: new Set(), latencies: [], client };
    client.subscribe(
      { query: RUN_EVENTS, variables: { runId } },
      {
        next: ({ data }) => {
          const now = Date.now();
          for (const point of data?.runEvents?.points ?? []) {
            subscriber.steps.add(point.step);
            subscriber.latencies.push(now - point.wallTime * 1000);
          }
        },
        error: (error) => log('bench', `subscriber error: ${error?.message ?? JSON.stringify(error)}`),
        complete: () => undefined,
      },
    );
    return subscriber;
  });
  await new Promise((resolve) => setTimeout(resolve, 1_500));

  const perTick = (POINTS_PER_SECOND * TICK_MS) / 1000;
  const sent = new Map(runIds.map((runId) => [runId, 0]));
  let failures = 0;
  log('bench', `live load: ${RUNS} runs × ${POINTS_PER_SECOND} points/s for ${LIVE_SECONDS} s, ${SUBSCRIBERS} subscribers on ${replicas.length} replicas…`);
  const started = Date.now();
  const pending = new Set();
  const timers = runIds.map((runId, index) =>
    setInterval(() => {
      const first = sent.get(runId) + 1;
      sent.set(runId, first + perTick - 1);
      const steps = Array.from({ length: perTick }, (_, i) => first + i);
      const now = Date.now() / 1000;
      const request = gql(replicas[index % replicas.length].url, token, LOG_SERIES, {
        runId,
        series: [{ key: 'train/loss', steps, values: steps.map((step) => 1 / step), wallTimes: steps.map(() => now) }],
      }).catch(() => failures++);
      pending.add(request);
      request.finally(() => pending.delete(request));
    }, TICK_MS),
  );
  await new Promise((resolve) => setTimeout(resolve, LIVE_SECONDS * 1000));
  timers.forEach(clearInterval);
  await Promise.all(pending);
  const seconds = (Date.now() - started) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 2_000));

  let lost = 0;
  for (const subscriber of subscribers) {
    const expected = sent.get(subscriber.runId);
    for (let step = 1; step <= expected; step++) if (!subscriber.steps.has(step)) lost++;
    await subscriber.client.dispose();
  }
  const latencies = subscribers.flatMap((subscriber) => subscriber.latencies).sort((a, b) => a - b);
  const totalSent = [...sent.values()].reduce((sum, n) => sum + n, 0);
  return { seconds, totalSent, failures, lost, delivered: latencies.length, p50: quantile(latencies, 0.5), p95: quantile(latencies, 0.95), max: latencies.at(-1) };
}

async function ingest(replicas, token, runIds) {
  log('bench', `ingest: ${INGEST_CLIENTS} clients, ${BATCH}-point batches to ${replicas.length} replicas for ${INGEST_SECONDS} s…`);
  const deadline = Date.now() + INGEST_SECONDS * 1000;
  let accepted = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: INGEST_CLIENTS }, async (_, client) => {
      const runId = runIds[client % runIds.length];
      const replica = replicas[client % replicas.length];
      let step = 1_000_000 * (client + 1);
      while (Date.now() < deadline) {
        const steps = Array.from({ length: BATCH }, (_, i) => step + i);
        step += BATCH;
        const data = await gql(replica.url, token, LOG_SERIES, { runId, series: [{ key: 'ingest/value', steps, values: steps.map((s) => s % 7) }] });
        accepted += data.logMetricSeries.accepted;
      }
    }),
  );
  return { accepted, pointsPerSecond: accepted / ((Date.now() - started) / 1000) };
}

async function main() {
  if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: run npm run build first`);
  await withTempPostgres(
    async (pg) => {
      const redis = await startRedis();
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tunelab-bench-scale-'));
      const first = await startReplica('api-a', { databaseUrl: pg.url, redisUrl: redis.url, dataDir });
      const second = await startReplica('api-b', { databaseUrl: pg.url, redisUrl: redis.url, dataDir });
      const replicas = [first, second];
      const token = readFileSync(path.join(dataDir, 'admin-token'), 'utf8').trim();
      try {
        const live = await liveLoad(replicas, token, (await seedRuns(first.url, token, RUNS, 'live')).runIds);
        const rate = live.totalSent / live.seconds;
        console.log(`live: ${live.totalSent.toLocaleString('en-US')} points sent (${rate.toFixed(0)}/s), ${live.failures} failed requests, ${live.delivered.toLocaleString('en-US')} deliveries to ${SUBSCRIBERS} subscribers, ${live.lost} lost; latency p50 ${live.p50.toFixed(0)} ms, p95 ${live.p95.toFixed(0)} ms, max ${live.max.toFixed(0)} ms`);
        const burst = await ingest(replicas, token, (await seedRuns(first.url, token, INGEST_CLIENTS, 'ingest')).runIds);
        console.log(`ingest: ${burst.accepted.toLocaleString('en-US')} points, ${burst.pointsPerSecond.toFixed(0)} points/s on PostgreSQL through 2 replicas`);
        const load = os.loadavg()[0].toFixed(2);
        console.log(`\n| ${new Date().toISOString().slice(0, 10)} | ${RUNS} × ${POINTS_PER_SECOND}/s, ${SUBSCRIBERS} subscribers, ${LIVE_SECONDS} s | ${live.lost} | ${live.p50.toFixed(0)} | ${live.p95.toFixed(0)} | ${burst.pointsPerSecond.toFixed(0)} | ${load} |`);
      } finally {
        first.stop();
        second.stop();
        redis.stop();
      }
    },
    { durable: true, onUnavailable: (reason) => { throw new Error(reason); } },
  );
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`[bench] ${error.stack ?? error}\n`);
    process.exit(1);
  },
);
