import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fc from 'fast-check';
import {
  buildSchema,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import { Client as PgClient } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkProperty, FUZZ_SEED as SEED } from '@tunelab/core/dist/testing/fuzz';
import { startApi, type ApiProcess } from './kit/api-process';
import { ApiClient } from './kit/client';
import { databaseLabel } from './kit/databases';
import { CLAIM_RUN, CREATE_STUDY } from './kit/documents';
import { seed, THREE_METHODS } from './kit/seed';

/**
 * Every GraphQL mutation fuzzed against the real API process (issue 11). The mutations come from the committed
 * schema, so a new one is fuzzed as soon as it has a valid example below (the first test fails until it does).
 * Each mutation gets two kinds of calls, all starting from its valid request:
 *  - a sweep: every value (and every optional field left out) set, one at a time, to the values likeliest to slip
 *    past a rule — longer than any column, empty, RTL + emoji + a lone surrogate, Int and Float edges, an id of
 *    another team or of the wrong kind, empty, doubled and 10,001-item lists, JSON that only looks like a report;
 *  - random requests (fast-check) with some values hostile at three rates — 100 KB strings, unicode, any JSON,
 *    duplicates, huge lists — of which about one in nine also breaks a GraphQL type (a string for an Int, null
 *    for a required field, an unknown input field, 1e999).
 * Properties:
 *  (a) never a 5xx or INTERNAL_SERVER_ERROR: every refusal has a client error code and names the field
 *      (extensions.field, whose root is an argument, or the variable in a coercion error);
 *  (b) a refused call writes nothing: every table's content (row counts and a digest) is the same before and after;
 *  (c) the API stays healthy; and what it stored fits the PostgreSQL columns (checked on SQLite too).
 * Seeded: a failure prints the seed and the shrunk variables; TUNELAB_FUZZ_SEED changes the seed.
 */
const RUNS = Number(process.env.TUNELAB_FUZZ_RUNS ?? 20);
const SCHEMA_FILE = path.resolve(__dirname, '../../../packages/schema/schema.graphql');
const PG_MIGRATIONS = path.resolve(__dirname, '../src/db/migrations/postgresql');
const FIXTURE = path.resolve(__dirname, 'fixtures/kinopoisk-tricky.jsonl');
const CLIENT_CODES = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'PAYLOAD_TOO_LARGE']);
/**
 * Text no database can take: U+0000 (PostgreSQL refuses it, SQLite cuts its query text there) and lone surrogates
 * (JSON's "\ud800"; PostgreSQL's JSON columns refuse them). Root fields refuse both in any argument with
 * BAD_USER_INPUT (graphql/limits/unstorable-text.ts); the fuzzer sends them everywhere.
 */
const SEND_NUL = true;
const SEND_LONE_SURROGATES = true;

const schema = buildSchema(fs.readFileSync(SCHEMA_FILE, 'utf8'));
const mutationFields = schema.getMutationType()!.getFields();

// ---------------------------------------------------------------------------------------------------------------
// References: values resolved against live data when a call is made (ids of this team and of another, names).

const REF = Symbol('ref');
type RefKind =
  | 'projectId'
  | 'datasetId'
  | 'studyId'
  | 'workerId'
  | 'otherWorkerId'
  | 'tokenId'
  | 'heldRunId'
  | 'claimedRunId'
  | 'queuedRunId'
  | 'foreignProjectId'
  | 'foreignDatasetId'
  | 'foreignStudyId'
  | 'foreignRunId'
  | 'foreignWorkerId'
  | 'foreignTokenId'
  | 'unique';
interface Ref {
  [REF]: RefKind;
}
const ref = (kind: RefKind): Ref => ({ [REF]: kind });
const isRef = (value: unknown): value is Ref => typeof value === 'object' && value !== null && REF in value;
const ID_REFS: RefKind[] = ['projectId', 'datasetId', 'studyId', 'workerId', 'otherWorkerId', 'tokenId', 'heldRunId', 'queuedRunId', 'foreignProjectId', 'foreignDatasetId', 'foreignStudyId', 'foreignRunId', 'foreignWorkerId', 'foreignTokenId'];

/** A number the JSON body carries as written (1e999 parses to Infinity, which GraphQL must refuse). */
class Raw {
  constructor(readonly token: string) {}
}
const RAW_NONCE = randomUUID();

/** Leaves a nullable input field out of the request altogether. */
const OMIT = Symbol('omit');

// ---------------------------------------------------------------------------------------------------------------
// One valid request per mutation: the fuzzer's starting point. A mutation missing here fails the first test.

