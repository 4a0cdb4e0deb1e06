import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiClient, startTestApi, startTrainer } from '../kit';
import { buildModelAndData, ENGINE_ENV, expectedSteps, type FaultFixtures, JournalTail, PYTHON, queueRun, type ReferenceRun, storedPoints, waitForEngine, waitForStatus } from './fault-kit';

/**
 * Once per `npm run test:faults`: the tiny model and data, and one uninterrupted run of the spec every fault test
 * trains, through the real API, daemon and engine. Its stored points and final metrics are what a run that survives
 * a fault must end with; its timings size the random kill points.
 */
export default async function setup(project: { provide: (key: 'faults', value: FaultFixtures) => void }) {
  if (!fs.existsSync(PYTHON)) throw new Error(`${PYTHON} is missing: run \`npm run setup\` (it creates the engine's venv)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tunelab-faults-'));
  const started = Date.now();
  const fixtures = buildModelAndData(dir);
  const api = await startTestApi();
  const client = new ApiClient(api.url, api.adminToken);
  const workDir = path.join(dir, 'reference-trainer');
  const daemon = startTrainer(api, { engine: PYTHON, workDir, env: ENGINE_ENV });
  try {
    const runId = await queueRun(client, api.dataDir, fixtures, 'reference');
    const engine = await waitForEngine(daemon);
    const run = await waitForStatus(client, runId, 'SUCCEEDED', { daemon: daemon.output });
    const journal = JournalTail.of(workDir, runId);
    const events = journal.of(1);
    journal.close();
    const first = events.find((event) => event.type === 'started')!;
    const progress = events.filter((event) => event.type === 'progress');
    const lastCheckpoint = events.filter((event) => event.type === 'checkpoint').at(-1)!;
    const completed = events.find((event) => event.type === 'completed')!;
    const keys = Object.keys(completed.summary.finalMetrics as Record<string, number>);
    const { run: withKeys } = await client.request(`query ($id: ID!) { run(id: $id) { metricKeys } }`, { id: runId });
    const engineKeys = (withKeys.metricKeys as string[]).filter((key) => !key.startsWith('system/'));
    const stored = await storedPoints(client, runId, engineKeys);
    const reference: ReferenceRun = {
      stepsPerEpoch: first.stepsPerEpoch,
      totalSteps: first.totalSteps,
      points: Object.fromEntries(engineKeys.map((key) => [key, stored[key].map((point) => [point.step, point.value] as [number, number])])),
      finalMetrics: Object.fromEntries(keys.map((key) => [key, run.finalMetrics[key]])),
      startupMs: first.time * 1000 - engine.spawnedAt,
      tenStepsMs: ((progress.at(-1)!.time - progress[0].time) * 1000) / ((progress.at(-1)!.step - progress[0].step) / 10),
      exportMs: (completed.time - lastCheckpoint.time) * 1000,
      seconds: (Date.now() - started) / 1000,
    };
    // The rule the fault tests hold every run to must hold for the uninterrupted run first.
    for (const key of engineKeys) {
      const steps = reference.points[key].map(([step]) => step);
      if (JSON.stringify(steps) !== JSON.stringify(expectedSteps(key, reference))) {
        throw new Error(`the reference run logged ${key} at steps ${steps.join(',')}, not ${expectedSteps(key, reference).join(',')}`);
      }
    }
    if (!engineKeys.some((key) => key.startsWith('eval/')) || !engineKeys.includes('train/loss')) throw new Error(`unexpected metric keys ${engineKeys.join(', ')}`);
    console.log(
      `fault tests' reference run: ${reference.totalSteps} steps (${reference.stepsPerEpoch} an epoch), ${engineKeys.length} metric keys, ` +
        `engine start-up ${(reference.startupMs / 1000).toFixed(1)} s, 10 steps ${(reference.tenStepsMs / 1000).toFixed(2)} s, final model and ONNX export ${(reference.exportMs / 1000).toFixed(1)} s; ` +
        `built and trained in ${reference.seconds.toFixed(0)} s`,
    );
    const provided: FaultFixtures = { ...fixtures, reference };
    project.provide('faults', provided);
  } finally {
    await daemon.stop();
    await api.stop();
  }
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
