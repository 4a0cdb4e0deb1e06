import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiProcess, startApi } from './kit/api-process';
import { ApiClient } from './kit/client';
import { databaseLabel } from './kit/databases';
import { CLAIM_RUN } from './kit/documents';
import { seed } from './kit/seed';

describe(`many workers claiming at once (${databaseLabel})`, () => {
  let api: ApiProcess;
  let client: ApiClient;

  beforeAll(async () => {
    api = await startApi();
    client = new ApiClient(api.url, api.adminToken);
  });
  afterAll(() => api?.stop());

  it('hands each of 20 queued runs to exactly one of 4 workers claiming concurrently', async () => {
    const seeds = Array.from({ length: 10 }, (_, i) => i + 1);
    const { runs } = await seed(client).study({ methods: [{ method: 'full', baseModel: 'm' }, { method: 'lora', baseModel: 'm' }], seeds });
    expect(runs).toHaveLength(20);
    const workers = await Promise.all([1, 2, 3, 4].map((n) => seed(client).worker(`claimer ${n} ${process.pid}`)));
    const claimedBy = new Map<string, string[]>();
    // Every worker keeps claiming until the queue is empty; all four requests of a round are in flight together.
    for (let round = 0; round < 30; round++) {
      const claims = await Promise.all(workers.map((workerId) => client.request(CLAIM_RUN, { workerId }).then((data) => ({ workerId, run: data.claimRun?.run }))));
      const won = claims.filter((claim) => claim.run);
      for (const { workerId, run } of won) claimedBy.set(run.id, [...(claimedBy.get(run.id) ?? []), workerId]);
      if (!won.length) break;
    }
    expect([...claimedBy.keys()].sort()).toEqual(runs.map((run: { id: string }) => run.id).sort());
    expect([...claimedBy.values()].every((owners) => owners.length === 1)).toBe(true);
    // Work was spread: no worker took everything.
    const perWorker = workers.map((workerId) => [...claimedBy.values()].filter((owners) => owners[0] === workerId).length);
    expect(Math.max(...perWorker)).toBeLessThan(20);
  });
});