const SHA256 = 'ab'.repeat(32);
const VALID: Record<string, Record<string, unknown>> = {
  adjustBatch: { runId: ref('heldRunId'), workerId: ref('workerId'), input: { code: 'MEMORY_PREFLIGHT', reason: 'fits in 24 GB with accumulation', batchSize: 8, gradientAccumulationSteps: 2 } },
  cancelRun: { runId: ref('queuedRunId') },
  claimRun: { workerId: ref('workerId') },
  completeRun: {
    runId: ref('heldRunId'),
    workerId: ref('workerId'),
    input: { finalMetrics: { 'eval/f1_macro': 0.91, 'eval/accuracy': 0.92 }, trainSeconds: 12.5, evalSeconds: 1.5, peakMemoryBytes: 1e9, trainableParameters: 1000, totalParameters: 5000 },
  },
  createApiToken: { name: ref('unique') },
  createDataset: {
    input: {
      projectId: ref('projectId'),
      name: ref('unique'),
      source: 'data/reviews.jsonl',
      labelRule: 'grade3',
      textRule: 'strip-score-mentions',
      split: { seed: 7, trainFraction: 0.7, validationFraction: 0.1, testFraction: 0.2 },
      fingerprint: SHA256,
      rowCounts: { train: 70, validation: 10, test: 20 },
    },
  },
  createProject: { input: { name: ref('unique'), description: 'a project of the fuzzer' } },
  createStudy: {
    input: {
      projectId: ref('projectId'),
      datasetId: ref('datasetId'),
      name: ref('unique'),
      description: 'methods compared',
      maxSeqLength: 128,
      methods: [
        { method: 'lora', baseModel: 'DeepPavlov/rubert-base-cased', hyperparameters: { learningRate: 2e-4, batchSize: 16, loraR: 8, loraAlpha: 16, loraTargetModules: ['query', 'value'] } },
        { method: 'mamba', baseModel: 'state-spaces/mamba-130m-hf', hyperparameters: { pooling: 'mean', epochs: 2 } },
      ],
      metrics: ['eval/f1_macro', 'eval/accuracy'],
      primaryMetric: 'eval/f1_macro',
      seeds: [1, 2],
    },
  },
  createTeam: { name: ref('unique') },
  failRun: { runId: ref('heldRunId'), workerId: ref('workerId'), input: { code: 'OOM', message: 'CUDA out of memory at batch 16' } },
  heartbeat: { workerId: ref('workerId'), runId: ref('heldRunId') },
  logMetricSeries: { runId: ref('heldRunId'), series: [{ key: 'train/loss', steps: [1, 2, 3], values: [0.9, 0.8, 0.7], epochs: [0.1, 0.2, 0.3], wallTimes: [1.7e9, 1.7e9 + 1, 1.7e9 + 2] }] },
  logMetrics: {
    runId: ref('heldRunId'),
    points: [
      { key: 'train/loss', step: 10, value: 0.5, epoch: 0.1, wallTime: 1.7e9 },
      { key: 'eval/f1_macro', step: 10, value: 0.8 },
    ],
  },
  recordArtifact: { runId: ref('heldRunId'), input: { kind: 'onnx', path: '/models/run/model.onnx', sha256: SHA256, bytes: 123_456 } },
  recordCheckpoint: { runId: ref('heldRunId'), input: { epoch: 1, step: 10, path: '/checkpoints/run/epoch-1', bytes: 100_000, metrics: { 'eval/f1_macro': 0.5 } } },
  recordPredictions: { runId: ref('heldRunId'), input: { split: 'test', ids: ['101', '102', '103'], labels: [0, 1, 1], predictions: [0, 1, 0] } },
  registerDataset: {
    input: {
      projectId: ref('projectId'),
      name: ref('unique'),
      source: FIXTURE,
      format: 'JSONL',
      columns: { text: 'content', label: 'grade3', id: 'review_id' },
      labelRule: 'grade3',
      split: { seed: 1, trainFraction: 0.8, validationFraction: 0, testFraction: 0.2 },
    },
  },
  registerWorker: { input: { name: ref('unique'), host: 'fuzz-host', cpus: 8, memoryBytes: 3.2e10, gpus: [{ index: 0, name: 'NVIDIA A100', memoryBytes: 8.5e10 }] } },
  releaseRun: { runId: ref('heldRunId'), workerId: ref('workerId') },
  reportProgress: { runId: ref('heldRunId'), workerId: ref('workerId'), input: { step: 5, totalSteps: 100, epoch: 0.5, samplesPerSecond: 10, tokensPerSecond: 1000, etaSeconds: 60 } },
  retryRun: { runId: ref('heldRunId'), workerId: ref('workerId'), input: { code: 'OOM', reason: 'CUDA out of memory', batchSize: 8, gradientAccumulationSteps: 2 } },
  revokeApiToken: { id: ref('tokenId') },
  startRun: { runId: ref('claimedRunId'), workerId: ref('workerId'), input: { trainableParameters: 1000, totalParameters: 5000, device: 'cuda:0' } },
};

