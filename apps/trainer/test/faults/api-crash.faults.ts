import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { ApiProcess } from '../../../api/test/kit/api-process';
import { seed } from '../../../api/test/kit/seed';
import { ApiClient, freePort, runOf, startTestApi, startTrainer } from '../kit';
import {
  checkMetrics,
  ENGINE_ENV,
  finalMetricDifferences,
  formatCount,
  JournalTail,
  PYTHON,
  queueRun,
  recordFigure,
  seededRandom,
  sleep,
  storedPoints,
  TEST_ROWS,
  cleanupsAfter,
} from './fault-kit';

const LOG_METRICS = `mutation ($runId: ID!, $points: [MetricPointInput!]!) { logMetrics(runId: $runId, points: $points) { accepted duplicates } }`;

describe('the API SIGKILLed and restarted on the same port and data', () => {
  const cleanups = cleanupsAfter(afterEach);

  /** An API that can be SIGKILLed and brought back where its clients expect it, on the same SQLite file. */
  async function restartableApi() {
    const port = await freePort();
    let current: ApiProcess = await startTestApi({ port });
    const { dataDir, databaseUrl } = current;
    cleanups.push(() => current.stop());
    return {
      get current() {
        return current;
      },
      /** SIGKILL, then back on the same port and data `downMs` later (counted from when `until` resolves, if given). */
      async crash(downMs: number, until?: () => Promise<unknown>) {
        await current.kill();
        await until?.();
        await sleep(downMs);
        current = await startTestApi({ port, dataDir, databaseUrl });
      },
    };
  }

  it('during real training: the run finishes at its first attempt with every point, checkpoint, prediction and its model', async () => {
    const fixtures = inject('faults');
    const { reference } = fixtures;
    const began = Date.now();
    const random = seededRandom(11);
    const api = await restartableApi();
    const client = new ApiClient(api.current.url, api.current.adminToken);
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tunelab-faults-api-'));
    const daemon = startTrainer(api.current, { engine: PYTHON, workDir, env: ENGINE_ENV });
    cleanups.push(() => fs.rmSync(workDir, { recursive: true, force: true }), () => daemon.stop());
    const runId = await queueRun(client, api.current.dataDir, fixtures, 'api kills');
    const journal = JournalTail.of(workDir, runId);
    cleanups.push(() => journal.close());

    const untilLogged = async (text: string) => {
      for (const deadline = Date.now() + 180_000; !daemon.output().includes(text); await sleep(5)) {
        if (Date.now() > deadline) throw new Error(`the daemon never logged "${text}"\n${daemon.output().slice(-3000)}`);
      }
    };
    const step = 10 * (1 + Math.floor(random() * (reference.totalSteps / 10 - 2)));
    const exportDelay = random() * 0.6 * reference.exportMs;
    const outages = [
      { during: `training (after step ${step})`, at: () => journal.next((e) => e.event.type === 'progress' && e.event.step >= step) },
      {
        during: `the engine's ONNX export (${(exportDelay / 1000).toFixed(1)} s after the last checkpoint)`,
        at: async () => (await journal.next((e) => e.event.type === 'checkpoint' && e.event.step === reference.totalSteps), await sleep(exportDelay)),
      },
      {
        // Down from the start of the daemon's inference measurement until after it tried to upload the export.
        during: "the daemon's inference measurement and model upload, before completeRun",
        at: () => untilLogged('measuring inference on'),
        until: () => untilLogged('uploading model.onnx'),
      },
    ].map((outage) => ({ ...outage, downMs: Math.round(1_000 + random() * 7_000) }));
    const downs: number[] = [];
    for (const outage of outages) {
      await outage.at();
      const killedAt = Date.now();
      await api.crash(outage.downMs, outage.until);
      downs.push((Date.now() - killedAt) / 1000);
      console.log(`API SIGKILLed during ${outage.during}, back after ${downs.at(-1)!.toFixed(1)} s`);
    }

    const again = new ApiClient(api.current.url, api.current.adminToken);
    const deadline = Date.now() + 240_000;
    let run = await runOf(again, runId);
    while (!['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(run.status) && Date.now() < deadline) {
      await sleep(300);
      run = await runOf(again, runId);
    }
    const metrics = await checkMetrics(again, runId, reference);
    const { run: stored } = await again.request(`query ($id: ID!) { run(id: $id) { model { bytes files { name } } testPredictions { count } } }`, { id: runId });
    const differences = finalMetricDifferences(run.finalMetrics ?? {}, reference);
    recordFigure(
      'api-sigkill-training',
      `API SIGKILL ×3 during real training (training, ONNX export, inference measurement and model upload; down ${Math.min(...downs).toFixed(1)}–${Math.max(...downs).toFixed(1)} s, restarted on the same port and data): ` +
        `run ${run.status} at attempt ${run.attempt}, ${metrics.gaps} gaps, ${metrics.duplicates} duplicates, ${metrics.mismatches} values differing, ${formatCount(metrics.points)} points checked, ` +
        `${run.checkpoints.length}/3 checkpoints, ${stored.testPredictions?.count ?? 0}/${TEST_ROWS} test predictions, model ${stored.model ? 'uploaded' : 'MISSING'} (${((Date.now() - began) / 1000).toFixed(0)} s)`,
      { seconds: (Date.now() - began) / 1000, outages: outages.map((o, i) => ({ during: o.during, downSeconds: downs[i] })), attempt: run.attempt, ...metrics },
    );
    expect(run, `${run.errorCode}: ${run.errorMessage}\n${daemon.output().slice(-3000)}`).toMatchObject({ status: 'SUCCEEDED', attempt: 1, retries: [] });
    expect(run.checkpoints.map((c: { epoch: number }) => c.epoch)).toEqual([1, 2, 3]);
    expect(metrics, metrics.problems.slice(0, 5).join('; ')).toMatchObject({ gaps: 0, duplicates: 0, extras: 0, mismatches: 0 });
    expect(differences).toEqual([]);
    expect(stored.testPredictions.count).toBe(TEST_ROWS);
    expect(stored.model, 'the ONNX export was not uploaded').not.toBeNull();
    expect(daemon.output()).toMatch(/unreachable/);
  });

  it('mid-write while clients hammer logMetrics: every acknowledged point is stored, every other call all or nothing', async () => {
    const began = Date.now();
    const random = seededRandom(5);
    const api = await restartableApi();
    const client = new ApiClient(api.current.url, api.current.adminToken);
    const { runId } = await seed(client).runningRun();
    const CLIENTS = 4;
    const POINTS_PER_CALL = 100;
    const CALLS_PER_KEY = 50; // 5,000 steps a key: metricHistory reads each step exactly
    const CRASHES = 5;
    interface Call {
      key: string;
      firstStep: number;
      acknowledged: boolean;
      accepted?: number;
    }
    const calls: Call[] = [];
    let stopping = false;
    const hammer = async (clientIndex: number) => {
      for (let n = 0; !stopping; n++) {
        const key = `hammer/c${clientIndex}_b${String(Math.floor(n / CALLS_PER_KEY)).padStart(3, '0')}`;
        const firstStep = (n % CALLS_PER_KEY) * POINTS_PER_CALL + 1;
        const points = Array.from({ length: POINTS_PER_CALL }, (_, i) => ({ key, step: firstStep + i, value: clientIndex * 1e6 + n + i / 1000 }));
        const call: Call = { key, firstStep, acknowledged: false };
        calls.push(call);
        try {
          const response = await new ApiClient(api.current.url, api.current.adminToken).raw(LOG_METRICS, { runId, points });
          if (response.data?.logMetrics && !response.errors?.length) {
            call.acknowledged = true;
            call.accepted = response.data.logMetrics.accepted;
          }
        } catch {
          await sleep(20); // the API is down: try the next call (a real client would resend this one; we keep it to check)
        }
      }
    };
    const clients = Array.from({ length: CLIENTS }, (_, i) => hammer(i));
    const downs: number[] = [];
    for (let i = 0; i < CRASHES; i++) {
      await sleep(500 + random() * 1_500);
      const downMs = Math.round(100 + random() * 900);
      downs.push(downMs);
      await api.crash(downMs);
    }
    await sleep(500);
    stopping = true;
    await Promise.all(clients);

    const after = new ApiClient(api.current.url, api.current.adminToken);
    const keys = [...new Set(calls.map((call) => call.key))];
    const stored = await storedPoints(after, runId, keys);
    const steps = new Map(keys.map((key) => [key, new Set((stored[key] ?? []).map((point) => point.step))]));
    let acknowledgedPoints = 0;
    let lost = 0;
    let torn = 0;
    let unacknowledgedStored = 0;
    const unacknowledged = calls.filter((call) => !call.acknowledged);
    for (const call of calls) {
      const have = Array.from({ length: POINTS_PER_CALL }, (_, i) => steps.get(call.key)!.has(call.firstStep + i)).filter(Boolean).length;
      if (call.acknowledged) {
        acknowledgedPoints += POINTS_PER_CALL;
        lost += POINTS_PER_CALL - have;
      } else {
        if (have !== 0 && have !== POINTS_PER_CALL) torn += 1;
        if (have === POINTS_PER_CALL) unacknowledgedStored += 1;
      }
    }
    const duplicates = Object.values(stored).flat().filter((point) => point.count !== 1).length;
    recordFigure(
      'api-sigkill-logmetrics',
      `API SIGKILL ×${CRASHES} mid-write while ${CLIENTS} clients hammer logMetrics (${POINTS_PER_CALL} points a call, SQLite WAL): ` +
        `${formatCount(acknowledgedPoints - lost)}/${formatCount(acknowledgedPoints)} acknowledged points stored after restart (${formatCount(calls.length - unacknowledged.length)} calls), ` +
        `${unacknowledged.length} unacknowledged calls: ${unacknowledgedStored} stored whole, ${unacknowledged.length - unacknowledgedStored - torn} not at all, ${torn} partly; ${duplicates} duplicates (${((Date.now() - began) / 1000).toFixed(0)} s)`,
      { seconds: (Date.now() - began) / 1000, crashes: CRASHES, downMs: downs, calls: calls.length, acknowledgedPoints, lost, unacknowledgedCalls: unacknowledged.length, unacknowledgedStored, torn, duplicates },
    );
    expect(calls.length - unacknowledged.length).toBeGreaterThan(100);
    expect(lost).toBe(0);
    expect(torn).toBe(0);
    expect(duplicates).toBe(0);
  });
});
