import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { ApiClient, startTestApi, startTrainer } from '../kit';
import {
  checkMetrics,
  ENGINE_ENV,
  finalMetricDifferences,
  formatCount,
  type JournalEntry,
  JournalTail,
  PYTHON,
  queueRun,
  recordFigure,
  type ReferenceRun,
  seededRandom,
  sleep,
  waitForEngine,
  waitForStatus,
  waitUntilGone,
  cleanupsAfter,
} from './fault-kit';

type Phase = 'start-up' | 'training' | 'eval' | 'checkpoint write' | 'final model/ONNX export';

/** Where the ten kills aim; the seeded generator shuffles them and draws the exact moment within each. */
const AIMS: Phase[] = ['start-up', 'training', 'training', 'training', 'training', 'eval', 'eval', 'checkpoint write', 'checkpoint write', 'final model/ONNX export'];
const SEED = 20261128;
/** Two daemons (each with its own API) take five kills each: one engine thread apiece, the two cores both busy. */
const LANES = 2;

interface KillPoint {
  aim: Phase;
  describe: string;
  /** Resolves when the engine is to be killed; `kill` is called at once for points that cannot wait for a promise. */
  wait: (context: { journal: JournalTail; checkpoints: string; spawnedAt: number; kill: () => void }) => Promise<void>;
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');
const isAttempt1 = (entry: JournalEntry) => entry.attempt === 1;

/** The kill points, drawn from the seed: the same ten on every run of the test. */
function planKills(reference: ReferenceRun): KillPoint[] {
  const random = seededRandom(SEED);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
  const aims = [...AIMS];
  for (let i = aims.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [aims[i], aims[j]] = [aims[j], aims[i]];
  }
  const epochs = reference.totalSteps / reference.stepsPerEpoch;
  const epochNumbers = Array.from({ length: epochs }, (_, i) => i + 1);
  return aims.map((aim): KillPoint => {
    switch (aim) {
      case 'start-up': {
        const delay = random() * 0.9 * reference.startupMs;
        return { aim, describe: `${(delay / 1000).toFixed(2)} s after the engine started (loading, tokenising)`, wait: ({ spawnedAt }) => sleep(Math.max(0, spawnedAt + delay - Date.now())) };
      }
      case 'training': {
        const candidates: number[] = [];
        for (let step = 10; step < reference.totalSteps; step += 10) if (step % reference.stepsPerEpoch !== 0) candidates.push(step);
        const step = pick(candidates);
        const delay = random() * 0.9 * reference.tenStepsMs;
        return {
          aim,
          describe: `${(delay / 1000).toFixed(2)} s after step ${step}`,
          wait: async ({ journal }) => {
            await journal.next((e) => isAttempt1(e) && e.event.type === 'progress' && e.event.step >= step, undefined, `step ${step}`);
            await sleep(delay);
          },
        };
      }
      case 'eval': {
        const epoch = pick(epochNumbers);
        const step = epoch * reference.stepsPerEpoch;
        return {
          aim,
          describe: `as epoch ${epoch}'s evaluation starts (its last step, ${step}, reported)`,
          wait: async ({ journal }) => void (await journal.next((e) => isAttempt1(e) && e.event.type === 'progress' && e.event.step === step, undefined, `step ${step}`)),
        };
      }
      case 'checkpoint write': {
        const epoch = pick(epochNumbers);
        const prefix = `.tmp-ckpt-s${pad(epoch * reference.stepsPerEpoch, 8)}-e${pad(epoch, 4)}-`;
        return {
          aim,
          describe: `as epoch ${epoch}'s checkpoint directory appears (${prefix}…)`,
          // inotify: the kill lands within a millisecond or two of the directory's creation, mid-write.
          wait: ({ checkpoints, kill }) =>
            new Promise<void>((resolve) => {
              const watcher = fs.watch(checkpoints, (_event, name) => {
                if (name && String(name).startsWith(prefix)) {
                  kill();
                  watcher.close();
                  resolve();
                }
              });
            }),
        };
      }
      case 'final model/ONNX export': {
        const delay = random() * 0.7 * reference.exportMs;
        return {
          aim,
          describe: `${(delay / 1000).toFixed(2)} s after the last checkpoint (final model, ONNX export, parity check)`,
          wait: async ({ journal }) => {
            await journal.next((e) => isAttempt1(e) && e.event.type === 'checkpoint' && e.event.step === reference.totalSteps, undefined, 'the last checkpoint');
            await sleep(delay);
          },
        };
      }
    }
  });
}

/** Where a kill landed, from what the killed attempt reported and whether a checkpoint was half-written. */
function landedIn(events: JournalEntry['event'][], partialCheckpoint: boolean, reference: ReferenceRun): Phase | 'after completion' {
  if (partialCheckpoint) return 'checkpoint write';
  if (!events.some((e) => e.type === 'started')) return 'start-up';
  if (events.some((e) => e.type === 'completed')) return 'after completion';
  const checkpoints = events.filter((e) => e.type === 'checkpoint');
  if (checkpoints.some((e) => e.step === reference.totalSteps)) return 'final model/ONNX export';
  const last = events.filter((e) => e.type === 'progress').at(-1)?.step ?? 0;
  if (last > 0 && last % reference.stepsPerEpoch === 0) {
    if (!events.some((e) => e.type === 'eval' && e.step === last)) return 'eval';
    if (!checkpoints.some((e) => e.step === last)) return 'checkpoint write';
  }
  return 'training';
}

describe('the real engine SIGKILLed at seeded random points of a run', () => {
  const cleanups = cleanupsAfter(afterAll);

  it('resumes every run to SUCCEEDED with every point the engine logs stored once, as in an uninterrupted run', async () => {
    const fixtures = inject('faults');
    const { reference } = fixtures;
    const began = Date.now();
    const plan = planKills(reference).map((point, index) => ({ point, index }));

    /** One API and one daemon working through its share of the kills, one run after another. */
    const lane = async (share: typeof plan) => {
      const api = await startTestApi();
      cleanups.push(() => api.stop());
      const client = new ApiClient(api.url, api.adminToken);
      const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tunelab-faults-engine-'));
      const daemon = startTrainer(api, { engine: PYTHON, workDir, env: ENGINE_ENV });
      cleanups.push(() => daemon.stop(), () => fs.rmSync(workDir, { recursive: true, force: true }));
      const done = [];
      for (const { point, index } of share) {
        const runId = await queueRun(client, api.dataDir, fixtures, `engine kill ${index + 1}`);
        const checkpoints = path.join(workDir, 'runs', runId, 'output', 'checkpoints');
        fs.mkdirSync(checkpoints, { recursive: true }); // watched for the checkpoint-write kills
        const journal = JournalTail.of(workDir, runId);
        const engine = await waitForEngine(daemon);
        let killedAt = 0;
        let killError: string | null = null;
        const kill = () => {
          if (killedAt) return;
          killedAt = Date.now();
          try {
            process.kill(engine.pid, 'SIGKILL');
          } catch (error) {
            killError = (error as Error).message; // it had exited already: the assertions below say so
          }
        };
        await point.wait({ journal, checkpoints, spawnedAt: engine.spawnedAt, kill });
        kill();
        await waitUntilGone(engine.pid);
        const partial = fs.readdirSync(checkpoints).filter((name) => name.startsWith('.tmp-ckpt-'));
        await sleep(300); // the daemon journals what was still in the pipe
        const landed = landedIn(journal.of(1), partial.length > 0, reference);
        const run = await waitForStatus(client, runId, 'SUCCEEDED', { daemon: daemon.output });
        const metrics = await checkMetrics(client, runId, reference);
        const resumed = journal.of(2).find((e) => e.type === 'started')?.resumedFrom ?? null;
        journal.close();
        console.log(`kill ${index + 1}/10 aimed at ${point.aim} (${point.describe}), landed in ${landed}${partial.length ? ` (${partial[0]} left half-written)` : ''}: ` +
          `${run.status} at attempt ${run.attempt}, resumed from ${resumed ? `step ${resumed.step}` : 'the beginning'}; ${metrics.points} points, ${metrics.gaps} gaps, ${metrics.duplicates} duplicates, ${metrics.mismatches} values differing`);
        done.push({
          run: index + 1,
          aim: point.aim,
          at: point.describe,
          killedAfterMs: killedAt - engine.spawnedAt,
          killError,
          landed,
          partialCheckpoint: partial[0] ?? null,
          resumedFromStep: resumed?.step ?? null,
          status: run.status,
          attempt: run.attempt,
          retries: run.retries.map((retry: { code: string }) => retry.code),
          checkpointEpochs: run.checkpoints.map((c: { epoch: number }) => c.epoch),
          finalMetricDifferences: finalMetricDifferences(run.finalMetrics, reference),
          ...metrics,
        });
      }
      return done;
    };
    const lanes = await Promise.all(Array.from({ length: LANES }, (_, l) => lane(plan.filter(({ index }) => index % LANES === l))));
    const results = lanes.flat().sort((a, b) => a.run - b.run);

    const count = (what: (r: (typeof results)[number]) => boolean) => results.filter(what).length;
    const sum = (key: 'points' | 'gaps' | 'duplicates' | 'extras' | 'mismatches') => results.reduce((total, r) => total + r[key], 0);
    const phases = [...new Set(results.map((r) => r.landed))].map((phase) => `${count((r) => r.landed === phase)} ${phase}`).join(', ');
    recordFigure(
      'engine-sigkill',
      `engine SIGKILL at 10 seeded random points (landed: ${phases}): ${count((r) => r.status === 'SUCCEEDED')}/10 runs succeeded, ` +
        `${sum('gaps')} gaps, ${sum('duplicates')} duplicates, ${sum('mismatches')} values differing from an uninterrupted run, ${formatCount(sum('points'))} points checked; ` +
        `final metrics identical in ${count((r) => r.finalMetricDifferences.length === 0)}/10 (${((Date.now() - began) / 1000).toFixed(0)} s)`,
      { seed: SEED, lanes: LANES, seconds: (Date.now() - began) / 1000, runs: results },
    );
    for (const result of results) {
      expect(result, `kill ${result.run}: ${result.problems.slice(0, 5).join('; ')}`).toMatchObject({
        killError: null,
        status: 'SUCCEEDED',
        attempt: 2,
        retries: ['ENGINE_CRASHED'],
        checkpointEpochs: [1, 2, 3],
        gaps: 0,
        duplicates: 0,
        extras: 0,
        mismatches: 0,
        finalMetricDifferences: [],
      });
    }
  });
});