// ---------------------------------------------------------------------------------------------------------------
// Hostile values, by GraphQL type.

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const allowed = (text: string) => (SEND_NUL || !text.includes('\u0000')) && (SEND_LONE_SURROGATES || !LONE_SURROGATE.test(text));
const oddPieces = fc.constantFrom(...['\r\n', '\t', '\u202e', '\u202c', '\u200f', '\ufeff', '🤖', '👨‍👩‍👧', 'é', 'я', ' ', '"', "'", '\\', '/', '%s', '${x}', '<script>', "'; drop table run; --", ...(SEND_NUL ? ['\u0000'] : [])]);
const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 20 }).filter(allowed) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }).filter(allowed) },
  { weight: 3, arbitrary: fc.array(fc.oneof(fc.string({ maxLength: 3 }).filter(allowed), loneSurrogate, oddPieces), { minLength: 1, maxLength: 8 }).map((parts) => parts.join('')).filter(allowed) },
  { weight: 2, arbitrary: fc.constantFrom('', ' ', '\n', '  \t  ', 'null', 'undefined', '0', '-1', 'NaN', 'true', '__proto__', 'constructor', '../../../../etc/passwd', '/dev/zero', '/proc/self/environ', 'hf://datasets/a/b/c.jsonl', 'http://127.0.0.1/', 'train/loss', 'eval/f1_macro', 'OOM', 'test', 'grade10>=7', 'custom:{"a":1}') },
  // Near and far past the length limits, in one- and two-unit characters.
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(31, 32, 33, 63, 64, 65, 127, 128, 129, 200, 201, 255, 256, 500, 501, 10_001, 100_000), fc.constantFrom('a', 'я', '🤖', 'A')).map(([n, c]) => c.repeat(n)) },
);
const int32 = fc.oneof(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.constantFrom(0, -1, 1, 2, 7, 42, 2 ** 31 - 1, -(2 ** 31), 1000, 4096, 4097));
const float = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 0.5, -1, 1, 1e-300, 5e-324, 1e308, -1e308, Number.MAX_VALUE, 2 ** 53 + 2, 1.7e9, 1e21),
);
const leafJson = fc.oneof(hostileString, float, int32, fc.boolean(), fc.constant(null));
const jsonObject: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.dictionary(fc.oneof(hostileString, fc.constantFrom('eval/f1_macro', 'train/loss', '__proto__', 'constructor', 'version')), leafJson, { maxKeys: 6 }) },
  { weight: 1, arbitrary: fc.constantFrom({}, { version: 1 }, { version: 1, dropped: 'x', splits: 5 }, { version: 1, dropped: [{ reason: 5 }] }, { train: -1, dropped: 'many' }, { a: { b: { c: [1, [2, [3]]] } } }) },
  { weight: 1, arbitrary: fc.integer({ min: 10, max: 3000 }).map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`eval/m_${i}`, i / n]))) },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 500 }).map((depth) => { let value: unknown = 1; for (let i = 0; i < depth; i++) value = { d: value }; return value as object; }) },
);

/**
 * How many times likelier a value keeps its example than turns hostile. Calls are made at three levels, so some
 * change one field of a valid request (and get deep into the resolver) while others change many.
 */
type Keep = number;
const LEVELS: { keep: Keep; weight: number }[] = [
  { keep: 40, weight: 3 },
  { keep: 6, weight: 2 },
  { keep: 1, weight: 1 },
];

function scalarArb(type: GraphQLNamedType, example: unknown, keep: Keep): fc.Arbitrary<unknown> {
  const hostile = ((): fc.Arbitrary<unknown> => {
    if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((value) => value.name));
    switch (type.name) {
      case 'String':
        return hostileString;
      case 'ID':
        return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ID_REFS).map(ref) }, { weight: 1, arbitrary: fc.uuid() }, { weight: 2, arbitrary: hostileString });
      case 'Int':
        return int32;
      case 'Float':
        return float;
      case 'Boolean':
        return fc.boolean();
      case 'JSONObject':
        return jsonObject;
      default:
        throw new Error(`the fuzzer has no values for scalar ${type.name}; add them to scalarArb`);
    }
  })();
  return example === undefined ? hostile : fc.oneof({ weight: keep, arbitrary: fc.constant(example) }, { weight: 1, arbitrary: hostile });
}

/** Values of a GraphQL input type, starting from an example (a valid value) and making parts of it hostile. */
function valueArb(type: GraphQLInputType, example: unknown, keep: Keep): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return innerArb(type.ofType, example, keep);
  const inner = innerArb(type, example, keep);
  if (example === undefined) return fc.oneof({ weight: 2 * keep, arbitrary: fc.constant(OMIT) }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: inner });
  return fc.oneof({ weight: 4 * keep, arbitrary: inner }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constant(OMIT) });
}

