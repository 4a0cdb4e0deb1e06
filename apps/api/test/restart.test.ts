import { describe, expect, it } from 'vitest';
import { startApi } from './kit/api-process';
import { ApiClient } from './kit/client';
import { databaseLabel } from './kit/databases';
import { LOG_METRICS, METRIC_HISTORY } from './kit/documents';
import { points, seed } from './kit/seed';

describe(`a restart keeps everything (${databaseLabel})`, () => {
  it('keeps projects, runs and metric points, and does not mint a new admin token', async () => {
    const first = await startApi();
    const client = new ApiClient(first.url, first.adminToken);
    const { runId } = await seed(client).runningRun();
    await client.request(LOG_METRICS, { runId, points: points('train/loss', 100, (step) => 1 / step) });
    await first.stop();

    const second = await startApi({ dataDir: first.dataDir, databaseUrl: first.databaseUrl });
    try {
      expect(second.adminToken).toBe(first.adminToken);
      expect(second.output()).not.toContain('first start');
      const again = new ApiClient(second.url, second.adminToken);
      const [series] = (await again.request(METRIC_HISTORY, { runId, keys: ['train/loss'], maxPoints: 1000 })).metricHistory;
      expect(series.totalPoints).toBe(100);
      expect(series.buckets).toHaveLength(100);
      const replay = await again.request(LOG_METRICS, { runId, points: points('train/loss', 100, (step) => 1 / step) });
      expect(replay.logMetrics).toEqual({ accepted: 0, duplicates: 100 });
    } finally {
      await second.stop();
    }
  });
});
