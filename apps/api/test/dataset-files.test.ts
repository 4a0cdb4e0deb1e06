import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiProcess } from './kit/api-process';
import { ApiClient } from './kit/client';
import { databaseLabel } from './kit/databases';

const CREATE_TEAM = `mutation { createTeam(name: "other team") { adminToken { secret } } }`;

describe(`split files over HTTP for remote trainers (${databaseLabel})`, () => {
  let api: ApiProcess;
  let client: ApiClient;
  let datasetId: string;
  let base: string;

  beforeAll(async () => {
    api = await startApi();
    client = new ApiClient(api.url, api.adminToken);
    base = api.url.replace(/\/graphql$/, '');
    const fingerprint = 'a'.repeat(64);
    fs.mkdirSync(path.join(api.dataDir, 'datasets', fingerprint), { recursive: true });
    fs.writeFileSync(path.join(api.dataDir, 'datasets', fingerprint, 'train.jsonl'), '{"id":"1","text":"хорошо","label":1}\n');
    const { createProject } = await client.request(`mutation { createProject(input: { name: "files" }) { id } }`);
    const { createDataset } = await client.request(`mutation ($input: CreateDatasetInput!) { createDataset(input: $input) { id } }`, {
      input: { projectId: createProject.id, name: 'reviews', source: 'reviews.jsonl', fingerprint },
    });
    datasetId = createDataset.id;
  });
  afterAll(() => api?.stop());

  const get = (file: string, token: string | null) => fetch(`${base}/datasets/${datasetId}/splits/${file}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it("serves a dataset's split file to its team", async () => {
    const response = await get('train.jsonl', api.adminToken);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('{"id":"1","text":"хорошо","label":1}\n');
  });

  it('refuses without a token, hides other teams, and names the missing split', async () => {
    expect((await get('train.jsonl', null)).status).toBe(401);
    const other = (await client.request(CREATE_TEAM)).createTeam.adminToken.secret;
    expect((await get('train.jsonl', other)).status).toBe(404);
    const missing = await get('validation.jsonl', api.adminToken);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toMatch(/no validation split/);
    expect((await get('../../admin-token', api.adminToken)).status).toBe(404);
  });
});
