import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, type GraphQLObjectType } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiProcess, startApi } from './kit/api-process';
import { ApiClient, type GraphQLErrorShape, type GraphQLResponse, subscribe } from './kit/client';
import { databaseLabel } from './kit/databases';
import {
  CANCEL_RUN,
  CLAIM_RUN,
  COMPLETE_RUN,
  CREATE_DATASET,
  CREATE_PROJECT,
  CREATE_STUDY,
  FAIL_RUN,
  HEARTBEAT,
  LOG_METRIC_SERIES,
  LOG_METRICS,
  RECORD_CHECKPOINT,
  REGISTER_DATASET,
  REGISTER_WORKER,
  RELEASE_RUN,
  REPORT_PROGRESS,
  RETRY_RUN,
  RUN_EVENTS,
  START_RUN,
  STUDY_EVENTS,
} from './kit/documents';

/**
 * Every Query, Mutation and Subscription field of the committed schema, called with four tokens: none, a revoked
 * one, another team's and the owner's. No token and a revoked token are UNAUTHENTICATED; another team gets
 * NOT_FOUND (FORBIDDEN for site-admin operations) or, for operations without an id, only its own team's data,
 * and never reads or writes the owner's; the owner is allowed. An operation missing from MATRIX fails the suite.
 * docs/security.md shows the same matrix.
 */

const SCHEMA_FILE = path.resolve(__dirname, '../../../packages/schema/schema.graphql');
const FIXTURE = path.resolve(__dirname, 'fixtures/kinopoisk-tricky.jsonl');
const MODEL_FIXTURE = path.resolve(__dirname, 'fixtures/tiny-classifier');
const WEB_ORIGIN = 'http://web.tunelab.test';
const MARK = 'alpha'; // every name the owner's team creates contains it; the other team's answers never may

type Vars = Record<string, unknown>;
type RootType = 'Query' | 'Mutation' | 'Subscription';
/** What another team's token gets: an error code, or SCOPED (its own team's data only, e.g. `projects`). */
type OtherOutcome = 'NOT_FOUND' | 'FORBIDDEN' | 'SCOPED';

interface Entry {
  document: string;
  /** Variables against the owner's seeded data (fresh runs, tokens, … where the operation changes them). Keys starting with _ are not sent. */
  prepare?: (w: World) => Promise<Vars> | Vars;
  other: OtherOutcome;
  /**
   * A second try by the other team mixing its own ids with the owner's (its own worker on the owner's run). NOT_FOUND
   * accepts the field-level BAD_USER_INPUT "does not exist in your team" too.
   */
  mixed?: { vars: (vars: Vars, w: World) => Vars; outcome: OtherOutcome | 'BAD_USER_INPUT' };
  /** The other team's SCOPED call writes to its own team (createProject, …): its own state may change. */
  writesOwnTeam?: boolean;
  /** More checks of the owner's answer than "no error". */
  own?: (data: any, vars: Vars, w: World) => void | Promise<void>;
  /** Subscriptions: makes one event happen on what vars point at (called until one arrives). */
  trigger?: (vars: Vars, w: World, attempt: number) => Promise<void>;
}

interface World {
  api: ApiProcess;
  owner: ApiClient;
  other: ApiClient;
  revoked: ApiClient;
  anonymous: ApiClient;
  a: {
    projectId: string;
    datasetId: string;
    registered: { id: string; fingerprint: string };
    studyId: string;
    runIds: [string, string];
    workerId: string;
    workerIdentity: { name: string; host: string };
  };
  b: { projectId: string; datasetId: string; studyId: string; workerId: string; runId: string };
  /** Ids, names and secrets of the owner's team: none may appear in another team's answer unless it sent them. */
  secrets: Set<string>;
  unique(prefix: string): string;
  queuedRun(seeds?: number[]): Promise<{ studyId: string; runIds: string[] }>;
  heldRun(started: boolean): Promise<{ runId: string; workerId: string }>;
  freshToken(): Promise<string>;
}

const send = (vars: Vars) => Object.fromEntries(Object.entries(vars).filter(([key]) => !key.startsWith('_')));
const sha256 = (body: Buffer | string) => createHash('sha256').update(body).digest('hex');

const RUN_ID = (w: World) => ({ id: w.a.runIds[0] });
const HELD = (input: Vars, started = true) => async (w: World) => ({ ...(await w.heldRun(started)), input });
const OWN_WORKER_ON_THEIR_RUN = { vars: (vars: Vars, w: World) => ({ ...vars, workerId: w.b.workerId }), outcome: 'NOT_FOUND' as const };

