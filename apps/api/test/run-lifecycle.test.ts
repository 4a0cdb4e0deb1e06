import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiProcess } from './kit/api-process';
import { ApiClient, subscribe } from './kit/client';
import { databaseLabel } from './kit/databases';
import { CANCEL_RUN, CLAIM_RUN, COMPLETE_RUN, FAIL_RUN, HEARTBEAT, RELEASE_RUN, REPORT_PROGRESS, RETRY_RUN, RUN_EVENTS, RUN_FIELDS, START_RUN } from './kit/documents';
import { seed } from './kit/seed';

const RUN = `query ($id: ID!) { run(id: $id) { ${RUN_FIELDS} } }`;

describe(`run lifecycle: leases, cancellation, failures (${databaseLabel})`, () => {
  let api: ApiProcess;
  let client: ApiClient;

  beforeAll(async () => {
    api = await startApi();
    client = new ApiClient(api.url, api.adminToken);
  });
  afterAll(() => api?.stop());

  it('extends the lease on heartbeat and tells the worker when its run is cancelled', async () => {
    const { workerId, runId } = await seed(client).runningRun();
    const first = (await client.request(RUN, { id: runId })).run.leaseExpiresAt;
    await new Promise((resolve) => setTimeout(resolve, 20));
    const beat = (await client.request(HEARTBEAT, { workerId, runId })).heartbeat;
    expect(beat.cancelRequested).toBe(false);
    expect(new Date(beat.leaseExpiresAt).getTime()).toBeGreaterThan(new Date(first).getTime());

    expect((await client.request(CANCEL_RUN, { runId })).cancelRun.status).toBe('CANCELLED');
    expect((await client.request(HEARTBEAT, { workerId, runId })).heartbeat.cancelRequested).toBe(true);
    const late = await client.expectError(COMPLETE_RUN, { runId, workerId, input: { finalMetrics: { 'eval/f1_macro': 0.9 }, trainSeconds: 1 } });
    expect(late.code).toBe('CONFLICT');
    expect(late.message).toMatch(/cancelled/);
    const run = (await client.request(RUN, { id: runId })).run;
    expect(run).toMatchObject({ status: 'CANCELLED', finalMetrics: null, errorCode: 'CANCELLED' });
  });

  it('cancels a queued run so no worker claims it', async () => {
    const { runs } = await seed(client).study({ methods: [{ method: 'lora', baseModel: 'm' }], seeds: [3] });
    await client.request(CANCEL_RUN, { runId: runs[0].id });
    const workerId = await seed(client).worker();
    expect((await client.request(CLAIM_RUN, { workerId })).claimRun).toBeNull();
  });

  it('refuses reports from a worker that does not hold the run, and keeps finished runs immutable', async () => {
    const { workerId, runId } = await seed(client).runningRun();
    const stranger = await seed(client).worker();
    expect((await client.expectError(HEARTBEAT, { workerId: stranger, runId })).code).toBe('CONFLICT');
    expect((await client.expectError(FAIL_RUN, { runId, workerId: stranger, input: { code: 'OOM', message: 'x' } })).code).toBe('CONFLICT');

    const failed = await client.request(FAIL_RUN, { runId, workerId, input: { code: 'OOM', message: 'CUDA out of memory at batch 32' } });
    expect(failed.failRun).toMatchObject({ status: 'FAILED', errorCode: 'OOM' });
    // A replayed report is harmless; a contradicting one is refused.
    expect((await client.request(FAIL_RUN, { runId, workerId, input: { code: 'OOM', message: 'again' } })).failRun.status).toBe('FAILED');
    const change = await client.expectError(COMPLETE_RUN, { runId, workerId, input: { finalMetrics: {}, trainSeconds: 1 } });
    expect(change.code).toBe('CONFLICT');
    expect((await client.expectError(CANCEL_RUN, { runId })).code).toBe('CONFLICT');
  });

  it('validates what a worker reports', async () => {
    const { workerId, runId } = await seed(client).runningRun();
    const error = await client.expectError(COMPLETE_RUN, {
      runId,
      workerId,
      input: { finalMetrics: { 'eval/f1_macro': 'high', 'Bad Key': 1 }, trainSeconds: -1, trainableParameters: 10, totalParameters: 5 },
    });
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.errors[0].extensions?.issues?.map((issue) => issue.field)).toEqual(
      expect.arrayContaining(['input.finalMetrics.eval/f1_macro', 'input.finalMetrics.Bad Key', 'input.trainSeconds', 'input.trainableParameters']),
    );
    expect((await client.request(RUN, { id: runId })).run.status).toBe('RUNNING');
    const badStart = await client.expectError(START_RUN, { runId, workerId, input: { trainableParameters: -1, totalParameters: 1 } });
    expect(badStart.code).toBe('BAD_USER_INPUT');
  });

  it('streams progress, records a retry with a smaller batch, and hands a released run to the next worker', async () => {
    const { workerId, runId } = await seed(client).runningRun();
    const events = subscribe(api.wsUrl, api.adminToken, RUN_EVENTS, { runId });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const progress = await client.request(REPORT_PROGRESS, { runId, workerId, input: { step: 40, totalSteps: 300, epoch: 0.4, samplesPerSecond: 12.5, etaSeconds: 260 } });
    expect(progress.reportProgress.progress).toEqual({ step: 40, totalSteps: 300, epoch: 0.4, etaSeconds: 260 });
    await events.until((all) => all.some((e) => e.runEvents.kind === 'PROGRESS'));
    await events.close();

    const retried = (await client.request(RETRY_RUN, { runId, workerId, input: { code: 'OOM', reason: 'CUDA out of memory at batch 16', batchSize: 8, gradientAccumulationSteps: 2 } })).retryRun;
    expect(retried).toMatchObject({ attempt: 2, status: 'RUNNING', effectiveHyperparameters: { batchSize: 8, gradientAccumulationSteps: 2 }, hyperparameters: { batchSize: 16 } });
    expect(retried.retries).toEqual([{ attempt: 2, code: 'OOM', reason: 'CUDA out of memory at batch 16', batchSize: 8, gradientAccumulationSteps: 2 }]);
    expect((await client.expectError(RETRY_RUN, { runId, workerId, input: { code: 'OOM', reason: 'x', batchSize: 0 } })).code).toBe('BAD_USER_INPUT');

    const released = (await client.request(RELEASE_RUN, { runId, workerId })).releaseRun;
    expect(released).toEqual({ id: runId, status: 'QUEUED', attempt: 2, progress: null });
    expect((await client.expectError(HEARTBEAT, { workerId, runId })).code).toBe('CONFLICT');
    const next = await seed(client).worker();
    const claim = (await client.request(CLAIM_RUN, { workerId: next })).claimRun;
    expect(claim.run.id).toBe(runId);
    expect(claim.attempt).toBe(3);
  });
});
