import { afterAll, describe, expect, it } from 'vitest';
import { databaseLabel } from '../../api/test/kit/databases';
import { ApiClient, eventually, range, runOf, seedStudy, startTestApi, startTrainer, storedSteps, type TrainerProcess } from './kit';

/**
 * Several trainer daemons on one queue (issue 10): every run is claimed and executed by exactly one of them.
 * `npm test` runs this file on SQLite and again on PostgreSQL, where claims use FOR UPDATE SKIP LOCKED.
 */
describe(`four trainer daemons, twenty runs (${databaseLabel})`, () => {
  const daemons: TrainerProcess[] = [];
  let stopApi: (() => Promise<void>) | null = null;
  afterAll(async () => {
    await Promise.all(daemons.map((daemon) => daemon.stop()));
    await stopApi?.();
  });

  it('executes each run exactly once, spread over the daemons', async () => {
    const api = await startTestApi();
    stopApi = () => api.stop();
    const client = new ApiClient(api.url, api.adminToken);
    const { runIds } = await seedStudy(client, api.dataDir, { seeds: range(1, 10), methods: [{ method: 'full', baseModel: 'tiny-bert', hyperparameters: { epochs: 2, batchSize: 16 } }, { method: 'lora', baseModel: 'tiny-bert', hyperparameters: { epochs: 2, batchSize: 16 } }] });
    expect(runIds).toHaveLength(20);
    for (let n = 1; n <= 4; n++) daemons.push(startTrainer(api, { name: `scale-${n}-${process.pid}` }));

    await eventually(async () => {
      const runs = await Promise.all(runIds.map((id) => runOf(client, id)));
      const failed = runs.find((run) => run.status === 'FAILED');
      if (failed) throw new Error(`run ${failed.id} failed: ${failed.errorCode} ${failed.errorMessage}`);
      return runs.every((run) => run.status === 'SUCCEEDED');
    }, { what: 'all 20 runs to succeed', timeoutMs: 180_000, intervalMs: 500 });

    const claims = daemons.map((daemon) => [...daemon.output().matchAll(/claimed run (\S+) /g)].map((match) => match[1]));
    const claimed = claims.flat().sort();
    expect(claimed).toEqual([...runIds].sort());
    expect(claims.filter((list) => list.length > 0).length).toBeGreaterThanOrEqual(2);
    for (const runId of runIds) {
      const run = await runOf(client, runId);
      expect(run.attempt).toBe(1);
      // Every step stored once: no run was trained twice.
      expect(await storedSteps(client, runId, 'train/loss')).toEqual(range(1, 8));
    }
  }, 240_000);
});
