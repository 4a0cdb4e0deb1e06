import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { ApiClient, runOf, startTestApi, startTrainer, type TrainerProcess } from '../kit';
import {
  alive,
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
  waitForEngine,
  waitForStatus,
  waitUntilGone,
  cleanupsAfter,
} from './fault-kit';

const LEASE_SECONDS = 4;
const SEED = 7;

describe('the trainer daemon SIGKILLed and restarted during real training', () => {
  const cleanups = cleanupsAfter(afterAll);

  it('its engine dies with it, the run is claimed again once the lease expires, and it ends as an uninterrupted run does', async () => {
    const fixtures = inject('faults');
    const { reference } = fixtures;
    const began = Date.now();
    const random = seededRandom(SEED);
    const api = await startTestApi({ leaseSeconds: LEASE_SECONDS });
    cleanups.push(() => api.stop());
    const client = new ApiClient(api.url, api.adminToken);
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tunelab-faults-trainer-'));
    cleanups.push(() => fs.rmSync(workDir, { recursive: true, force: true }));
    // The same name and work dir after each restart: the same worker, its journal and its checkpoints.
    const restart = () => {
      const daemon = startTrainer(api, { name: 'crashing-trainer', engine: PYTHON, workDir, env: ENGINE_ENV });
      cleanups.push(() => daemon.stop());
      return daemon;
    };
    const runId = await queueRun(client, api.dataDir, fixtures, 'trainer kills');
    const journal = JournalTail.of(workDir, runId);
    cleanups.push(() => journal.close());

    const trainingStep = 10 * (1 + Math.floor(random() * (reference.totalSteps / 10 - 2)));
    const trainingDelay = random() * 0.9 * reference.tenStepsMs;
    const exportDelay = random() * 0.6 * reference.exportMs;
    const kills: { aim: string; wait: (daemon: TrainerProcess, attempt: number) => Promise<void> }[] = [
      {
        aim: `training (${(trainingDelay / 1000).toFixed(2)} s after step ${trainingStep})`,
        wait: async (_daemon, attempt) => {
          await journal.next((e) => e.attempt === attempt && e.event.type === 'progress' && e.event.step >= trainingStep);
          await sleep(trainingDelay);
        },
      },
      {
        aim: `the engine's final model and ONNX export (${(exportDelay / 1000).toFixed(2)} s after the last checkpoint)`,
        wait: async (_daemon, attempt) => {
          await journal.next((e) => e.attempt === attempt && e.event.type === 'checkpoint' && e.event.step === reference.totalSteps);
          await sleep(exportDelay);
        },
      },
      {
        aim: "the daemon's inference measurement (after the engine completed)",
        wait: async (daemon) => {
          const deadline = Date.now() + 180_000;
          while (!daemon.output().includes('measuring inference on')) {
            if (Date.now() > deadline) throw new Error(`no inference measurement\n${daemon.output().slice(-3000)}`);
            await sleep(5);
          }
        },
      },
    ];

    const cycles = [];
    let daemon = restart();
    for (const [index, kill] of kills.entries()) {
      const attempt = index + 1;
      const engine = await waitForEngine(daemon);
      await kill.wait(daemon, attempt);
      const engineAlive = alive(engine.pid);
      daemon.child.kill('SIGKILL');
      const killedAt = Date.now();
      await daemon.exited;
      const engineGone = !engineAlive || (await waitUntilGone(engine.pid, 1_000));
      const engineGoneMs = Date.now() - killedAt;
      if (!engineGone) process.kill(engine.pid, 'SIGKILL'); // the assertion below fails; do not leave it training
      const statusAtKill = (await runOf(client, runId)).status;
      // The first time, nobody restarts the daemon until well after the lease has expired: what does the run show?
      if (index === 0) await sleep((LEASE_SECONDS + 1) * 1000);
      const statusLeaseExpired = index === 0 ? (await runOf(client, runId)).status : null;
      daemon = restart();
      for (const deadline = Date.now() + 120_000; (await runOf(client, runId)).attempt === attempt; await sleep(100)) {
        if (Date.now() > deadline) throw new Error(`run ${runId} was not claimed again\n${daemon.output().slice(-3000)}`);
      }
      const reclaimedAfterMs = Date.now() - killedAt;
      const resumed = await journal.next((e) => e.attempt === attempt + 1 && e.event.type === 'started', 120_000, `attempt ${attempt + 1} to start`);
      const replayed = /replaying (\d+) journaled events/.exec(daemon.output())?.[1] ?? '0';
      cycles.push({ aim: kill.aim, engineWasRunning: engineAlive, engineGone, engineGoneMs: engineAlive ? engineGoneMs : null, statusAtKill, statusLeaseExpired, reclaimedAfterMs, replayedEvents: Number(replayed), resumedFromStep: resumed.event.resumedFrom?.step ?? null });
      console.log(`daemon kill ${attempt}/3 during ${kill.aim}: engine ${engineAlive ? (engineGone ? `gone ${engineGoneMs} ms after the daemon` : 'STILL RUNNING 1 s after the daemon') : 'had exited'}; ` +
        `run ${statusAtKill}${statusLeaseExpired ? `, ${statusLeaseExpired} once the lease expired with no daemon` : ''}, claimed again ${(reclaimedAfterMs / 1000).toFixed(1)} s after the kill (lease ${LEASE_SECONDS} s), ${replayed} journaled events replayed, resumed from step ${resumed.event.resumedFrom?.step ?? 0}`);
    }
    const run = await waitForStatus(client, runId, 'SUCCEEDED', { daemon: daemon.output });
    const metrics = await checkMetrics(client, runId, reference);
    const holding = `query ($status: RunStatus!) { runs(first: 100, filter: { status: $status }) { totalCount } }`;
    const leftHeld = (await client.request(holding, { status: 'RUNNING' })).runs.totalCount + (await client.request(holding, { status: 'CLAIMED' })).runs.totalCount;
    const differences = finalMetricDifferences(run.finalMetrics, reference);
    const longestReclaim = Math.max(...cycles.map((c) => c.reclaimedAfterMs));
    recordFigure(
      'trainer-sigkill',
      `trainer daemon SIGKILL ×3 during real training (mid-epoch, ONNX export, inference measurement), restarted at once: run ${run.status} at attempt ${run.attempt}, ` +
        `engine gone with its daemon ${cycles.filter((c) => c.engineGone).length}/3, claimed again ≤ ${(longestReclaim / 1000).toFixed(1)} s after each kill (lease ${LEASE_SECONDS} s), ` +
        `${metrics.gaps} gaps, ${metrics.duplicates} duplicates, ${metrics.mismatches} values differing, ${formatCount(metrics.points)} points checked, final metrics ${differences.length ? 'DIFFER' : 'identical'} (${((Date.now() - began) / 1000).toFixed(0)} s)`,
      { seconds: (Date.now() - began) / 1000, leaseSeconds: LEASE_SECONDS, cycles, attempt: run.attempt, ...metrics },
    );
    expect(cycles.map((c) => c.engineGone), 'an engine outlived its daemon').toEqual([true, true, true]);
    for (const cycle of cycles) expect(cycle.reclaimedAfterMs).toBeLessThan((LEASE_SECONDS + 6) * 1000);
    expect(run).toMatchObject({ status: 'SUCCEEDED', attempt: 4 });
    expect(run.checkpoints.map((c: { epoch: number }) => c.epoch)).toEqual([1, 2, 3]);
    expect(metrics, metrics.problems.slice(0, 5).join('; ')).toMatchObject({ gaps: 0, duplicates: 0, extras: 0, mismatches: 0 });
    expect(differences).toEqual([]);
    expect(leftHeld, 'runs left CLAIMED or RUNNING').toBe(0);
  });
});
