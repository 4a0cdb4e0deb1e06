import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { ApiClient, runOf, startTestApi, startTrainer } from '../kit';
import { cleanupsAfter, checkpointVerifies, ENGINE_ENV, enginePid, JournalTail, PYTHON, queueRun, recordFigure, sleep } from './fault-kit';

const PAGE = 4096;

/** What files take on a tmpfs: whole pages. */
function pages(target: string): number {
  const files = fs.statSync(target).isDirectory() ? fs.readdirSync(target).map((name) => path.join(target, name)) : [target];
  return files.reduce((total, file) => total + Math.ceil(fs.statSync(file).size / PAGE) * PAGE, 0);
}

function used(mount: string): number {
  const stat = fs.statfsSync(mount);
  return (stat.blocks - stat.bfree) * stat.bsize;
}

function mount(args: string[]): string | null {
  const done = spawnSync('mount', args, { encoding: 'utf8' });
  return done.status === 0 ? null : (done.stderr || done.error?.message || `exit ${done.status}`).trim();
}

describe('a full disk while the daemon trains', () => {
  const cleanups = cleanupsAfter(afterEach);

  it('fails the run with DISK_FULL and the engine message, without retrying; the previous checkpoint verifies and a resume completes', async (context) => {
    if (process.getuid?.() !== 0) return context.skip('a full disk is simulated with a small tmpfs, and mounting one needs root');
    const fixtures = inject('faults');
    const { reference } = fixtures;
    const began = Date.now();
    const api = await startTestApi();
    cleanups.push(() => api.stop());
    const client = new ApiClient(api.url, api.adminToken);
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tunelab-faults-disk-'));
    cleanups.push(() => fs.rmSync(workDir, { recursive: true, force: true }));
    const runId = await queueRun(client, api.dataDir, fixtures, 'disk full');
    // The run's output directory on its own small disk; the daemon's journal stays on the big one.
    const output = path.join(workDir, 'runs', runId, 'output');
    fs.mkdirSync(output, { recursive: true });
    const refused = mount(['-t', 'tmpfs', '-o', 'size=64m', 'tmpfs', output]);
    if (refused) return context.skip(`mount -t tmpfs is not permitted here (${refused}): cannot simulate a full disk`);
    cleanups.push(() => spawnSync('umount', ['-l', output]));
    const journal = JournalTail.of(workDir, runId);
    cleanups.push(() => journal.close());
    const daemon = startTrainer(api, { engine: PYTHON, workDir, env: ENGINE_ENV });
    cleanups.push(() => daemon.stop());

    // Once the first checkpoint is written: room for the next epoch's predictions and half a checkpoint, no more.
    const first = (await journal.next((e) => e.event.type === 'checkpoint')).event;
    const checkpointPages = pages(first.path);
    const size = Math.ceil((used(output) + pages(path.join(output, 'predictions', 'test-epoch-001.jsonl')) + checkpointPages / 2) / PAGE) * PAGE;
    expect(mount(['-o', `remount,size=${size}`, output])).toBeNull();

    const deadline = Date.now() + 180_000;
    let run = await runOf(client, runId);
    while (!['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(run.status) && Date.now() < deadline) {
      await sleep(300);
      run = await runOf(client, runId);
    }
    await sleep(3_000); // a retry, were there one, would have started by now
    const later = await runOf(client, runId);
    const errors = journal.entries.filter((e) => e.event.type === 'error');
    const checkpoints = path.join(output, 'checkpoints');
    const left = fs.readdirSync(checkpoints).sort();
    const firstName = path.basename(first.path);
    const firstVerifies = checkpointVerifies(path.join(checkpoints, firstName)); // before the resume prunes it

    // --resume once there is space again, with the spec the daemon wrote.
    expect(mount(['-o', 'remount,size=64m', output])).toBeNull();
    const resumeStarted = Date.now();
    const resumed = spawnSync(PYTHON, ['-m', 'tunelab_engine', 'run', '--spec', path.join(workDir, 'runs', runId, 'spec-attempt-1.json'), '--resume'], {
      encoding: 'utf8',
      env: { ...process.env, ...ENGINE_ENV },
      timeout: 240_000,
    });
    const events = resumed.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line));
    const resumedFrom = events.find((e) => e.type === 'started')?.resumedFrom;

    recordFigure(
      'disk-full',
      `disk full at the second checkpoint (a ${Math.round(size / 1024)} KiB tmpfs as the run's output dir, checkpoints of ${Math.round(checkpointPages / 1024)} KiB): ` +
        `run ${run.status} with ${run.errorCode} at attempt ${later.attempt} (${errors.length} error event, no retry), newest checkpoint ${left.at(-1)} ${firstVerifies ? 'verifies' : 'DOES NOT VERIFY'}, ` +
        `${left.filter((name) => name.startsWith('.tmp')).length} partial left; --resume after freeing space: exit ${resumed.status}, ${events.at(-1)?.type} from step ${resumedFrom?.step} in ${((Date.now() - resumeStarted) / 1000).toFixed(0)} s (${((Date.now() - began) / 1000).toFixed(0)} s)`,
      { seconds: (Date.now() - began) / 1000, tmpfsBytes: size, checkpointPages, errorCode: run.errorCode, errorMessage: run.errorMessage, attempt: later.attempt, left, resumeExit: resumed.status, resumedFrom },
    );
    console.log(`the run's error: ${run.errorMessage}`);

    expect(run, daemon.output().slice(-3000)).toMatchObject({ status: 'FAILED', errorCode: 'DISK_FULL', attempt: 1, retries: [] });
    expect(later).toMatchObject({ status: 'FAILED', attempt: 1 });
    expect(enginePid(daemon)).toBeNull();
    expect(run.errorMessage).toContain(checkpoints);
    expect(run.errorMessage).toMatch(/about [\d.]+ [kMG]B needed, [\d.]+ (kB|MB|bytes) free/);
    expect(run.errorMessage).toContain(`the previous checkpoint, ${firstName}, is intact`);
    expect(errors.map((e) => e.event.code)).toEqual(['DISK_FULL']);
    expect(left).toEqual([firstName]); // no partial directory, and the newest is the previous checkpoint
    expect(firstVerifies).toBe(true);
    expect(resumed.status, resumed.stderr.slice(-3000)).toBe(0);
    expect(resumedFrom.step).toBe(reference.stepsPerEpoch);
    expect(events.at(-1).type).toBe('completed');
  });
});
