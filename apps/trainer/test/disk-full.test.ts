import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient, eventually, range, runOf, seedStudy, startTestApi, startTrainer, storedSteps } from './kit';

const FULL_DISK_ENGINE = path.resolve(__dirname, 'fixtures/full-disk-engine.mjs');

/** The daemon's side of a full disk (the engine's is tests/test_disk_full.py; both together in test/faults). */
describe('a full disk', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('fails the run with DISK_FULL and the engine message, once, keeping what was logged before', async () => {
    const api = await startTestApi();
    cleanups.push(() => api.stop());
    const client = new ApiClient(api.url, api.adminToken);
    const { runIds: [runId] } = await seedStudy(client, api.dataDir, { trainRows: 64, epochs: 2 });
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tunelab-disk-full-'));
    const daemon = startTrainer(api, { engine: FULL_DISK_ENGINE, workDir });
    cleanups.push(() => daemon.stop());
    const run = await eventually(async () => {
      const current = await runOf(client, runId);
      return current.status === 'FAILED' && current;
    }, { what: 'the run to fail' });
    const checkpoints = path.join(workDir, 'runs', runId, 'output', 'checkpoints');
    expect(run).toMatchObject({ errorCode: 'DISK_FULL', attempt: 1, retries: [] });
    expect(run.errorMessage).toContain(`no space left on the disk of ${checkpoints}`);
    expect(run.errorMessage).toContain('the previous checkpoint, ckpt-s00000004-e0001-b000000, is intact');
    expect(run.checkpoints).toEqual([{ epoch: 1, step: 4 }]);
    expect(await storedSteps(client, runId, 'train/loss')).toEqual(range(1, 8));
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // a retry would have started by now
    expect(fs.readFileSync(path.join(workDir, 'runs', runId, 'output', 'starts'), 'utf8')).toBe('x');
    expect((await runOf(client, runId)).status).toBe('FAILED');
  });
});