const MATRIX: Record<RootType, Record<string, Entry>> = {
  Query: {
    apiTokens: { document: `{ apiTokens { id name prefix revokedAt } }`, other: 'SCOPED' },
    auditLog: { document: `{ auditLog(limit: 200) { events { id action tokenName targetId details } pageInfo { endCursor } } }`, other: 'SCOPED' },
    compareRuns: {
      document: `query ($runIds: [ID!]!) { compareRuns(runIds: $runIds) { comparable reason } }`,
      prepare: (w) => ({ runIds: w.a.runIds }),
      other: 'NOT_FOUND',
      mixed: { vars: (_vars, w) => ({ runIds: [w.b.runId, w.a.runIds[0]] }), outcome: 'NOT_FOUND' },
      own: (data) => expect(data.compareRuns.comparable).toBe(true),
    },
    dataset: { document: `query ($id: ID!) { dataset(id: $id) { id name source splits { path rows } } }`, prepare: (w) => ({ id: w.a.registered.id }), other: 'NOT_FOUND' },
    datasetImports: { document: `{ datasetImports { id name projectId source } }`, other: 'SCOPED' },
    datasets: { document: `query ($projectId: ID!) { datasets(projectId: $projectId) { id name } }`, prepare: (w) => ({ projectId: w.a.projectId }), other: 'NOT_FOUND' },
    exportStudyReport: {
      document: `query ($studyId: ID!) { exportStudyReport(studyId: $studyId, format: MARKDOWN) { filename content } }`,
      prepare: (w) => ({ studyId: w.a.studyId }),
      other: 'NOT_FOUND',
      own: (data) => expect(data.exportStudyReport.content).toContain(MARK),
    },
    leaderboard: {
      document: `query ($studyId: ID!) { leaderboard(studyId: $studyId) { metric rows { rank run { id } } } }`,
      prepare: (w) => ({ studyId: w.a.studyId }),
      other: 'NOT_FOUND',
      own: (data) => expect(data.leaderboard.rows).toHaveLength(2),
    },
    metricHistory: {
      document: `query ($runId: ID!) { metricHistory(runId: $runId, keys: ["train/loss"]) { key totalPoints } }`,
      prepare: (w) => ({ runId: w.a.runIds[0] }),
      other: 'NOT_FOUND',
      own: (data) => expect(data.metricHistory[0].totalPoints).toBe(3),
    },
    predict: {
      document: `query ($runId: ID!) { predict(runId: $runId, texts: ["Отличный фильм, всем советую"]) { label probabilities } }`,
      prepare: (w) => ({ runId: w.a.runIds[0] }),
      other: 'NOT_FOUND',
      own: (data) => expect(data.predict).toHaveLength(1),
    },
    project: { document: `query ($id: ID!) { project(id: $id) { id name description } }`, prepare: (w) => ({ id: w.a.projectId }), other: 'NOT_FOUND' },
    projects: { document: `{ projects { id name } }`, other: 'SCOPED' },
    recommendMethod: {
      document: `query ($studyId: ID!) { recommendMethod(studyId: $studyId) { decision method summary } }`,
      prepare: (w) => ({ studyId: w.a.studyId }),
      other: 'NOT_FOUND',
    },
    run: { document: `query ($id: ID!) { run(id: $id) { id status finalMetrics } }`, prepare: RUN_ID, other: 'NOT_FOUND' },
    runs: {
      document: `query ($filter: RunFilter) { runs(filter: $filter, first: 200) { totalCount edges { node { id } } } }`,
      other: 'SCOPED',
      mixed: { vars: (_vars, w) => ({ filter: { studyId: w.a.studyId } }), outcome: 'SCOPED' },
    },
    studies: { document: `query ($projectId: ID!) { studies(projectId: $projectId) { id name } }`, prepare: (w) => ({ projectId: w.a.projectId }), other: 'NOT_FOUND' },
    study: { document: `query ($id: ID!) { study(id: $id) { id name runs { id } } }`, prepare: (w) => ({ id: w.a.studyId }), other: 'NOT_FOUND' },
    studyAnalysis: {
      document: `query ($studyId: ID!) { studyAnalysis(studyId: $studyId) { qualityMetric cohortRunIds } }`,
      prepare: (w) => ({ studyId: w.a.studyId }),
      other: 'NOT_FOUND',
    },
    viewer: { document: `{ viewer { tokenName siteAdmin team { id name } } }`, other: 'SCOPED', own: (data) => expect(data.viewer.siteAdmin).toBe(true) },
    workers: { document: `{ workers { id name host cpus } }`, other: 'SCOPED' },
  },
  Mutation: {
    adjustBatch: {
      document: `mutation ($runId: ID!, $workerId: ID!, $input: RetryRunInput!) { adjustBatch(runId: $runId, workerId: $workerId, input: $input) { id effectiveHyperparameters { batchSize } } }`,
      prepare: HELD({ code: 'OOM', reason: 'memory pre-flight', batchSize: 4, gradientAccumulationSteps: 4 }, false),
      other: 'NOT_FOUND',
      mixed: OWN_WORKER_ON_THEIR_RUN,
      own: (data) => expect(data.adjustBatch.effectiveHyperparameters.batchSize).toBe(4),
    },
    cancelRun: {
      document: CANCEL_RUN,
      prepare: async (w) => ({ runId: (await w.queuedRun()).runIds[0] }),
      other: 'NOT_FOUND',
      own: (data) => expect(data.cancelRun.status).toBe('CANCELLED'),
    },
    claimRun: {
      document: CLAIM_RUN,
      prepare: async (w) => {
        await w.queuedRun();
        return { workerId: await registerWorker(w.owner, w, { name: w.unique('worker'), host: `${MARK}-host` }) };
      },
      other: 'NOT_FOUND',
      // Its own worker claims from its own queue only.
      mixed: { vars: (_vars, w) => ({ workerId: w.b.workerId }), outcome: 'SCOPED' },
      writesOwnTeam: true,
      own: (data) => expect(data.claimRun.run.id).toBeTruthy(),
    },
    completeRun: {
      document: COMPLETE_RUN,
      prepare: HELD({ finalMetrics: { 'eval/f1_macro': 0.8 }, trainSeconds: 3 }),
      other: 'NOT_FOUND',
      mixed: OWN_WORKER_ON_THEIR_RUN,
      own: (data) => expect(data.completeRun.status).toBe('SUCCEEDED'),
    },
    createApiToken: { document: `mutation ($name: String!) { createApiToken(name: $name) { id name secret } }`, prepare: (w) => ({ name: w.unique('token') }), other: 'SCOPED', writesOwnTeam: true },
    createDataset: {
      document: CREATE_DATASET,
      prepare: (w) => ({ input: { projectId: w.a.projectId, name: w.unique('dataset'), source: 'reviews.jsonl' } }),
      other: 'NOT_FOUND',
    },
    createProject: { document: CREATE_PROJECT, prepare: (w) => ({ input: { name: w.unique('project') } }), other: 'SCOPED', writesOwnTeam: true },
    createStudy: {
      document: `mutation ($input: CreateStudyInput!) { createStudy(input: $input) { id runs { id } } }`,
      prepare: (w) => ({ input: { projectId: w.a.projectId, datasetId: w.a.datasetId, name: w.unique('study'), methods: [{ method: 'full', baseModel: 'm' }], seeds: [1] } }),
      other: 'NOT_FOUND',
      // Its own project with the owner's dataset.
      mixed: { vars: (vars, w) => ({ input: { ...(vars.input as Vars), projectId: w.b.projectId } }), outcome: 'BAD_USER_INPUT' },
      own: async (data, _vars, w) => {
        // Leave nothing queued: later entries claim the oldest queued run.
        for (const run of data.createStudy.runs) await w.owner.request(CANCEL_RUN, { runId: run.id });
      },
    },
    createTeam: {
      document: `mutation ($name: String!) { createTeam(name: $name) { team { id name } adminToken { id secret } } }`,
      prepare: (w) => ({ name: w.unique('team') }),
      other: 'FORBIDDEN',
    },
    failRun: { document: FAIL_RUN, prepare: HELD({ code: 'OOM', message: 'out of memory' }), other: 'NOT_FOUND', mixed: OWN_WORKER_ON_THEIR_RUN },
    heartbeat: {
      document: HEARTBEAT,
      prepare: async (w) => w.heldRun(true),
      other: 'NOT_FOUND',
      mixed: OWN_WORKER_ON_THEIR_RUN,
      own: (data) => expect(data.heartbeat.cancelRequested).toBe(false),
    },
    logMetricSeries: {
      document: LOG_METRIC_SERIES,
      prepare: async (w) => ({ runId: (await w.heldRun(true)).runId, series: [{ key: `train/${w.unique('m').replace(/\W/g, '_')}`, steps: [1, 2], values: [0.5, 0.4] }] }),
      other: 'NOT_FOUND',
      own: (data) => expect(data.logMetricSeries.accepted).toBe(2),
    },
    logMetrics: {
      document: LOG_METRICS,
      prepare: async (w) => ({ runId: (await w.heldRun(true)).runId, points: [{ key: `train/${w.unique('m').replace(/\W/g, '_')}`, step: 1, value: 1 }] }),
      other: 'NOT_FOUND',
      own: (data) => expect(data.logMetrics.accepted).toBe(1),
    },
    recordArtifact: {
      document: `mutation ($runId: ID!, $input: ArtifactInput!) { recordArtifact(runId: $runId, input: $input) { id sha256 } }`,
      prepare: (w) => ({ runId: w.a.runIds[1], input: { kind: 'onnx', path: w.unique('export'), sha256: 'c'.repeat(64), bytes: 1 } }),
      other: 'NOT_FOUND',
    },
    recordCheckpoint: {
      document: RECORD_CHECKPOINT,
      prepare: async (w) => ({ runId: (await w.heldRun(true)).runId, input: { epoch: 0, step: 1, path: 'checkpoints/step-1', bytes: 1 } }),
      other: 'NOT_FOUND',
    },
    recordPredictions: {
      document: `mutation ($runId: ID!, $input: PredictionsInput!) { recordPredictions(runId: $runId, input: $input) { count } }`,
      prepare: async (w) => ({ runId: (await w.heldRun(true)).runId, input: { split: 'validation', ids: ['r1', 'r2'], labels: [0, 1], predictions: [0, 1] } }),
      other: 'NOT_FOUND',
    },
    registerDataset: {
      document: `mutation ($input: RegisterDatasetInput!) { registerDataset(input: $input) { id fingerprint } }`,
      prepare: (w) => ({ input: { projectId: w.a.projectId, name: w.unique('dataset'), source: FIXTURE } }),
      other: 'NOT_FOUND',
      // Its own project, the owner's split file: the data directory holds every team's data.
      mixed: {
        vars: (vars, w) => ({ input: { ...(vars.input as Vars), projectId: w.b.projectId, source: path.join(w.api.dataDir, 'datasets', w.a.registered.fingerprint, 'train.jsonl') } }),
        outcome: 'BAD_USER_INPUT',
      },
    },
    registerWorker: {
      document: REGISTER_WORKER,
      // The very name and host of the owner's worker: the other team gets a worker of its own, the owner's is untouched.
      prepare: (w) => ({ input: { ...w.a.workerIdentity, cpus: 64, memoryBytes: 2 ** 30 } }),
      other: 'SCOPED',
      writesOwnTeam: true,
      own: (data, _vars, w) => expect(data.registerWorker.id).toBe(w.a.workerId),
    },
    releaseRun: { document: RELEASE_RUN, prepare: async (w) => w.heldRun(true), other: 'NOT_FOUND', mixed: OWN_WORKER_ON_THEIR_RUN, own: (data) => expect(data.releaseRun.status).toBe('QUEUED') },
    reportProgress: { document: REPORT_PROGRESS, prepare: HELD({ step: 1, totalSteps: 10, epoch: 0 }), other: 'NOT_FOUND', mixed: OWN_WORKER_ON_THEIR_RUN },
    retryRun: { document: RETRY_RUN, prepare: HELD({ code: 'OOM', reason: 'engine crashed' }), other: 'NOT_FOUND', mixed: OWN_WORKER_ON_THEIR_RUN },
    revokeApiToken: {
      document: `mutation ($id: ID!) { revokeApiToken(id: $id) { id revokedAt } }`,
      prepare: async (w) => ({ id: await w.freshToken() }),
      other: 'NOT_FOUND',
      own: (data) => expect(data.revokeApiToken.revokedAt).toBeTruthy(),
    },
    startRun: {
      document: START_RUN,
      prepare: HELD({ trainableParameters: 10, totalParameters: 100, device: 'cpu' }, false),
      other: 'NOT_FOUND',
      mixed: OWN_WORKER_ON_THEIR_RUN,
      own: (data) => expect(data.startRun.status).toBe('RUNNING'),
    },
  },
  Subscription: {
    runEvents: {
      document: RUN_EVENTS,
      prepare: async (w) => ({ runId: (await w.heldRun(true)).runId }),
      other: 'NOT_FOUND',
      trigger: async (vars, w, attempt) => {
        await w.owner.request(LOG_METRICS, { runId: vars.runId, points: [{ key: 'train/loss', step: attempt + 1, value: 1 }] });
      },
    },
    studyEvents: {
      document: STUDY_EVENTS,
      prepare: async (w) => {
        const { studyId, runIds } = await w.queuedRun([1, 2, 3, 4, 5]);
        return { studyId, _runIds: runIds };
      },
      other: 'NOT_FOUND',
      trigger: async (vars, w, attempt) => {
        await w.owner.request(CANCEL_RUN, { runId: (vars._runIds as string[])[attempt] });
      },
    },
  },
};

