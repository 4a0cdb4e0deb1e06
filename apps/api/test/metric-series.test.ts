import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiProcess } from './kit/api-process';
import { ApiClient, subscribe } from './kit/client';
import { databaseLabel } from './kit/databases';
import { LOG_METRIC_SERIES, LOG_METRICS, METRIC_HISTORY, RUN_EVENTS } from './kit/documents';
import { seed } from './kit/seed';

describe(`metric points in columns (logMetricSeries) (${databaseLabel})`, () => {
  let api: ApiProcess;
  let client: ApiClient;

  beforeAll(async () => {
    api = await startApi();
    client = new ApiClient(api.url, api.adminToken);
  });
  afterAll(() => api?.stop());

  it('stores the same points as logMetrics would, once, and streams them', async () => {
    const { runId } = await seed(client).runningRun();
    const events = subscribe(api.wsUrl, api.adminToken, RUN_EVENTS, { runId });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const series = [
      { key: 'train/loss', steps: [1, 2, 3], values: [0.9, 0.7, 0.6], epochs: [0, 0, 0] },
      { key: 'train/lr', steps: [1, 2, 3], values: [1e-5, 2e-5, 3e-5] },
    ];
    expect((await client.request(LOG_METRIC_SERIES, { runId, series })).logMetricSeries).toEqual({ accepted: 6, duplicates: 0 });
    expect((await client.request(LOG_METRIC_SERIES, { runId, series })).logMetricSeries).toEqual({ accepted: 0, duplicates: 6 });
    // The two forms share one store: a point sent as an object is a duplicate of the same point sent in columns.
    expect((await client.request(LOG_METRICS, { runId, points: [{ key: 'train/loss', step: 3, value: 0.6 }] })).logMetrics).toEqual({ accepted: 0, duplicates: 1 });
    const history = (await client.request(METRIC_HISTORY, { runId, keys: ['train/loss', 'train/lr'], maxPoints: 10 })).metricHistory;
    expect(history.map((s: { key: string; totalPoints: number }) => [s.key, s.totalPoints])).toEqual([
      ['train/loss', 3],
      ['train/lr', 3],
    ]);
    expect(history[0].buckets.map((b: { last: number }) => b.last)).toEqual([0.9, 0.7, 0.6]);
    const received = await events.until((all) => all.flatMap((e) => e.runEvents.points ?? []).length >= 6);
    expect(received.flatMap((e) => e.runEvents.points ?? [])).toHaveLength(6);
    await events.close();
  });

  it('names the column and the cell of a bad value, and stores nothing of the batch', async () => {
    const { runId } = await seed(client).runningRun();
    const ragged = await client.expectError(LOG_METRIC_SERIES, { runId, series: [{ key: 'train/loss', steps: [1, 2], values: [0.5] }] });
    expect(ragged.code).toBe('BAD_USER_INPUT');
    expect(ragged.errors[0].extensions?.field).toBe('series[0].values');
    const badStep = await client.expectError(LOG_METRIC_SERIES, { runId, series: [{ key: 'train/loss', steps: [1, -2], values: [0.5, 0.4] }] });
    expect(badStep.errors[0].extensions?.field).toBe('series[0].steps[1]');
    const [loss] = (await client.request(METRIC_HISTORY, { runId, keys: ['train/loss'], maxPoints: 10 })).metricHistory;
    expect(loss.totalPoints).toBe(0);
  });
});