function innerArb(type: GraphQLInputType, example: unknown, keep: Keep): fc.Arbitrary<unknown> {
  if (isListType(type)) {
    const items = Array.isArray(example) ? example : [];
    const item = (value: unknown) => valueArb(type.ofType as GraphQLInputType, value, keep);
    const first = items[0];
    return fc.oneof(
      { weight: 3 * keep, arbitrary: items.length ? fc.tuple(...items.map(item)) : fc.array(item(undefined), { maxLength: 3 }) },
      { weight: 1, arbitrary: fc.constant([]) },
      // Duplicates, and lists longer than any client sends (10,001 metric points is one past the batch limit).
      { weight: 1, arbitrary: fc.tuple(item(first), fc.constantFrom(2, 3, 50, 1001, 10_001)).map(([value, n]) => Array(n).fill(value)) },
      { weight: 1, arbitrary: fc.array(item(undefined), { maxLength: 6 }) },
    );
  }
  if (isInputObjectType(type)) {
    const fields = type.getFields();
    const source = example !== null && typeof example === 'object' && !isRef(example) ? (example as Record<string, unknown>) : {};
    return fc.record(Object.fromEntries(Object.values(fields).map((field) => [field.name, valueArb(field.type, source[field.name], keep)]))).map(withoutOmitted);
  }
  return scalarArb(type as GraphQLNamedType, example, keep);
}

function withoutOmitted(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== OMIT));
}

// ---------------------------------------------------------------------------------------------------------------
// GraphQL-level type mismatches: each one is definitely invalid, so GraphQL must refuse it before any resolver.

interface Position {
  type: GraphQLInputType;
  /** Where the value sits: a parent object or list and its key. */
  parent: Record<string, unknown> | unknown[];
  key: string | number;
  /** The input field, when the value is one: a required field without default may be removed. */
  field?: GraphQLInputField;
}

/** Every place a value sits (or, with `absent`, could sit: input fields left out) in a request's variables. */
function positions(value: unknown, type: GraphQLInputType, parent: Position['parent'], key: string | number, field: GraphQLInputField | undefined, out: Position[], absent = false): void {
  out.push({ type, parent, key, field });
  const named = isNonNullType(type) ? type.ofType : type;
  if (value === null || value === undefined || isRef(value) || value instanceof Raw) return;
  if (isListType(named) && Array.isArray(value)) {
    value.slice(0, 20).forEach((item, index) => positions(item, named.ofType as GraphQLInputType, value, index, undefined, out, absent));
  } else if (isInputObjectType(named) && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    for (const inner of Object.values(named.getFields())) {
      if (inner.name in object) positions(object[inner.name], inner.type, object, inner.name, inner, out, absent);
      else if (absent) out.push({ type: inner.type, parent: object, key: inner.name, field: inner });
    }
  }
}

function wrongValueFor(type: GraphQLInputType, pick: number): unknown | typeof OMIT {
  const nonNull = isNonNullType(type);
  const named = nonNull ? type.ofType : type;
  const options: unknown[] = nonNull ? [null] : [];
  if (isListType(named)) {
    const inner = named.ofType as GraphQLInputType;
    // A single value is coerced into a one-item list, so only a broken item makes the list invalid.
    if (isNonNullType(inner)) options.push([null]);
    options.push(isInputObjectType(getNamedType(inner)) ? ['not an object'] : [{ not: 'a scalar' }]);
  } else if (isInputObjectType(named)) {
    options.push('not an object', 42, true, ['a list']);
  } else if (isEnumType(named)) {
    options.push('NOT_A_MEMBER', 1, true);
  } else {
    switch ((named as GraphQLNamedType).name) {
      case 'String':
        options.push({ an: 'object' }, true, 12, ['a list']);
        break;
      case 'ID':
        options.push({ an: 'object' }, true, 1.5);
        break;
      case 'Int':
        options.push('7', 1.5, 2 ** 31, -(2 ** 31) - 1, true, new Raw('1e999'));
        break;
      case 'Float':
        options.push('1.5', true, new Raw('1e999'), new Raw('-1e999'), { an: 'object' });
        break;
      case 'Boolean':
        options.push('true', 0);
        break;
      case 'JSONObject':
        options.push('{"a": 1}', 5, [1, 2], true);
        break;
    }
  }
  return options.length ? options[pick % options.length] : OMIT;
}

/** Applies one mismatch to the variables; returns what it did, or null when there was nothing to break. */
function breakOneType(variables: Record<string, unknown>, args: GraphQLField<unknown, unknown>['args'], plan: { target: number; kind: number }): string | null {
  const all: Position[] = [];
  for (const arg of args) positions(variables[arg.name], arg.type, variables, arg.name, undefined, all);
  for (let attempt = 0; attempt < all.length; attempt++) {
    const position = all[(plan.target + attempt) % all.length]!;
    const named = getNamedType(position.type);
    // An unknown field in an input object, or a required input field left out.
    const current = (position.parent as Record<string, unknown>)[position.key as string];
    if (plan.kind % 5 === 0 && isInputObjectType(named) && current && typeof current === 'object' && !Array.isArray(current) && !isRef(current)) {
      (current as Record<string, unknown>).notAField = 1;
      return `unknown field at ${String(position.key)}`;
    }
    if (plan.kind % 5 === 1 && position.field && isNonNullType(position.field.type) && position.field.defaultValue === undefined && !Array.isArray(position.parent)) {
      delete position.parent[position.key as string];
      return `required ${String(position.key)} removed`;
    }
    const wrong = wrongValueFor(position.type, plan.kind);
    if (wrong === OMIT) continue;
    (position.parent as Record<string | number, unknown>)[position.key] = wrong;
    return `${String(position.key)} set to ${wrong instanceof Raw ? wrong.token : JSON.stringify(wrong)}`;
  }
  return null;
}