async function registerWorker(client: ApiClient, w: Pick<World, 'secrets'>, identity: { name: string; host: string }): Promise<string> {
  const data = await client.request(REGISTER_WORKER, { input: { ...identity, cpus: 2, memoryBytes: 2 ** 30 } });
  w.secrets.add(data.registerWorker.id);
  return data.registerWorker.id;
}

/** What the owner's team looks like, and the files under the data directory: a failed call by anyone else must not change it. */
const SNAPSHOT = `{
  projects { id name description datasets { id name fingerprint } studies { id name } }
  workers { id name host cpus memoryBytes lastHeartbeatAt }
  apiTokens { id name revokedAt }
  auditLog(limit: 200) { events { id action targetId } }
  datasetImports { id }
  runs(first: 200) { totalCount edges { node { id status attempt errorCode errorMessage finalMetrics leaseExpiresAt startedAt finishedAt trainableParameters
    progress { step } retries { attempt code batchSize } effectiveHyperparameters { batchSize gradientAccumulationSteps } worker { id }
    checkpoints { id } artifacts { id sha256 bytes } testPredictions { count } metricKeys } } }
}`;

function listFiles(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).map((file) => {
    const stat = fs.statSync(path.join(root, file));
    return `${file}:${stat.isFile() ? stat.size : 'dir'}`;
  }).sort();
}

