import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { ApiClient, startTestApi, startTrainer } from '../kit';
import { cleanupsAfter, checkMetrics, ENGINE_ENV, finalMetricDifferences, formatCount, JournalTail, PYTHON, queueRun, recordFigure, waitForEngine, waitForStatus, waitUntilGone } from './fault-kit';

describe('a corrupt newest checkpoint', () => {
  const cleanups = cleanupsAfter(afterEach);

  it('after a SIGKILL: the daemon resumes from the checkpoint before it and the run ends as an uninterrupted run does', async () => {
    const fixtures = inject('faults');
    const { reference } = fixtures;
    const began = Date.now();
    const api = await startTestApi();
    cleanups.push(() => api.stop());
    const client = new ApiClient(api.url, api.adminToken);
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tunelab-faults-corrupt-'));
    cleanups.push(() => fs.rmSync(workDir, { recursive: true, force: true }));
    const daemon = startTrainer(api, { engine: PYTHON, workDir, env: ENGINE_ENV });
    cleanups.push(() => daemon.stop());
    const runId = await queueRun(client, api.dataDir, fixtures, 'corrupt checkpoint');
    const journal = JournalTail.of(workDir, runId);
    cleanups.push(() => journal.close());

    const engine = await waitForEngine(daemon);
    const second = (await journal.next((e) => e.event.type === 'checkpoint' && e.event.step === 2 * reference.stepsPerEpoch)).event;
    await journal.next((e) => e.event.type === 'progress' && e.event.step > second.step);
    process.kill(engine.pid, 'SIGKILL');
    await waitUntilGone(engine.pid);
    // A torn write of the newest checkpoint's weights, before the daemon's next attempt reads it (its start-up takes seconds).
    const weights = path.join(second.path, 'weights.safetensors');
    fs.truncateSync(weights, Math.floor(fs.statSync(weights).size / 2));

    const run = await waitForStatus(client, runId, 'SUCCEEDED', { daemon: daemon.output });
    const resumed = journal.of(2).find((e) => e.type === 'started')?.resumedFrom;
    const metrics = await checkMetrics(client, runId, reference);
    const differences = finalMetricDifferences(run.finalMetrics, reference);
    recordFigure(
      'corrupt-checkpoint',
      `corrupt newest checkpoint after an engine SIGKILL (weights of ${path.basename(second.path)} cut in half): resumed from step ${resumed?.step} (skipped ${resumed?.skipped?.length ?? 0}), ` +
        `run ${run.status} at attempt ${run.attempt}, ${metrics.gaps} gaps, ${metrics.duplicates} duplicates, ${metrics.mismatches} values differing, ${formatCount(metrics.points)} points checked, ` +
        `final metrics ${differences.length ? 'DIFFER' : 'identical'} to an uninterrupted run (${((Date.now() - began) / 1000).toFixed(0)} s)`,
      { seconds: (Date.now() - began) / 1000, resumedFrom: resumed, attempt: run.attempt, ...metrics },
    );
    expect(resumed).toMatchObject({ step: reference.stepsPerEpoch, skipped: [second.path] });
    expect(run).toMatchObject({ status: 'SUCCEEDED', attempt: 2 });
    expect(run.checkpoints.map((c: { epoch: number }) => c.epoch)).toEqual([1, 2, 3]);
    expect(metrics, metrics.problems.slice(0, 5).join('; ')).toMatchObject({ gaps: 0, duplicates: 0, extras: 0, mismatches: 0 });
    expect(differences).toEqual([]);
  });
});