/** A deep copy that keeps references (and Raw numbers) as they are. */
function structuredCloneWithRefs(value: unknown): unknown {
  if (isRef(value) || value instanceof Raw || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(structuredCloneWithRefs);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, structuredCloneWithRefs(item)]));
}

/** The values the sweep tries at one place of a request, by its GraphQL type. */
function sweepValues(type: GraphQLInputType, current: unknown): unknown[] {
  const named = isNonNullType(type) ? type.ofType : type;
  if (isListType(named)) {
    const first = Array.isArray(current) && current.length ? current[0] : undefined;
    return first === undefined ? [[]] : [[], [first, first], Array(10_001).fill(first)];
  }
  if (isInputObjectType(named) || isEnumType(named)) return [];
  switch ((named as GraphQLNamedType).name) {
    case 'String':
      // Longer than every varchar column (500 is the widest), empty, and the odd characters together.
      return ['', SEND_LONE_SURROGATES ? '\u202eé🤖\ud800 \t' : '\u202eé🤖 \t', 'é'.repeat(501)];
    case 'ID':
      return [randomUUID(), ref('foreignRunId'), ref('studyId')];
    case 'Int':
      return [-1, 2 ** 31 - 1, -(2 ** 31)];
    case 'Float':
      return [-1, 1e308, 5e-324];
    case 'JSONObject':
      return [{ version: 1 }, { version: 1, dropped: 'x', keptPerLabel: 3 }, Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`eval/m_${i}`, i]))];
    default:
      return [];
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Documents: every mutation with its arguments as variables, selecting the whole result a few levels deep so
// field resolvers run over what was just stored.

function selection(type: GraphQLOutputType, depth: number): string {
  const named = getNamedType(type);
  if (!isObjectType(named)) return '';
  const fields = Object.values(named.getFields()).filter((field) => field.args.every((arg) => !isNonNullType(arg.type) || arg.defaultValue !== undefined));
  const parts = fields.flatMap((field) => {
    const inner = getNamedType(field.type);
    if (!isObjectType(inner)) return [field.name];
    if (depth <= 1) return [];
    const sub = selection(field.type, depth - 1);
    return sub ? [`${field.name} { ${sub} }`] : [];
  });
  return parts.join(' ');
}

function documentFor(field: GraphQLField<unknown, unknown>): string {
  const variables = field.args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const args = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const sub = selection(field.type, 3);
  return `mutation Fuzz${variables ? `(${variables})` : ''} { ${field.name}${args ? `(${args})` : ''}${sub ? ` { ${sub} }` : ''} }`;
}

// ---------------------------------------------------------------------------------------------------------------
// The database, read directly: a snapshot of every table to prove that a refused call wrote nothing.

/** Changed by authentication, whatever the call does (last use of a token, at most once a minute or hour). */
const VOLATILE_COLUMNS: Record<string, string[]> = { api_token: ['last_used_at'] };
const isVolatileRow = (table: string, row: Record<string, unknown>) => table.startsWith('audit') && row.action === 'token.used';
/** Ingest tables grow by thousands of rows: compared by aggregates, enough to see any insert or change. */
const AGGREGATED: Record<string, string> = {
  metric_point: 'select count(*) as n, max(id) as last, sum(step) as steps, sum("value") as vals from metric_point',
  metric_rollup: 'select count(*) as n, max(id) as last, sum(count) as counts, sum(last_step) as steps from metric_rollup',
};

/** better-sqlite3, as far as this test uses it (the package ships no types). */
interface SqliteDatabase {
  prepare(sql: string): { all(): unknown[] };
  close(): void;
}
const Database = createRequire(__filename)('better-sqlite3') as new (file: string, options: { readonly: boolean; fileMustExist: boolean }) => SqliteDatabase;