async function snapshot(client: ApiClient, dataDir: string): Promise<unknown> {
  const state = await client.request(SNAPSHOT);
  expect(state.runs.totalCount).toBeLessThanOrEqual(200);
  return { state, files: [...listFiles(path.join(dataDir, 'models')), ...listFiles(path.join(dataDir, 'datasets'))] };
}

function expectNoLeak(label: string, response: unknown, vars: Vars, w: World): void {
  const text = JSON.stringify(response);
  const sent = JSON.stringify(vars);
  const leaked = [...w.secrets].filter((secret) => text.includes(secret) && !sent.includes(secret));
  expect(leaked, `${label}: the answer shows the owner's data`).toEqual([]);
}

/** For error outcomes: the code, and no data beyond nulls. */
function expectRefused(label: string, response: GraphQLResponse<Record<string, unknown>>, codes: string[]): void {
  const code = response.errors?.[0]?.extensions?.code;
  expect(codes, `${label}: ${JSON.stringify(response).slice(0, 400)}`).toContain(code);
  expect(Object.values(response.data ?? {}).every((value) => value === null), `${label}: data with an error`).toBe(true);
}

interface RefusedSubscription {
  events: unknown[];
  errors: GraphQLErrorShape[];
  closed: { code: number; reason: string } | null;
}

