import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiProcess } from './kit/api-process';
import { ApiClient, subscribe } from './kit/client';
import { databaseLabel } from './kit/databases';
import { LOG_METRICS, RUN_EVENTS, STUDY_EVENTS } from './kit/documents';
import { seed } from './kit/seed';

const CREATE_TEAM = `mutation ($name: String!) { createTeam(name: $name) { team { id name } adminToken { id name secret } } }`;
const CREATE_TOKEN = `mutation ($name: String!) { createApiToken(name: $name) { id name secret } }`;
const REVOKE_TOKEN = `mutation ($id: ID!) { revokeApiToken(id: $id) { id revokedAt } }`;
const PROJECT = `query ($id: ID!) { project(id: $id) { id name } }`;
const RUN = `query ($id: ID!) { run(id: $id) { id } }`;
const STUDY = `query ($id: ID!) { study(id: $id) { id } }`;
const PROJECTS = `{ projects { id } }`;
const VIEWER = `{ viewer { tokenName siteAdmin team { name } } }`;

describe(`teams see only their own projects (${databaseLabel})`, () => {
  let api: ApiProcess;
  let teamA: ApiClient;
  let teamB: ApiClient;
  let anonymous: ApiClient;
  let seeded: Awaited<ReturnType<ReturnType<typeof seed>['study']>>;

  beforeAll(async () => {
    api = await startApi();
    teamA = new ApiClient(api.url, api.adminToken);
    anonymous = teamA.withToken(null);
    const created = await teamA.request(CREATE_TEAM, { name: 'team b' });
    teamB = teamA.withToken(created.createTeam.adminToken.secret);
    seeded = await seed(teamA).study({ seeds: [1] });
  });
  afterAll(() => api?.stop());

  it('the first start made a site-admin token of team "local", stored with owner-only permissions', async () => {
    const { viewer } = await teamA.request(VIEWER);
    expect(viewer).toEqual({ tokenName: 'local admin', siteAdmin: true, team: { name: 'local' } });
    const fs = await import('node:fs');
    expect(fs.statSync(`${api.dataDir}/admin-token`).mode & 0o777).toBe(0o600);
    expect(api.output()).toContain(api.adminToken);
  });

  it("answers NOT_FOUND for another team's project, study and run, and hides them from lists", async () => {
    for (const [query, id] of [
      [PROJECT, seeded.projectId],
      [STUDY, seeded.studyId],
      [RUN, seeded.runs[0].id],
    ] as const) {
      const error = await teamB.expectError(query, { id });
      expect(error.code).toBe('NOT_FOUND');
      expect(await teamA.request(query, { id })).toBeTruthy();
    }
    expect((await teamB.request(PROJECTS)).projects).toEqual([]);
    expect((await teamA.request(PROJECTS)).projects.map((p: { id: string }) => p.id)).toContain(seeded.projectId);
    const write = await teamB.expectError(LOG_METRICS, { runId: seeded.runs[0].id, points: [{ key: 'train/loss', step: 1, value: 1 }] });
    expect(write.code).toBe('NOT_FOUND');
  });

  it("refuses a subscription to another team's run or study", async () => {
    for (const [query, variables] of [
      [RUN_EVENTS, { runId: seeded.runs[0].id }],
      [STUDY_EVENTS, { studyId: seeded.studyId }],
    ] as const) {
      const subscription = subscribe(api.wsUrl, teamB.token, query, variables);
      await expect(subscription.until(() => false, 5_000)).rejects.toThrow(/NOT_FOUND/);
      await subscription.close();
    }
  });

  it('refuses requests and subscriptions without a valid token', async () => {
    expect((await anonymous.expectError(PROJECTS)).code).toBe('UNAUTHENTICATED');
    expect((await teamA.withToken('tlk_not-a-real-token').expectError(PROJECTS)).code).toBe('UNAUTHENTICATED');
    const subscription = subscribe(api.wsUrl, null, RUN_EVENTS, { runId: seeded.runs[0].id });
    await expect(subscription.until(() => false, 5_000)).rejects.toThrow(/UNAUTHENTICATED/);
    await subscription.close();
  });

  it('stops accepting a token once it is revoked; only the site admin creates teams', async () => {
    const token = (await teamA.request(CREATE_TOKEN, { name: 'ci' })).createApiToken;
    const ci = teamA.withToken(token.secret);
    expect((await ci.request(PROJECTS)).projects.length).toBeGreaterThan(0);
    expect((await ci.expectError(CREATE_TEAM, { name: 'sneaky' })).code).toBe('FORBIDDEN');
    await teamA.request(REVOKE_TOKEN, { id: token.id });
    const error = await ci.expectError(PROJECTS);
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.message).toMatch(/revoked/);
    expect((await teamB.expectError(REVOKE_TOKEN, { id: token.id })).code).toBe('NOT_FOUND');
  });
});