interface Db {
  tables(): Promise<string[]>;
  all(sql: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

async function openDb(api: ApiProcess): Promise<Db> {
  if (api.databaseUrl) {
    const client = new PgClient({ connectionString: api.databaseUrl });
    await client.connect();
    return {
      tables: async () => (await client.query(`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'mikro_orm%'`)).rows.map((row) => row.table_name as string),
      all: async (sql) => (await client.query(sql)).rows,
      close: () => client.end(),
    };
  }
  const db = new Database(path.join(api.dataDir, 'tunelab.sqlite'), { readonly: true, fileMustExist: true });
  return {
    tables: async () => (db.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'mikro_orm%'`).all() as { name: string }[]).map((row) => row.name),
    all: async (sql) => db.prepare(sql).all() as Record<string, unknown>[],
    close: async () => void db.close(),
  };
}

const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, item) => (typeof item === 'bigint' ? item.toString() : item instanceof Date ? item.toISOString() : Buffer.isBuffer(item) ? item.toString('hex') : item));

async function snapshot(db: Db): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of (await db.tables()).sort()) {
    if (AGGREGATED[table]) {
      out[table] = canonical(await db.all(AGGREGATED[table]));
      continue;
    }
    const volatile = VOLATILE_COLUMNS[table] ?? [];
    const rows = (await db.all(`select * from "${table}"`))
      .filter((row) => !isVolatileRow(table, row))
      .map((row) => canonical(Object.fromEntries(Object.entries(row).filter(([column]) => !volatile.includes(column)))))
      .sort();
    out[table] = `${rows.length} rows, ${createHash('sha256').update(rows.join('\n')).digest('hex')}`;
  }
  return out;
}

/** varchar(N) columns of the PostgreSQL schema, from its migrations. */
function varcharLimits(): Map<string, Map<string, number>> {
  const limits = new Map<string, Map<string, number>>();
  const add = (table: string, column: string, n: number) => (limits.get(table) ?? limits.set(table, new Map()).get(table)!).set(column, n);
  for (const file of fs.readdirSync(PG_MIGRATIONS).filter((name) => name.startsWith('Migration'))) {
    const text = fs.readFileSync(path.join(PG_MIGRATIONS, file), 'utf8');
    for (const [, table, body] of text.matchAll(/create table "(\w+)" \((.*?)\);`/g)) {
      for (const [, column, n] of body!.matchAll(/"(\w+)" varchar\((\d+)\)/g)) add(table!, column!, Number(n));
    }
    for (const [, table, column, n] of text.matchAll(/alter table "(\w+)" add column "(\w+)" varchar\((\d+)\)/g)) add(table!, column!, Number(n));
  }
  return limits;
}

// ---------------------------------------------------------------------------------------------------------------

interface Answer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string; field?: string } }[] };
}