/** Subscribes and waits for the refusal: GraphQL errors, or the socket closed (as graphql-ws does when the context throws). */
async function attemptSubscription(wsUrl: string, token: string | null, query: string, variables: Vars): Promise<RefusedSubscription> {
  const outcome: RefusedSubscription = { events: [], errors: [], closed: null };
  const client = createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    on: { closed: (event) => void (outcome.closed = { code: (event as { code: number }).code, reason: String((event as { reason: unknown }).reason) }) },
  });
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 5_000);
    const done = () => (clearTimeout(timer), resolve());
    client.subscribe(
      { query, variables },
      {
        next: (value) => {
          if (value.errors?.length) outcome.errors.push(...(value.errors as GraphQLErrorShape[]));
          if (value.data) outcome.events.push(value.data);
        },
        error: (error) => {
          if (Array.isArray(error)) outcome.errors.push(...(error as GraphQLErrorShape[]));
          done();
        },
        complete: done,
      },
    );
  });
  await client.dispose();
  return outcome;
}

function rootFields(): Record<RootType, string[]> {
  const schema = buildSchema(fs.readFileSync(SCHEMA_FILE, 'utf8'));
  const names = (type: GraphQLObjectType | null | undefined) => Object.keys(type?.getFields() ?? {}).sort();
  return { Query: names(schema.getQueryType()), Mutation: names(schema.getMutationType()), Subscription: names(schema.getSubscriptionType()) };
}

