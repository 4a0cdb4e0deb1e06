import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiProcess } from './kit/api-process';
import { ApiClient } from './kit/client';
import { databaseLabel } from './kit/databases';
import { CLAIM_RUN, HEARTBEAT, RUN_FIELDS } from './kit/documents';
import { seed } from './kit/seed';

const RUN = `query ($id: ID!) { run(id: $id) { ${RUN_FIELDS} worker { id } } }`;
const LEASE_SECONDS = 2;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(`runs whose worker vanished go back to the queue (${databaseLabel})`, () => {
  let api: ApiProcess;
  let client: ApiClient;

  beforeAll(async () => {
    api = await startApi({ env: { TUNELAB_LEASE_SECONDS: String(LEASE_SECONDS) } });
    client = new ApiClient(api.url, api.adminToken);
  });
  afterAll(() => api?.stop());

  it('requeues a RUNNING run a lease after its lease ran out, keeps a heartbeating one, and the next claim resumes it', async () => {
    const silent = await seed(client).runningRun();
    const alive = await seed(client).runningRun();
    // Bounded: the sweep runs each lease period once two have passed since start, for leases a lease overdue.
    let status = 'RUNNING';
    for (let waited = 0; waited < 15_000 && status !== 'QUEUED'; waited += 500) {
      await client.request(HEARTBEAT, { workerId: alive.workerId, runId: alive.runId });
      await sleep(500);
      status = (await client.request(RUN, { id: silent.runId })).run.status;
    }
    const requeued = (await client.request(RUN, { id: silent.runId })).run;
    expect(requeued).toMatchObject({ status: 'QUEUED', attempt: 1, leaseExpiresAt: null, worker: null });
    expect(api.output()).toContain(`run ${silent.runId}: lease expired with no heartbeat`);
    expect((await client.request(RUN, { id: alive.runId })).run.status).toBe('RUNNING');

    const next = await seed(client).worker();
    const claim = (await client.request(CLAIM_RUN, { workerId: next })).claimRun;
    expect(claim).toMatchObject({ attempt: 2, run: { id: silent.runId, status: 'CLAIMED' } });
    // The vanished worker comes back: the run is no longer its own.
    expect((await client.expectError(HEARTBEAT, { workerId: silent.workerId, runId: silent.runId })).code).toBe('CONFLICT');
  }, 30_000);
});
