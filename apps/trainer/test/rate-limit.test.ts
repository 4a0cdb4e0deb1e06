import { afterAll, describe, expect, it } from 'vitest';
import { type ApiProcess, startApi } from '../../api/test/kit/api-process';
import { ApiClient, eventually, range, runOf, seedStudy, startTrainer, storedSteps, type TrainerProcess } from './kit';

/**
 * A daemon whose token is over the API's rate limit (HTTP 429, RATE_LIMITED) waits Retry-After and sends the
 * same request again: the run still succeeds with every step stored once.
 */
describe('the trainer daemon under a tight rate limit', () => {
  let api: ApiProcess | null = null;
  let daemon: TrainerProcess | null = null;
  afterAll(async () => {
    await daemon?.stop();
    await api?.stop();
  });

  it('waits out 429 answers and loses no point', async () => {
    // 3 requests a second, 5 at once: the daemon polls for work 5 times a second and beats once a second.
    api = await startApi({ env: { TUNELAB_RATE_LIMIT: '180', TUNELAB_RATE_LIMIT_BURST: '5', TUNELAB_LEASE_SECONDS: '60' } });
    const admin = new ApiClient(api.url, api.adminToken);
    const { createApiToken } = await admin.request<{ createApiToken: { secret: string } }>(`mutation { createApiToken(name: "gpu-01") { secret } }`);
    daemon = startTrainer({ url: api.url, adminToken: createApiToken.secret }, { env: { FAKE_ENGINE_STEP_MS: '20' } });
    await eventually(async () => /rate limiting this token \(HTTP 429/.test(daemon!.output()), { what: 'the idle daemon to be rate limited', timeoutMs: 30_000 });

    const { runIds: [runId] } = await seedStudy(admin, api.dataDir, { trainRows: 64, epochs: 2 });
    const run = await eventually(
      async () => {
        const current = await runOf(admin, runId);
        return current.status === 'SUCCEEDED' && current;
      },
      { what: 'the run to succeed under the rate limit', timeoutMs: 120_000, intervalMs: 1000 },
    );
    expect(run.attempt).toBe(1);
    expect(run.checkpoints.map((checkpoint: { epoch: number }) => checkpoint.epoch)).toEqual([1, 2]);
    expect(await storedSteps(admin, runId, 'train/loss')).toEqual(range(1, 8));
    expect(await storedSteps(admin, runId, 'eval/f1_macro')).toEqual([4, 8]);
    expect(daemon.output()).toMatch(/retrying in 1 s/);
  });
});
