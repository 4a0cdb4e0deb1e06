import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiProcess } from './kit/api-process';
import { ApiClient } from './kit/client';
import { databaseLabel } from './kit/databases';
import { CREATE_PROJECT, CREATE_STUDY, LOG_METRICS } from './kit/documents';
import { seed, THREE_METHODS } from './kit/seed';

const COUNTS = `query ($projectId: ID!) { studies(projectId: $projectId) { id } } `;
const RUN_TOTAL = `{ runs(first: 200) { totalCount } }`;

describe(`bad input is refused with the field and the fix, and nothing is written (${databaseLabel})`, () => {
  let api: ApiProcess;
  let client: ApiClient;
  let projectId: string;
  let datasetId: string;

  beforeAll(async () => {
    api = await startApi();
    client = new ApiClient(api.url, api.adminToken);
    projectId = await seed(client).project();
    datasetId = await seed(client).dataset(projectId);
  });
  afterAll(() => api?.stop());

  const study = (overrides: Record<string, unknown>) => ({ input: { projectId, datasetId, name: 'study', methods: THREE_METHODS, seeds: [1], ...overrides } });

  it.each([
    ['a negative learning rate', { methods: [{ method: 'full', baseModel: 'm', hyperparameters: { learningRate: -0.1 } }] }, 'input.methods[0].hyperparameters.learningRate'],
    ['an unknown method', { methods: [{ method: 'qlora9000', baseModel: 'm' }] }, 'input.methods[0].method'],
    ['batch size 0', { methods: [{ method: 'lora', baseModel: 'm', hyperparameters: { batchSize: 0 } }] }, 'input.methods[0].hyperparameters.batchSize'],
    ['an empty name', { name: '   ' }, 'input.name'],
    ['an unknown dataset', { datasetId: '00000000-0000-0000-0000-000000000000' }, 'input.datasetId'],
    ['no seeds', { seeds: [] }, 'input.seeds'],
  ])('refuses %s', async (_label, overrides, field) => {
    const before = (await client.request(RUN_TOTAL)).runs.totalCount;
    const error = await client.expectError(CREATE_STUDY, study(overrides));
    expect(error.code, error.message).toBe('BAD_USER_INPUT');
    expect(error.errors[0].extensions?.field).toBe(field);
    expect(error.message).toContain(field);
    expect((await client.request(COUNTS, { projectId })).studies).toEqual([]);
    expect((await client.request(RUN_TOTAL)).runs.totalCount).toBe(before);
  });

  it('reports every problem of a request at once', async () => {
    const error = await client.expectError(
      CREATE_STUDY,
      study({ name: '', methods: [{ method: 'nope', baseModel: '' }, { method: 'full', baseModel: 'm', hyperparameters: { epochs: 0 } }] }),
    );
    const fields = error.errors[0].extensions?.issues?.map((issue) => issue.field);
    expect(fields).toEqual(expect.arrayContaining(['input.name', 'input.methods[0].method', 'input.methods[0].baseModel', 'input.methods[1].hyperparameters.epochs']));
  });

  it('refuses a duplicate project name with CONFLICT and keeps the first', async () => {
    await client.request(CREATE_PROJECT, { input: { name: 'unique name' } });
    const error = await client.expectError(CREATE_PROJECT, { input: { name: 'unique name' } });
    expect(error.code).toBe('CONFLICT');
  });

  it('refuses metric points with bad keys or values and stores none of the batch', async () => {
    const { runId } = await seed(client).runningRun();
    const error = await client.expectError(LOG_METRICS, {
      runId,
      points: [
        { key: 'train/loss', step: 1, value: 0.5 },
        { key: 'Train Loss', step: 2, value: 0.4 },
      ],
    });
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toContain('points[1].key');
    const again = await client.request(LOG_METRICS, { runId, points: [{ key: 'train/loss', step: 1, value: 0.5 }] });
    expect(again.logMetrics).toEqual({ accepted: 1, duplicates: 0 });
  });
});
