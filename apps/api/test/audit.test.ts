import { createHash } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiProcess, startApi } from './kit/api-process';
import { ApiClient } from './kit/client';
import { databaseLabel } from './kit/databases';
import { CANCEL_RUN, COMPLETE_RUN } from './kit/documents';
import { seed } from './kit/seed';

const AUDIT_LOG = `query ($limit: Int = 50, $before: String) { auditLog(limit: $limit, before: $before) {
  events { id action tokenId tokenName targetType targetId details createdAt } pageInfo { hasNextPage endCursor } } }`;
const CREATE_TEAM = `mutation ($name: String!) { createTeam(name: $name) { team { id name } adminToken { id name secret } } }`;
const CREATE_TOKEN = `mutation ($name: String!) { createApiToken(name: $name) { id name secret } }`;
const REVOKE_TOKEN = `mutation ($id: ID!) { revokeApiToken(id: $id) { id revokedAt } }`;
const API_TOKENS = `{ apiTokens { id name lastUsedAt } }`;
const VIEWER = `{ viewer { team { id } } }`;
const RECORD_ARTIFACT = `mutation ($runId: ID!, $input: ArtifactInput!) { recordArtifact(runId: $runId, input: $input) { id sha256 } }`;
const RECORD_PREDICTIONS = `mutation ($runId: ID!, $input: PredictionsInput!) { recordPredictions(runId: $runId, input: $input) { count } }`;
const RUN_STATUS = `query ($id: ID!) { run(id: $id) { status } }`;

interface AuditEventView {
  id: string;
  action: string;
  tokenId: string | null;
  tokenName: string;
  targetType: string;
  targetId: string | null;
  details: Record<string, unknown> | null;
  createdAt: string;
}

const sha256 = (body: Buffer | string) => createHash('sha256').update(body).digest('hex');

