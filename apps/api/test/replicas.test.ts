import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiProcess, startApi } from './kit/api-process';
import { ApiClient, subscribe } from './kit/client';
import { databaseLabel } from './kit/databases';
import { COMPLETE_RUN, LOG_METRIC_SERIES, REPORT_PROGRESS, RUN_EVENTS, STUDY_EVENTS } from './kit/documents';
import { type RedisProcess, startRedis } from './kit/redis';
import { seed } from './kit/seed';

describe(`two API replicas sharing live events through Redis (${databaseLabel})`, () => {
  let redis: RedisProcess;
  let a: ApiProcess;
  let b: ApiProcess;
  let clientB: ApiClient;

  beforeAll(async () => {
    redis = await startRedis();
    a = await startApi({ env: { REDIS_URL: redis.url } });
    // Replica B: the same database (and data dir), another process and port.
    b = await startApi({ dataDir: a.dataDir, databaseUrl: a.databaseUrl, env: { REDIS_URL: redis.url } });
    clientB = new ApiClient(b.url, a.adminToken);
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await redis?.stop();
  });

  it('delivers to a subscriber on replica A the points, progress and results ingested on replica B, in order', async () => {
    const { workerId, runId, studyId } = await seed(clientB).runningRun();
    const runEvents = subscribe(a.wsUrl, a.adminToken, RUN_EVENTS, { runId });
    const studyEvents = subscribe(a.wsUrl, a.adminToken, STUDY_EVENTS, { studyId });
    await new Promise((resolve) => setTimeout(resolve, 300));

    for (let batch = 0; batch < 5; batch++) {
      const steps = Array.from({ length: 100 }, (_, i) => batch * 100 + i + 1);
      await clientB.request(LOG_METRIC_SERIES, { runId, series: [{ key: 'train/loss', steps, values: steps.map((step) => 1 / step) }] });
    }
    await clientB.request(REPORT_PROGRESS, { runId, workerId, input: { step: 500, totalSteps: 1000, epoch: 1.5, samplesPerSecond: 40 } });
    await clientB.request(COMPLETE_RUN, { runId, workerId, input: { finalMetrics: { 'eval/f1_macro': 0.91 }, trainSeconds: 12 } });

    const received = await runEvents.until((all) => all.some((event) => event.runEvents.kind === 'STATUS' && event.runEvents.status === 'SUCCEEDED'));
    const steps = received.filter((event) => event.runEvents.kind === 'METRICS').flatMap((event) => event.runEvents.points.map((point: { step: number }) => point.step));
    expect(steps).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    const kinds = received.map((event) => event.runEvents.kind).filter((kind, i, all) => kind !== all[i - 1]);
    expect(kinds).toEqual(['METRICS', 'PROGRESS', 'STATUS']);
    const final = await studyEvents.until((all) => all.some((event) => event.studyEvents.run.status === 'SUCCEEDED'));
    expect(final.at(-1)!.studyEvents.run.finalMetrics).toEqual({ 'eval/f1_macro': 0.91 });
    await runEvents.close();
    await studyEvents.close();
  });
});
