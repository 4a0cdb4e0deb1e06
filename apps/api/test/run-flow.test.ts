import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiProcess } from './kit/api-process';
import { ApiClient, subscribe } from './kit/client';
import { databaseLabel } from './kit/databases';
import { CLAIM_RUN, COMPLETE_RUN, LEADERBOARD, LOG_METRICS, METRIC_HISTORY, RECORD_CHECKPOINT, RUN_EVENTS, START_RUN, STUDY_EVENTS } from './kit/documents';
import { points, seed } from './kit/seed';

describe(`a study from creation to leaderboard (${databaseLabel})`, () => {
  let api: ApiProcess;
  let client: ApiClient;

  beforeAll(async () => {
    api = await startApi();
    client = new ApiClient(api.url, api.adminToken);
  });
  afterAll(() => api?.stop());

  it('queues methods x seeds, hands each run to exactly one of two racing workers, streams, completes and ranks', async () => {
    const study = await seed(client).study({ seeds: [1, 2] });
    expect(study.runs).toHaveLength(6);
    expect(study.runs.every((run) => run.status === 'QUEUED')).toBe(true);
    expect(study.runs.map((run) => `${run.method}/${run.seed}`)).toEqual(['full/1', 'full/2', 'lora/1', 'lora/2', 'mamba/1', 'mamba/2']);

    // Two workers race for the queue; every run goes to exactly one of them.
    const workers = [await seed(client).worker('worker-a'), await seed(client).worker('worker-b')];
    const claimed = new Map<string, string>();
    const claimUntilEmpty = async (workerId: string) => {
      for (let i = 0; i < 20; i++) {
        const data = await client.request(CLAIM_RUN, { workerId });
        if (!data.claimRun) return;
        expect(claimed.has(data.claimRun.run.id)).toBe(false);
        claimed.set(data.claimRun.run.id, workerId);
        expect(data.claimRun.attempt).toBe(1);
      }
    };
    await Promise.all(workers.map(claimUntilEmpty));
    expect([...claimed.keys()].sort()).toEqual(study.runs.map((run) => run.id).sort());

    const runId = study.runs[0].id;
    const workerId = claimed.get(runId)!;
    const runEvents = subscribe(api.wsUrl, api.adminToken, RUN_EVENTS, { runId });
    const studyEvents = subscribe(api.wsUrl, api.adminToken, STUDY_EVENTS, { studyId: study.studyId });
    // graphql-ws subscribes asynchronously; a status event proves both subscriptions are live before we go on.
    await new Promise((resolve) => setTimeout(resolve, 300));

    await client.request(START_RUN, { runId, workerId, input: { trainableParameters: 178_000_000, totalParameters: 178_000_000, device: 'cpu' } });
    await runEvents.until((events) => events.some((e) => e.runEvents.kind === 'STATUS' && e.runEvents.status === 'RUNNING'));

    const batch = points('train/loss', 50, (step) => 1 / step);
    expect((await client.request(LOG_METRICS, { runId, points: batch })).logMetrics).toEqual({ accepted: 50, duplicates: 0 });
    expect((await client.request(LOG_METRICS, { runId, points: batch })).logMetrics).toEqual({ accepted: 0, duplicates: 50 });
    const metricEvents = await runEvents.until((events) => events.filter((e) => e.runEvents.kind === 'METRICS').flatMap((e) => e.runEvents.points).length >= 50);
    const received = metricEvents.filter((e) => e.runEvents.kind === 'METRICS').flatMap((e) => e.runEvents.points);
    expect(received).toHaveLength(50);
    expect(new Set(received.map((p: { step: number }) => p.step)).size).toBe(50);

    await client.request(RECORD_CHECKPOINT, { runId, input: { epoch: 1, step: 50, path: '/tmp/ckpt/epoch-1', bytes: 1234 } });
    await runEvents.until((events) => events.some((e) => e.runEvents.kind === 'CHECKPOINT'));

    // Finish every run with a distinct macro-F1; the leaderboard orders them best first.
    const scores = [0.81, 0.86, 0.84, 0.88, 0.79, 0.83];
    for (const [index, run] of study.runs.entries()) {
      const owner = claimed.get(run.id)!;
      if (run.id !== runId) await client.request(START_RUN, { runId: run.id, workerId: owner, input: { trainableParameters: 1, totalParameters: 2 } });
      await client.request(COMPLETE_RUN, {
        runId: run.id,
        workerId: owner,
        input: { finalMetrics: { 'eval/f1_macro': scores[index], 'eval/accuracy': scores[index] + 0.05 }, trainSeconds: 10 + index },
      });
    }
    await runEvents.until((events) => events.some((e) => e.runEvents.kind === 'STATUS' && e.runEvents.status === 'SUCCEEDED'));
    const studyUpdates = await studyEvents.until((events) => events.filter((e) => e.studyEvents.run.status === 'SUCCEEDED').length === 6);
    expect(studyUpdates.find((e) => e.studyEvents.run.id === runId && e.studyEvents.run.status === 'SUCCEEDED')!.studyEvents.run.finalMetrics).toEqual({
      'eval/f1_macro': 0.81,
      'eval/accuracy': 0.81 + 0.05,
    });

    const board = (await client.request(LEADERBOARD, { studyId: study.studyId })).leaderboard;
    expect(board.metric).toBe('eval/f1_macro');
    expect(board.direction).toBe('DESC');
    expect(board.rows.map((row: { value: number }) => row.value)).toEqual([...scores].sort((a, b) => b - a));
    expect(board.rows.map((row: { rank: number }) => row.rank)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(board.rows[0]).toMatchObject({ method: 'lora', seed: 2 });

    await runEvents.close();
    await studyEvents.close();
  });

  it('downsamples 100,000 points to at most maxPoints buckets that keep the global min and max', async () => {
    const { runId } = await seed(client).runningRun();
    const total = 100_000;
    // A noisy decreasing loss with one spike and one dip that a naive sampler would drop.
    const value = (step: number) => (step === 31_337 ? 50 : step === 77_777 ? -3 : 2 / Math.sqrt(step) + 0.01 * Math.sin(step));
    const all = points('train/loss', total, value);
    for (let start = 0; start < total; start += 10_000) {
      const data = await client.request(LOG_METRICS, { runId, points: all.slice(start, start + 10_000) });
      expect(data.logMetrics.accepted).toBe(10_000);
    }
    // A replayed batch changes nothing, the pre-aggregated history included.
    expect((await client.request(LOG_METRICS, { runId, points: all.slice(0, 10_000) })).logMetrics).toEqual({ accepted: 0, duplicates: 10_000 });
    const [series] = (await client.request(METRIC_HISTORY, { runId, keys: ['train/loss'], maxPoints: 500 })).metricHistory;
    expect(series.totalPoints).toBe(total);
    expect(series.buckets.length).toBeLessThanOrEqual(500);
    expect(series.buckets.length).toBeGreaterThan(450);
    expect(Math.max(...series.buckets.map((b: { max: number }) => b.max))).toBe(50);
    expect(Math.min(...series.buckets.map((b: { min: number }) => b.min))).toBe(-3);
    expect(series.buckets.reduce((sum: number, b: { count: number }) => sum + b.count, 0)).toBe(total);
    const lastBucket = series.buckets.at(-1);
    expect(lastBucket.lastStep).toBe(total);
    expect(lastBucket.last).toBeCloseTo(value(total), 10);
  });
});
