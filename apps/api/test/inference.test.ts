import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiProcess, startApi } from './kit/api-process';
import { ApiClient } from './kit/client';
import { databaseLabel } from './kit/databases';
import { seed } from './kit/seed';

const FIXTURE = path.join(__dirname, 'fixtures', 'tiny-classifier');
const FILES = ['model.onnx', 'tokenizer.json', 'model.json'];
const PREDICT = `query ($runId: ID!, $texts: [String!]!) { predict(runId: $runId, texts: $texts) { label labelName probabilities tokens truncated } }`;
const MODEL = `query ($id: ID!) { run(id: $id) { model { bytes maxLength numLabels files { name bytes sha256 } } } }`;

interface Expected {
  text: string;
  prediction: number;
  probabilities: number[];
}

describe(`predictions with a run's ONNX export (${databaseLabel})`, () => {
  let api: ApiProcess;
  let client: ApiClient;
  let base: string;
  let runId: string;
  const expected = JSON.parse(fs.readFileSync(path.join(FIXTURE, 'expected.json'), 'utf8')) as Expected[];

  const upload = (id: string, file: string, body: Buffer, options: { token?: string | null; sha256?: string } = {}) =>
    fetch(`${base}/runs/${id}/model/${file}`, {
      method: 'PUT',
      body,
      headers: {
        ...(options.token === null ? {} : { authorization: `Bearer ${options.token ?? api.adminToken}` }),
        'x-content-sha256': options.sha256 ?? createHash('sha256').update(body).digest('hex'),
        'content-type': 'application/octet-stream',
      },
    });

  beforeAll(async () => {
    api = await startApi();
    client = new ApiClient(api.url, api.adminToken);
    base = api.url.replace(/\/graphql$/, '');
    runId = (await seed(client).runningRun()).runId;
  });
  afterAll(() => api?.stop());

  it('says why a run without an uploaded model cannot predict', async () => {
    const error = await client.expectError(PREDICT, { runId, texts: ['хороший фильм'] });
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/has no exported model to predict with: it is RUNNING/);
    expect((await client.request(MODEL, { id: runId })).run.model).toBeNull();
  });

  it('stores uploaded files only when their SHA-256 matches, for the run\'s own team', async () => {
    const model = fs.readFileSync(path.join(FIXTURE, 'model.onnx'));
    expect((await upload(runId, 'model.onnx', model, { token: null })).status).toBe(401);
    const damaged = await upload(runId, 'model.onnx', model, { sha256: 'a'.repeat(64) });
    expect(damaged.status).toBe(400);
    expect(await damaged.text()).toMatch(/the upload was damaged/);
    expect((await upload(runId, 'weights.bin', model)).status).toBe(404);
    expect((await upload('no-such-run', 'model.onnx', model)).status).toBe(404);
    const { runId: queued } = { runId: (await seed(client).study({ methods: [{ method: 'lora', baseModel: 'm' }], seeds: [1] })).runs[0].id };
    expect((await upload(queued, 'model.onnx', model)).status).toBe(409);

    for (const file of FILES) {
      const response = await upload(runId, file, fs.readFileSync(path.join(FIXTURE, file)));
      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject({ name: file, bytes: fs.statSync(path.join(FIXTURE, file)).size });
    }
    const { model: stored } = (await client.request(MODEL, { id: runId })).run;
    expect(stored).toMatchObject({ bytes: model.length, maxLength: 64, numLabels: 2 });
    expect(stored.files.map((file: { name: string }) => file.name)).toEqual(FILES);
  });

  it("agrees with the engine's own predictions on every test review", async () => {
    const { predict } = await client.request(PREDICT, { runId, texts: expected.map((row) => row.text) });
    expect(predict).toHaveLength(expected.length);
    predict.forEach((result: { label: number; probabilities: number[]; labelName: string }, i: number) => {
      expect(result.label).toBe(expected[i].prediction);
      expect(result.labelName).toBe(result.label === 1 ? 'positive' : 'negative');
      result.probabilities.forEach((p, k) => expect(Math.abs(p - expected[i].probabilities[k])).toBeLessThan(1e-5));
    });
  });

  it('cuts a long text at the max length and says so', async () => {
    const { predict } = await client.request(PREDICT, { runId, texts: [Array(150).fill('фильм хороший').join(' ')] });
    expect(predict[0]).toMatchObject({ tokens: 64, truncated: true });
  });

  it('refuses bad input with the field and the fix', async () => {
    const field = async (texts: string[]) => (await client.expectError(PREDICT, { runId, texts })).errors[0].extensions?.issues?.[0];
    expect(await field([])).toMatchObject({ field: 'texts', message: expect.stringMatching(/at least one/) });
    expect(await field(['ok', '  '])).toMatchObject({ field: 'texts[1]' });
    expect(await field(Array(257).fill('фильм'))).toMatchObject({ field: 'texts', message: expect.stringMatching(/at most 256/) });
    expect(await field(['x'.repeat(64 * 50 + 1)])).toMatchObject({ field: 'texts[0]', message: expect.stringMatching(/reads 64 tokens/) });
  });
});