describe(`access matrix: every operation × no token, revoked token, another team, own team (${databaseLabel})`, () => {
  let w: World;
  let base: string;

  beforeAll(async () => {
    const api = await startApi({ env: { TUNELAB_WEB_ORIGIN: WEB_ORIGIN, TUNELAB_LEASE_SECONDS: '3600' } });
    base = api.url.replace(/\/graphql$/, '');
    const owner = new ApiClient(api.url, api.adminToken);
    let counter = 0;
    const secrets = new Set<string>([api.adminToken]);
    const unique = (prefix: string) => {
      const name = `${MARK} ${prefix} ${++counter}`;
      secrets.add(name);
      return name;
    };

    // The other team, and a revoked token of the owner's team.
    const created = (await owner.request(`mutation ($name: String!) { createTeam(name: $name) { adminToken { secret } } }`, { name: 'other team' })).createTeam;
    const other = owner.withToken(created.adminToken.secret);
    const revokedToken = (await owner.request(`mutation ($name: String!) { createApiToken(name: $name) { id name secret } }`, { name: unique('revoked token') })).createApiToken;
    await owner.request(`mutation ($id: ID!) { revokeApiToken(id: $id) { id } }`, { id: revokedToken.id });
    secrets.delete(revokedToken.name); // "token … was revoked" tells its holder the name of the token they hold

    // The owner's data: a project, a recorded and a registered dataset, a study of two finished runs with metrics and a model.
    const projectId = (await owner.request(CREATE_PROJECT, { input: { name: unique('project'), description: `${MARK} secret plans` } })).createProject.id;
    const datasetId = (await owner.request(CREATE_DATASET, { input: { projectId, name: unique('dataset'), source: 'reviews.jsonl' } })).createDataset.id;
    const registered = (await owner.request(REGISTER_DATASET, { input: { projectId, name: unique('dataset'), source: FIXTURE } })).registerDataset;
    const study = (
      await owner.request(CREATE_STUDY, {
        input: { projectId, datasetId: registered.id, name: unique('study'), methods: [{ method: 'full', baseModel: 'm' }, { method: 'lora', baseModel: 'm' }], seeds: [1] },
      })
    ).createStudy;
    const workerIdentity = { name: unique('worker'), host: `${MARK}-host` };
    const workerId = await registerWorker(owner, { secrets }, workerIdentity);
    const runIds: string[] = [];
    for (let i = 0; i < 2; i++) {
      const runId = (await owner.request(CLAIM_RUN, { workerId })).claimRun.run.id as string;
      runIds.push(runId);
      await owner.request(START_RUN, { runId, workerId, input: { trainableParameters: 1000 * (i + 1), totalParameters: 5000, device: 'cpu' } });
      await owner.request(LOG_METRICS, { runId, points: [1, 2, 3].map((step) => ({ key: 'train/loss', step, value: 1 / step })) });
      if (i === 0) {
        for (const file of ['model.onnx', 'tokenizer.json', 'model.json']) {
          const body = fs.readFileSync(path.join(MODEL_FIXTURE, file));
          const response = await fetch(`${base}/runs/${runId}/model/${file}`, {
            method: 'PUT',
            body,
            headers: { authorization: `Bearer ${api.adminToken}`, 'x-content-sha256': sha256(body), 'content-type': 'application/octet-stream' },
          });
          expect(response.status).toBe(201);
        }
      }
      await owner.request(COMPLETE_RUN, { runId, workerId, input: { finalMetrics: { 'eval/f1_macro': 0.8 + i / 100, 'eval/accuracy': 0.85 }, trainSeconds: 10 + i } });
    }
    for (const id of [projectId, datasetId, registered.id, registered.fingerprint, study.id, workerId, revokedToken.id, ...runIds]) secrets.add(id);
    for (const token of (await owner.request(`{ apiTokens { id } }`)).apiTokens) secrets.add(token.id);

    // The other team has data of its own, so that "its own ids" attacks have something to use.
    const bProject = (await other.request(CREATE_PROJECT, { input: { name: 'b project' } })).createProject.id;
    const bDataset = (await other.request(CREATE_DATASET, { input: { projectId: bProject, name: 'b dataset', source: 'b.jsonl' } })).createDataset.id;
    const bStudy = (await other.request(CREATE_STUDY, { input: { projectId: bProject, datasetId: bDataset, name: 'b study', methods: [{ method: 'full', baseModel: 'm' }], seeds: [1] } })).createStudy;
    const bWorker = (await other.request(REGISTER_WORKER, { input: { name: 'b worker', host: 'b-host', cpus: 1, memoryBytes: 1 } })).registerWorker.id;

    w = {
      api,
      owner,
      other,
      revoked: owner.withToken(revokedToken.secret),
      anonymous: owner.withToken(null),
      a: { projectId, datasetId, registered, studyId: study.id, runIds: runIds as [string, string], workerId, workerIdentity },
      b: { projectId: bProject, datasetId: bDataset, studyId: bStudy.id, workerId: bWorker, runId: bStudy.runs[0].id },
      secrets,
      unique,
      async queuedRun(seeds = [1]) {
        const data = await owner.request(`mutation ($input: CreateStudyInput!) { createStudy(input: $input) { id runs { id } } }`, {
          input: { projectId, datasetId, name: unique('study'), methods: [{ method: 'full', baseModel: 'm' }], seeds },
        });
        const ids = data.createStudy.runs.map((run: { id: string }) => run.id) as string[];
        for (const id of [data.createStudy.id, ...ids]) secrets.add(id);
        return { studyId: data.createStudy.id, runIds: ids };
      },
      async heldRun(started) {
        await this.queuedRun();
        const worker = await registerWorker(owner, this, { name: unique('worker'), host: `${MARK}-host` });
        const runId = (await owner.request(CLAIM_RUN, { workerId: worker })).claimRun.run.id as string;
        if (started) await owner.request(START_RUN, { runId, workerId: worker, input: { trainableParameters: 10, totalParameters: 100 } });
        return { runId, workerId: worker };
      },
      async freshToken() {
        const token = (await owner.request(`mutation ($name: String!) { createApiToken(name: $name) { id } }`, { name: unique('token') })).createApiToken;
        secrets.add(token.id);
        return token.id;
      },
    };
  });
  afterAll(() => w?.api.stop());

  it('has an entry for every Query, Mutation and Subscription field of the schema, and none for fields that are gone', () => {
    const fields = rootFields();
    for (const root of ['Query', 'Mutation', 'Subscription'] as const) {
      const missing = fields[root].filter((name) => !MATRIX[root][name]);
      const stale = Object.keys(MATRIX[root]).filter((name) => !fields[root].includes(name));
      expect(missing, `${root} fields without an access-matrix entry: add them to MATRIX in test/access-matrix.test.ts and docs/security.md`).toEqual([]);
      expect(stale, `MATRIX entries for ${root} fields the schema no longer has`).toEqual([]);
    }
  });

  for (const root of ['Query', 'Mutation'] as const) {
    for (const [field, entry] of Object.entries(MATRIX[root])) {
      it(`${root}.${field}: none → UNAUTHENTICATED, revoked → UNAUTHENTICATED, other team → ${entry.other}${entry.mixed ? ` (mixed ids → ${entry.mixed.outcome})` : ''}, own → allowed`, async () => {
        const vars = (await entry.prepare?.(w)) ?? {};
        const ownerBefore = await snapshot(w.owner, w.api.dataDir);
        const otherBefore = await w.other.request(SNAPSHOT);

        for (const [label, client] of [
          ['no token', w.anonymous],
          ['revoked token', w.revoked],
        ] as const) {
          const response = await client.raw(entry.document, send(vars));
          expectRefused(`${root}.${field} with ${label}`, response, ['UNAUTHENTICATED']);
          expectNoLeak(`${root}.${field} with ${label}`, response, vars, w);
        }

        const attempts: [string, Vars, OtherOutcome | 'BAD_USER_INPUT'][] = [['other team', vars, entry.other]];
        if (entry.mixed) attempts.push(['other team, its own ids mixed in', entry.mixed.vars(vars, w), entry.mixed.outcome]);
        for (const [label, attemptVars, outcome] of attempts) {
          const response = await w.other.raw(entry.document, send(attemptVars));
          const name = `${root}.${field} by the ${label}`;
          if (outcome === 'SCOPED') expect(response.errors, `${name}: ${JSON.stringify(response.errors)}`).toBeUndefined();
          else expectRefused(name, response, outcome === 'BAD_USER_INPUT' ? ['BAD_USER_INPUT', 'NOT_FOUND'] : [outcome]);
          expectNoLeak(name, response, attemptVars, w);
          // What it sent and stored under its own team (a project name, a worker identity) is its own data from now on.
          if (outcome === 'SCOPED') for (const secret of [...w.secrets]) if (JSON.stringify(attemptVars).includes(secret)) w.secrets.delete(secret);
        }

        expect(await snapshot(w.owner, w.api.dataDir), `${root}.${field}: a refused call changed the owner's team`).toEqual(ownerBefore);
        if (!entry.writesOwnTeam) expect(await w.other.request(SNAPSHOT), `${root}.${field}: a refused call changed the other team`).toEqual(otherBefore);

        const own = await w.owner.raw(entry.document, send(vars));
        expect(own.errors, `${root}.${field} by its own team: ${JSON.stringify(own.errors)}`).toBeUndefined();
        await entry.own?.(own.data, vars, w);
      });
    }
  }

  for (const [field, entry] of Object.entries(MATRIX.Subscription)) {
    it(`Subscription.${field}: none → UNAUTHENTICATED, revoked → UNAUTHENTICATED, other team → ${entry.other} and no events, own → events`, async () => {
      const vars = (await entry.prepare?.(w)) ?? {};
      const refused = [
        [null, 'UNAUTHENTICATED'],
        [w.revoked.token, 'UNAUTHENTICATED'],
        [w.other.token, entry.other],
      ] as const;
      for (const [token, code] of refused) {
        const outcome = await attemptSubscription(w.api.wsUrl, token, entry.document, send(vars));
        const label = `Subscription.${field} expecting ${code}: ${JSON.stringify(outcome)}`;
        expect(outcome.events, label).toEqual([]);
        // A refused token is a GraphQL error on the operation, never a bare socket close.
        expect(outcome.errors.map((error) => error.extensions?.code), label).toEqual([code]);
        if (token === w.revoked.token) expect(outcome.errors[0].message, label).toMatch(/revoked/);
        expectNoLeak(label, outcome, vars, w);
      }

      const own = subscribe(w.api.wsUrl, w.owner.token, entry.document, send(vars));
      try {
        for (let attempt = 0; own.events.length === 0; attempt++) {
          expect(attempt, `Subscription.${field}: no event reached its own team`).toBeLessThan(5);
          await entry.trigger!(vars, w, attempt);
          await own.until((events) => events.length > 0, 1_000).catch(() => undefined);
        }
        expect(own.errors).toEqual([]);
      } finally {
        await own.close();
      }
    });
  }

  it('GET /datasets/:id/splits/:file: none → 401, revoked → 401, other team → 404 without data, own → the file', async () => {
    const url = `${base}/datasets/${w.a.registered.id}/splits/train.jsonl`;
    const get = (client: ApiClient) => fetch(url, { headers: client.token ? { authorization: `Bearer ${client.token}` } : {} });
    for (const [client, status] of [
      [w.anonymous, 401],
      [w.revoked, 401],
      [w.other, 404],
    ] as const) {
      const response = await get(client);
      expect(response.status).toBe(status);
      const body = await response.text();
      expect(body).not.toContain('"label"');
      expect(body.length).toBeLessThan(200);
    }
    const own = await get(w.owner);
    expect(own.status).toBe(200);
    expect(await own.text()).toContain('"label"');
  });

  it('PUT /runs/:runId/model/:file: none → 401, revoked → 401, other team → 404 and nothing stored, own → stored', async () => {
    const { runId } = await w.heldRun(true);
    const body = fs.readFileSync(path.join(MODEL_FIXTURE, 'model.json'));
    const put = (client: ApiClient) =>
      fetch(`${base}/runs/${runId}/model/model.json`, {
        method: 'PUT',
        body,
        headers: { ...(client.token ? { authorization: `Bearer ${client.token}` } : {}), 'x-content-sha256': sha256(body), 'content-type': 'application/octet-stream' },
      });
    const stored = path.join(w.api.dataDir, 'models', runId, 'model.json');
    for (const [client, status] of [
      [w.anonymous, 401],
      [w.revoked, 401],
      [w.other, 404],
    ] as const) {
      expect((await put(client)).status).toBe(status);
      expect(fs.existsSync(stored)).toBe(false);
    }
    expect((await put(w.owner)).status).toBe(201);
    expect(fs.readFileSync(stored)).toEqual(body);
  });

  it("refuses to import a file of the API's data directory: the admin token, the database and every team's splits live there", async () => {
    const adminSecret = w.api.adminToken;
    const attempts = [
      { source: path.join(w.api.dataDir, 'admin-token'), format: 'CSV', columns: { text: 'text', label: 'label' } },
      { source: path.join(w.api.dataDir, 'admin-token'), format: 'JSONL' },
      { source: path.join(w.api.dataDir, 'datasets', w.a.registered.fingerprint, 'test.jsonl') },
      { source: path.join(w.api.dataDir, 'datasets', '..', 'tunelab.sqlite'), format: 'CSV', columns: { text: 'text', label: 'label' } },
      { source: '/proc/self/environ', format: 'CSV', columns: { text: 'text', label: 'label' } },
    ];
    for (const input of attempts) {
      const response = await w.other.raw(REGISTER_DATASET, { input: { projectId: w.b.projectId, name: w.unique('stolen'), ...input } });
      expect(response.errors?.[0]?.extensions?.field, JSON.stringify(response)).toBe('input.source');
      expect(JSON.stringify(response)).not.toContain(adminSecret.slice(4, 16));
    }
  });

  it("lets a team's token import local files only from TUNELAB_IMPORT_ROOTS; the site admin imports from anywhere else", async () => {
    const input = { projectId: w.b.projectId, name: w.unique('team import'), source: FIXTURE };
    const refused = await w.other.raw(REGISTER_DATASET, { input });
    expect(refused.errors?.[0]?.extensions?.field, JSON.stringify(refused)).toBe('input.source');
    expect(refused.errors?.[0]?.message).toContain('TUNELAB_IMPORT_ROOTS (none is set)');

    // The site admin imports from other folders of the data dir: npm start's demo writes its reviews to data/trainer/demo.
    const demoReviews = path.join(w.api.dataDir, 'trainer', 'demo', 'reviews.jsonl');
    fs.mkdirSync(path.dirname(demoReviews), { recursive: true });
    fs.copyFileSync(FIXTURE, demoReviews);
    const demo = (await w.owner.request(REGISTER_DATASET, { input: { projectId: w.a.projectId, name: w.unique('demo reviews'), source: demoReviews } })).registerDataset;
    expect(demo.rowCounts.train).toBeGreaterThan(0);

    const opened = await startApi({ env: { TUNELAB_IMPORT_ROOTS: path.dirname(FIXTURE) } });
    try {
      const admin = new ApiClient(opened.url, opened.adminToken);
      const team = admin.withToken((await admin.request(`mutation { createTeam(name: "importers") { adminToken { secret } } }`)).createTeam.adminToken.secret);
      const projectId = (await team.request(CREATE_PROJECT, { input: { name: 'imports' } })).createProject.id;
      const imported = (await team.request(REGISTER_DATASET, { input: { projectId, name: 'inside the root', source: FIXTURE } })).registerDataset;
      expect(imported.rowCounts.train).toBeGreaterThan(0);
      const outside = await team.raw(REGISTER_DATASET, { input: { projectId, name: 'outside', source: path.join(opened.dataDir, '..', 'elsewhere.jsonl') } });
      expect(outside.errors?.[0]?.message).toContain(`one of TUNELAB_IMPORT_ROOTS (${path.dirname(FIXTURE)})`);
    } finally {
      await opened.stop();
    }
  });

  it(`answers CORS only for TUNELAB_WEB_ORIGIN (${WEB_ORIGIN})`, async () => {
    const post = (origin: string) =>
      fetch(w.api.url, { method: 'POST', headers: { origin, 'content-type': 'application/json', authorization: `Bearer ${w.api.adminToken}` }, body: JSON.stringify({ query: '{ viewer { tokenName } }' }) });
    const allowed = await post(WEB_ORIGIN);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(WEB_ORIGIN);
    expect(allowed.headers.get('vary') ?? '').toMatch(/origin/i);
    const foreign = await post('http://evil.example');
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();

    const preflight = (origin: string) =>
      fetch(w.api.url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } });
    const allowedPreflight = await preflight(WEB_ORIGIN);
    expect(allowedPreflight.headers.get('access-control-allow-origin')).toBe(WEB_ORIGIN);
    expect(allowedPreflight.headers.get('access-control-allow-headers') ?? '').toMatch(/authorization/i);
    expect((await preflight('http://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });
});