describe(`every mutation, fuzzed with hostile input (${databaseLabel})`, () => {
  let api: ApiProcess;
  let client: ApiClient;
  let foreignClient: ApiClient;
  let db: Db;
  const fixed = {} as Record<Exclude<RefKind, 'tokenId' | 'heldRunId' | 'claimedRunId' | 'queuedRunId' | 'unique'>, string>;
  let adminTokenId = '';
  let heldRunId: string | null = null;
  let counter = 0;
  const tally = new Map<string, { accepted: number; refused: number; mismatched: number }>();

  beforeAll(async () => {
    api = await startApi({
      env: { TUNELAB_RATE_LIMIT: '0', TUNELAB_RATE_LIMIT_ANONYMOUS: '0', TUNELAB_LEASE_SECONDS: '3600', TUNELAB_MAX_QUERY_DEPTH: '50', TUNELAB_MAX_QUERY_COST: '100000000' },
    });
    client = new ApiClient(api.url, api.adminToken);
    const own = await seed(client).study({ methods: THREE_METHODS, seeds: [1] });
    Object.assign(fixed, { projectId: own.projectId, datasetId: own.datasetId, studyId: own.studyId, workerId: await seed(client).worker('fuzz worker'), otherWorkerId: await seed(client).worker('bystander') });
    adminTokenId = (await client.request(`{ apiTokens { id siteAdmin } }`)).apiTokens.find((token: { siteAdmin: boolean }) => token.siteAdmin).id;

    // Another team, with a run its own worker holds: every id of it must look absent to this team.
    const team = await client.request(`mutation ($name: String!) { createTeam(name: $name) { team { id } adminToken { id secret } } }`, { name: 'fuzz: another team' });
    foreignClient = client.withToken(team.createTeam.adminToken.secret);
    const other = await seed(foreignClient).study({ methods: [THREE_METHODS[0]], seeds: [3] });
    const foreignWorkerId = await seed(foreignClient).worker('their worker');
    const claim = await foreignClient.request(CLAIM_RUN, { workerId: foreignWorkerId });
    Object.assign(fixed, {
      foreignProjectId: other.projectId,
      foreignDatasetId: other.datasetId,
      foreignStudyId: other.studyId,
      foreignRunId: claim.claimRun.run.id,
      foreignWorkerId,
      foreignTokenId: team.createTeam.adminToken.id,
    });
    db = await openDb(api);
  });

  afterAll(async () => {
    const rows = [...tally].map(([name, counts]) => `${name.padEnd(18)} accepted ${String(counts.accepted).padStart(3)}  refused ${String(counts.refused).padStart(3)}  (type mismatches ${counts.mismatched})`);
    if (rows.length) console.log(`fuzzed mutations (${databaseLabel}, seed ${SEED}, ${RUNS} runs each):\n${rows.join('\n')}`);
    await db?.close();
    await api?.stop();
  });

  /** A queued run of this team, making a new study of 40 runs when the queue is empty. */
  async function queuedRun(): Promise<string> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const page = await client.request(`{ runs(filter: { status: QUEUED }, first: 1) { edges { node { id } } } }`);
      if (page.runs.edges.length) return page.runs.edges[0].node.id as string;
      await client.request(CREATE_STUDY, {
        input: { projectId: fixed.projectId, datasetId: fixed.datasetId, name: `fuzz pool ${++counter}`, methods: [THREE_METHODS[0], THREE_METHODS[1]], seeds: Array.from({ length: 20 }, (_, i) => i) },
      });
    }
    throw new Error('no queued run even after making a study');
  }

  /**
   * A run the fuzz worker holds (claimed or running; with `claimedOnly`, not started yet), claiming the next one
   * when the last was finished, given back or (for claimedOnly) started.
   */
  async function heldRun(claimedOnly = false): Promise<string> {
    if (heldRunId) {
      const { run } = await client.request(`query ($id: ID!) { run(id: $id) { status worker { id } } }`, { id: heldRunId });
      if ((claimedOnly ? ['CLAIMED'] : ['CLAIMED', 'RUNNING']).includes(run.status) && run.worker?.id === fixed.workerId) return heldRunId;
    }
    await queuedRun();
    const claim = await client.request(CLAIM_RUN, { workerId: fixed.workerId });
    heldRunId = claim.claimRun.run.id as string;
    return heldRunId!;
  }

  /** A token of this team that is not the one the fuzzer uses. */
  async function spareToken(): Promise<string> {
    const { apiTokens } = await client.request(`{ apiTokens { id revokedAt } }`);
    const spare = apiTokens.find((token: { id: string; revokedAt: string | null }) => token.id !== adminTokenId && !token.revokedAt);
    if (spare) return spare.id as string;
    return (await client.request(`mutation ($name: String!) { createApiToken(name: $name) { id } }`, { name: `spare ${++counter}` })).createApiToken.id as string;
  }

  /** Replaces references with live values (one value per kind and call, a new one per unique name); copies the rest. */
  async function resolveRefs(value: unknown, memo = new Map<RefKind, string>()): Promise<unknown> {
    if (isRef(value)) {
      const kind = value[REF];
      if (kind === 'unique') return `fuzz ${process.pid}-${++counter}`;
      if (!memo.has(kind)) {
        const live = { heldRunId: () => heldRun(), claimedRunId: () => heldRun(true), queuedRunId: queuedRun, tokenId: spareToken } as Partial<Record<RefKind, () => Promise<string>>>;
        memo.set(kind, live[kind] ? await live[kind]!() : fixed[kind as keyof typeof fixed]);
      }
      return memo.get(kind);
    }
    if (value instanceof Raw || value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      const out = [];
      for (const item of value) out.push(await resolveRefs(item, memo));
      return out;
    }
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = await resolveRefs(item, memo);
    return out;
  }

  async function post(query: string, variables: Record<string, unknown>): Promise<Answer> {
    const body = JSON.stringify({ query, variables }, (_key, item) => (item instanceof Raw ? `${RAW_NONCE}:${item.token}` : item)).replace(
      new RegExp(`"${RAW_NONCE}:([^"]+)"`, 'g'),
      '$1',
    );
    const response = await fetch(api.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${api.adminToken}` }, body });
    const text = await response.text();
    let parsed: Answer['body'];
    try {
      parsed = JSON.parse(text) as Answer['body'];
    } catch {
      throw new Error(`HTTP ${response.status} with a body that is not JSON: ${text.slice(0, 300)}`);
    }
    return { status: response.status, body: parsed };
  }

  /** Up, answering, and no internal error logged since `since` (an offset into the API's output). */
  async function healthy(since: number): Promise<void> {
    const health = await fetch(api.url.replace(/\/graphql$/, '/healthz'));
    expect(health.status, 'GET /healthz').toBe(200);
    expect((await client.request(`{ viewer { team { id } } }`)).viewer.team.id).toBeTruthy();
    expect(api.output().slice(since), 'the API logged an internal error').not.toMatch(/internal error/);
  }

  it('has a valid example for every mutation in the schema, so each one is fuzzed', () => {
    const missing = Object.keys(mutationFields).filter((name) => !VALID[name]);
    expect(missing, `mutations without an example in fuzz-mutations.test.ts (add one to VALID): ${missing.join(', ')}`).toEqual([]);
    expect(Object.keys(VALID).filter((name) => !mutationFields[name]), 'examples of mutations no longer in the schema').toEqual([]);
  });

  const names = Object.keys(mutationFields).filter((name) => VALID[name]);

  it.each(names.map((name, index) => [name, index] as const))('%s: refuses hostile input with a client error naming the field, writes nothing when refused', async (name, index) => {
    const field = mutationFields[name]!;
    const document = documentFor(field);
    const argNames = new Set(field.args.map((arg) => arg.name));
    const counts = { accepted: 0, refused: 0, mismatched: 0 };
    const outputBefore = api.output().length;
    tally.set(name, counts);
    /** One call and the properties every call must keep. `changed` and `broken` say how the request was made hostile. */
    const exercise = async (variables: Record<string, unknown>, changed: string | null, broken: string | null) => {
      const before = await snapshot(db);
      const answer = await post(document, variables);
      const context = `${name}${changed ? ` (only ${changed})` : ''}${broken ? ` (${broken})` : ''}: HTTP ${answer.status} ${canonical(answer.body).slice(0, 1500)}`;

      // (a) no server error; every refusal is a client error that names what to fix.
      expect(answer.status, context).toBeLessThan(500);
      const errors = answer.body.errors ?? [];
      for (const error of errors) {
        const code = error.extensions?.code ?? '(none)';
        expect(CLIENT_CODES.has(code), `code ${code}: ${context}`).toBe(true);
        expect(error.message.length, context).toBeGreaterThan(0);
        if (code === 'BAD_USER_INPUT') {
          const named = error.extensions?.field;
          if (named) {
            expect(error.message, context).toContain(named);
            expect(argNames.has(named.split(/[.[]/)[0]!), `field ${named} is not an argument of ${name}: ${context}`).toBe(true);
          } else {
            expect([...argNames].some((arg) => error.message.includes(`"$${arg}"`)), `no field or variable named: ${context}`).toBe(true);
          }
        }
      }
      if (broken) expect(errors.length, `a type mismatch was accepted: ${context}`).toBeGreaterThan(0);

      if (errors.length) {
        counts.refused++;
        if (broken) counts.mismatched++;
        // (b) a refused call leaves every table as it was.
        const after = await snapshot(db);
        const tables = Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table]);
        expect(tables, `a refused call changed ${tables.join(', ')}: ${context}`).toEqual([]);
      } else {
        counts.accepted++;
        expect(answer.body.data && name in answer.body.data, context).toBe(true);
      }
    };

    // 1. A sweep: every value of the valid request, and every optional field it leaves out, set one at a time to
    //    the values most likely to slip past a rule (past every column's length, Int and Float edges, wrong ids, ...).
    const template = VALID[name]!;
    const slots: Position[] = [];
    for (const arg of field.args) positions(template[arg.name], arg.type, template, arg.name, undefined, slots, true);
    for (const [slot, slotIndex] of slots.map((slot, i) => [slot, i] as const)) {
      if (Array.isArray(slot.parent) && slot.key !== 0) continue; // the first item of a list stands for the rest
      for (const value of sweepValues(slot.type, (slot.parent as Record<string | number, unknown>)[slot.key])) {
        const variables = structuredCloneWithRefs(template) as Record<string, unknown>;
        const target: Position[] = [];
        for (const arg of field.args) positions(variables[arg.name], arg.type, variables, arg.name, undefined, target, true);
        (target[slotIndex]!.parent as Record<string | number, unknown>)[slot.key] = value;
        await exercise((await resolveRefs(variables)) as Record<string, unknown>, `${String(slot.key)} = ${canonical(value).slice(0, 60)}`, null);
      }
    }

    // 2. Random requests: mostly valid with some values hostile (at three rates), a ninth also broken in type.
    const variablesArb = fc.oneof(
      ...LEVELS.map(({ keep, weight }) => ({
        weight,
        arbitrary: fc.record(Object.fromEntries(field.args.map((arg) => [arg.name, valueArb(arg.type, template[arg.name], keep)]))).map(withoutOmitted),
      })),
    );
    const mismatchArb = fc.oneof({ weight: 8, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.record({ target: fc.nat(), kind: fc.nat() }) });
    await checkProperty(
      fc.asyncProperty(variablesArb, mismatchArb, async (generated, mismatch) => {
        const variables = (await resolveRefs(generated)) as Record<string, unknown>;
        const broken = mismatch ? breakOneType(variables, field.args, mismatch) : null;
        await exercise(variables, null, broken);
      }),
      SEED + index,
      RUNS,
    );
    // (c) still healthy after every mutation's run.
    await healthy(outputBefore);
    expect(counts.refused, `${name} was never refused: the fuzzer is too tame`).toBeGreaterThan(0);
  });

  it('stored only what fits the PostgreSQL columns', async () => {
    const problems: string[] = [];
    for (const [table, columns] of varcharLimits()) {
      for (const row of await db.all(`select * from "${table}"`)) {
        for (const [column, limit] of columns) {
          const value = row[column];
          if (typeof value === 'string' && Array.from(value).length > limit) problems.push(`${table}.${column} holds ${Array.from(value).length} characters (varchar(${limit})), row ${String(row.id)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('is still healthy, with no internal error logged all along', async () => {
    await healthy(0);
  });

  it('refuses U+0000 and lone surrogates in string arguments with BAD_USER_INPUT on every database', async () => {
    const before = await snapshot(db);
    const answers = [
      await post(`mutation ($input: CreateProjectInput!) { createProject(input: $input) { id } }`, { input: { name: 'a\u0000b' } }),
      await post(`mutation ($runId: ID!) { cancelRun(runId: $runId) { id } }`, { runId: 'a\u0000b' }),
      await post(`mutation ($input: RegisterWorkerInput!) { registerWorker(input: $input) { id } }`, {
        input: { name: 'surrogate', host: 'h', cpus: 1, memoryBytes: 1, gpus: [{ index: 0, name: 'gpu \ud800', memoryBytes: 1 }] },
      }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBeLessThan(500);
      expect(answer.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect(await snapshot(db)).toEqual(before);
  });
});