async function auditLog(client: ApiClient, variables: { limit?: number; before?: string } = {}) {
  return (await client.request(AUDIT_LOG, variables)).auditLog as { events: AuditEventView[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

/** Every event of the client's team, newest first, read page by page. */
async function allEvents(client: ApiClient, limit = 200): Promise<AuditEventView[]> {
  const events: AuditEventView[] = [];
  let before: string | undefined;
  for (;;) {
    const page = await auditLog(client, { limit, before });
    events.push(...page.events);
    if (!page.pageInfo.hasNextPage) return events;
    before = page.pageInfo.endCursor!;
  }
}

/** Makes the database refuse audit events of one action, to prove an action and its event share a transaction. */
async function refuseAuditEvents(api: ApiProcess, action: string): Promise<() => Promise<void>> {
  if (api.databaseUrl) {
    const client = new Client({ connectionString: api.databaseUrl });
    await client.connect();
    await client.query(`create function refuse_audit() returns trigger language plpgsql as $$ begin if new.action = '${action}' then raise exception 'audit store refused'; end if; return new; end $$`);
    await client.query('create trigger refuse_audit before insert on audit_event for each row execute function refuse_audit()');
    return async () => {
      await client.query('drop trigger refuse_audit on audit_event');
      await client.query('drop function refuse_audit()');
      await client.end();
    };
  }
  const db = new Database(path.join(api.dataDir, 'tunelab.sqlite'));
  db.pragma('busy_timeout = 5000');
  db.exec(`create trigger refuse_audit before insert on audit_event when new.action = '${action}' begin select raise(abort, 'audit store refused'); end`);
  return async () => {
    db.exec('drop trigger refuse_audit');
    db.close();
  };
}

describe(`the audit log (${databaseLabel})`, () => {
  let api: ApiProcess;
  let admin: ApiClient;
  let base: string;

  beforeAll(async () => {
    api = await startApi();
    admin = new ApiClient(api.url, api.adminToken);
    base = api.url.replace(/\/graphql$/, '');
  });
  afterAll(() => api?.stop());

  it('starts with the first start creating the local team, then the admin token being used', async () => {
    const events = await allEvents(admin);
    const oldest = events.at(-1)!;
    expect(oldest).toMatchObject({ action: 'team.created', tokenId: null, tokenName: 'first start', targetType: 'Team', details: { name: 'local', adminTokenName: 'local admin' } });
    expect(oldest.targetId).toBe((await admin.request(VIEWER)).viewer.team.id);
    expect(events.filter((event) => event.action === 'token.used')).toHaveLength(1);
  });

  it('records tokens created and revoked, by whom, once', async () => {
    const token = (await admin.request(CREATE_TOKEN, { name: 'ci runner' })).createApiToken;
    await admin.request(REVOKE_TOKEN, { id: token.id });
    await admin.request(REVOKE_TOKEN, { id: token.id }); // already revoked: nothing changes, nothing recorded
    const events = (await allEvents(admin)).filter((event) => event.targetId === token.id);
    expect(events.map((event) => event.action)).toEqual(['token.revoked', 'token.created']);
    for (const event of events) {
      expect(event).toMatchObject({ tokenName: 'local admin', targetType: 'ApiToken', details: { name: 'ci runner' } });
      expect(token.secret.startsWith(event.details!.prefix as string)).toBe(true);
    }
  });

  it('records token use at most once per token per hour, across a restart of the API', async () => {
    const token = (await admin.request(CREATE_TOKEN, { name: 'dashboard' })).createApiToken;
    const dashboard = admin.withToken(token.secret);
    for (let i = 0; i < 5; i++) await dashboard.request(VIEWER);
    const used = async () => (await allEvents(admin)).filter((event) => event.action === 'token.used' && event.tokenId === token.id);
    expect(await used()).toHaveLength(1);
    expect((await used())[0]).toMatchObject({ tokenName: 'dashboard', targetType: 'ApiToken', targetId: token.id });
    const lastUsedAt = (await admin.request(API_TOKENS)).apiTokens.find((t: { id: string }) => t.id === token.id).lastUsedAt;
    expect(lastUsedAt).toBeTruthy();

    // A fresh process forgets what it wrote; the database still knows the hour is not over.
    await api.stop();
    api = await startApi({ dataDir: api.dataDir, databaseUrl: api.databaseUrl });
    admin = new ApiClient(api.url, api.adminToken);
    base = api.url.replace(/\/graphql$/, '');
    await admin.withToken(token.secret).request(VIEWER);
    expect(await used()).toHaveLength(1);
  });

  it('records a team created in the site admin\'s log only; a team never sees another team\'s events', async () => {
    const created = (await admin.request(CREATE_TEAM, { name: 'audit team b' })).createTeam;
    const teamB = admin.withToken(created.adminToken.secret);
    const adminEvents = await allEvents(admin);
    expect(adminEvents.find((event) => event.action === 'team.created' && event.targetId === created.team.id)).toMatchObject({
      tokenName: 'local admin',
      details: { name: 'audit team b', adminTokenId: created.adminToken.id, adminTokenName: 'audit team b admin' },
    });
    await teamB.request(CREATE_TOKEN, { name: 'b ci' });
    const bEvents = await allEvents(teamB);
    expect(bEvents.map((event) => event.action).sort()).toEqual(['token.created', 'token.used']);
    const adminIds = new Set(adminEvents.map((event) => event.id));
    expect(bEvents.some((event) => adminIds.has(event.id))).toBe(false);
    expect((await allEvents(admin)).some((event) => event.tokenName === 'audit team b admin')).toBe(false);
    // A cursor of another team's log only positions the reader in its own log.
    const cursor = (await auditLog(admin, { limit: 1 })).pageInfo.endCursor!;
    const page = await auditLog(teamB, { before: cursor });
    expect(page.events.every((event) => !adminIds.has(event.id))).toBe(true);
  });

  it('records a cancelled run with its previous status, and nothing when the cancel is refused', async () => {
    const { runs } = await seed(admin).study({ methods: [{ method: 'full', baseModel: 'm' }], seeds: [1] });
    await admin.request(CANCEL_RUN, { runId: runs[0].id });
    await admin.request(CANCEL_RUN, { runId: runs[0].id }); // already cancelled: no second event
    const running = await seed(admin).runningRun();
    await admin.request(COMPLETE_RUN, { runId: running.runId, workerId: running.workerId, input: { finalMetrics: { 'eval/f1_macro': 0.9 }, trainSeconds: 1 } });
    expect((await admin.expectError(CANCEL_RUN, { runId: running.runId })).code).toBe('CONFLICT');
    const events = (await allEvents(admin)).filter((event) => event.action === 'run.cancelled');
    expect(events.filter((event) => event.targetId === runs[0].id)).toHaveLength(1);
    expect(events.find((event) => event.targetId === runs[0].id)).toMatchObject({ tokenName: 'local admin', targetType: 'Run', details: { from: 'QUEUED' } });
    expect(events.some((event) => event.targetId === running.runId)).toBe(false);
  });

  it('writes an action and its event in one transaction: when the event cannot be stored, the run is not cancelled', async () => {
    const { runs } = await seed(admin).study({ methods: [{ method: 'full', baseModel: 'm' }], seeds: [2] });
    const allow = await refuseAuditEvents(api, 'run.cancelled');
    try {
      const error = await admin.expectError(CANCEL_RUN, { runId: runs[0].id });
      expect(error.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await allow();
    }
    expect((await admin.request(RUN_STATUS, { id: runs[0].id })).run.status).toBe('QUEUED');
    expect((await allEvents(admin)).some((event) => event.targetId === runs[0].id)).toBe(false);
    await admin.request(CANCEL_RUN, { runId: runs[0].id });
    expect((await admin.request(RUN_STATUS, { id: runs[0].id })).run.status).toBe('CANCELLED');
  });

  it('records replaced artifacts, predictions and model files, not first writes or identical re-sends', async () => {
    const { runId } = await seed(admin).runningRun();
    const artifact = (sha: string) => admin.request(RECORD_ARTIFACT, { runId, input: { kind: 'onnx', path: 'export/model.onnx', sha256: sha, bytes: 10 } });
    const first = (await artifact('a'.repeat(64))).recordArtifact;
    await artifact('a'.repeat(64));
    await artifact('b'.repeat(64));
    const predictions = (predicted: number[]) => admin.request(RECORD_PREDICTIONS, { runId, input: { ids: ['r1', 'r2', 'r3'], labels: [0, 1, 1], predictions: predicted } });
    await predictions([0, 1, 0]);
    await predictions([0, 1, 1]);
    const upload = (body: string) =>
      fetch(`${base}/runs/${runId}/model/model.json`, {
        method: 'PUT',
        body,
        headers: { authorization: `Bearer ${api.adminToken}`, 'x-content-sha256': sha256(body), 'content-type': 'application/octet-stream' },
      });
    expect((await upload('{"v":1}')).status).toBe(201);
    expect((await upload('{"v":1}')).status).toBe(201);
    expect((await upload('{"v":2}')).status).toBe(201);

    const events = (await allEvents(admin)).filter((event) => ['artifact.replaced', 'predictions.replaced', 'model.replaced'].includes(event.action));
    expect(events.map((event) => event.action)).toEqual(['model.replaced', 'predictions.replaced', 'artifact.replaced']);
    expect(events[0]).toMatchObject({ targetType: 'Run', targetId: runId, details: { file: 'model.json', previousSha256: sha256('{"v":1}'), sha256: sha256('{"v":2}'), bytes: 7 } });
    expect(events[1]).toMatchObject({ targetType: 'RunPredictions', details: { runId, split: 'test', previousCount: 3, count: 3 } });
    expect(events[2]).toMatchObject({ targetType: 'Artifact', targetId: first.id, details: { runId, kind: 'onnx', path: 'export/model.onnx', previousSha256: 'a'.repeat(64), sha256: 'b'.repeat(64) } });
  });

  it('pages newest first with before, and says what is wrong with a bad limit or cursor', async () => {
    for (let i = 0; i < 5; i++) await admin.request(CREATE_TOKEN, { name: `page ${i}` });
    const everything = await allEvents(admin);
    const paged = await allEvents(admin, 2);
    expect(paged.map((event) => event.id)).toEqual(everything.map((event) => event.id));
    const times = everything.map((event) => Date.parse(event.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(everything.slice(0, 5).map((event) => event.details?.name)).toEqual(['page 4', 'page 3', 'page 2', 'page 1', 'page 0']);
    const first = await auditLog(admin, { limit: 2 });
    expect(first.events).toHaveLength(2);
    expect(first.pageInfo.hasNextPage).toBe(true);

    for (const limit of [0, 201]) {
      const error = await admin.expectError(AUDIT_LOG, { limit });
      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.errors[0].extensions?.field).toBe('limit');
    }
    const error = await admin.expectError(AUDIT_LOG, { before: 'not-a-cursor' });
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/before: is not a cursor returned by this API/);
  });

  it('is readable by any token of the team, and by no one without a valid token', async () => {
    const token = (await admin.request(CREATE_TOKEN, { name: 'reader' })).createApiToken;
    expect((await auditLog(admin.withToken(token.secret))).events.length).toBeGreaterThan(0);
    expect((await admin.withToken(null).expectError(AUDIT_LOG)).code).toBe('UNAUTHENTICATED');
    await admin.request(REVOKE_TOKEN, { id: token.id });
    expect((await admin.withToken(token.secret).expectError(AUDIT_LOG)).code).toBe('UNAUTHENTICATED');
  });
});
