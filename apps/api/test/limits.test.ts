import fs from 'node:fs';
import path from 'node:path';
import {
  type ASTNode,
  buildSchema,
  type DefinitionNode,
  type FragmentDefinitionNode,
  getIntrospectionQuery,
  Kind,
  type OperationDefinitionNode,
  parse,
  print,
  visit,
} from 'graphql';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEFAULT_MAX_QUERY_BYTES, DEFAULT_MAX_QUERY_COST, DEFAULT_MAX_QUERY_DEPTH } from '../src/graphql/limits/api-limits';
import { measureOperation } from '../src/graphql/limits/query-measure';
import { startApi, type ApiProcess } from './kit/api-process';
import { ApiClient } from './kit/client';
import { databaseLabel } from './kit/databases';

const REPO = path.resolve(__dirname, '../../..');

interface ErrorShape {
  message: string;
  extensions?: Record<string, unknown> & { code?: string };
}

interface HttpAnswer {
  status: number;
  headers: Headers;
  contentType: string;
  errors: ErrorShape[];
  data: unknown;
}

/** One POST, keeping what a script sees: status, headers and the JSON body. */
async function post(url: string, token: string | null, body: string): Promise<HttpAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  const contentType = response.headers.get('content-type') ?? '';
  const text = await response.text();
  let json: { errors?: ErrorShape[]; data?: unknown } = {};
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`HTTP ${response.status} answered ${contentType}, not JSON: ${text.slice(0, 300)}`);
  }
  return { status: response.status, headers: response.headers, contentType, errors: json.errors ?? [], data: json.data };
}

const postQuery = (url: string, token: string | null, query: string, variables: Record<string, unknown> = {}) => post(url, token, JSON.stringify({ query, variables }));

/** One graphql-ws connection; each operation resolves to its first error (null when it ran without one). */
function wsConnection(url: string, token: string | null) {
  const client = createClient({ url, webSocketImpl: WebSocket, connectionParams: token ? { authorization: `Bearer ${token}` } : {}, retryAttempts: 0 });
  return {
    firstError(query: string, variables: Record<string, unknown> = {}, timeoutMs = 10_000): Promise<ErrorShape | null> {
      return new Promise((resolve, reject) => {
        let settled = false;
        const settle = (value: ErrorShape | null) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          unsubscribe();
          resolve(value);
        };
        const timer = setTimeout(() => settle(null), timeoutMs);
        const unsubscribe = client.subscribe(
          { query, variables },
          {
            next: (value) => {
              if (value.errors?.length) settle(value.errors[0] as ErrorShape);
            },
            error: (error) => {
              if (Array.isArray(error)) settle(error[0] as ErrorShape);
              else if (!settled) {
                settled = true;
                clearTimeout(timer);
                reject(new Error(`the connection failed: ${JSON.stringify(error)}`));
              }
            },
            complete: () => settle(null),
          },
        );
      });
    },
    close: () => client.dispose() as Promise<void>,
  };
}

const LIMIT_CODES = ['QUERY_TOO_DEEP', 'QUERY_TOO_COSTLY', 'QUERY_TOO_LARGE', 'PAYLOAD_TOO_LARGE', 'RATE_LIMITED'];

const MISSING_RUN = '00000000-0000-0000-0000-000000000000';
// Depth 5 (run 1, study 2, project 3, team 4, name 5) at cost 5.
const DEPTH_5 = `query Deep { run(id: "${MISSING_RUN}") { study { project { team { name } } } } }`;
// The same through a fragment: its nesting counts where it is spread.
const DEPTH_5_VIA_FRAGMENT = `query DeepFragment { run(id: "${MISSING_RUN}") { ...R } } fragment R on Run { study { project { team { name } } } }`;
// Depth 4 (__typename does not count) at cost 1 + 10 × (1 + 10 × (1 + 1)) = 211.
const DEPTH_4 = `query Shallow { projects { studies { project { name __typename } } } }`;
// 1 + 10 × (1 + 10 × (1 + 10 × 1)) with the default list factor of 10.
const COST_1111 = `query Costly { projects { studies { runs { id } } } }`;
// runs(first) stands for the length of edges: 1 + (1 + first × (1 + 1)).
const connectionOf = (first: number) => `query Page { runs(first: ${first}) { edges { node { id } } } }`;
const SUBSCRIPTION_DEPTH_6 = `subscription ($runId: ID!) { runEvents(runId: $runId) { run { study { project { studies { id } } } } } }`;
// Depth 3; each alias of the points list costs 1 + 10 × 5: 1 + 6 × 51 = 307.
const SUBSCRIPTION_COSTLY = `subscription ($runId: ID!) { runEvents(runId: $runId) { ${[1, 2, 3, 4, 5, 6].map((i) => `p${i}: points { key step value epoch wallTime }`).join(' ')} } }`;
const RUN_EVENTS = `subscription ($runId: ID!) { runEvents(runId: $runId) { kind runId } }`;

describe(`query depth, cost and size limits (${databaseLabel})`, () => {
  let api: ApiProcess;

  beforeAll(async () => {
    api = await startApi({ env: { TUNELAB_MAX_QUERY_DEPTH: '4', TUNELAB_MAX_QUERY_COST: '250', TUNELAB_MAX_QUERY_BYTES: '2048', TUNELAB_RATE_LIMIT: '0' } });
  });
  afterAll(() => api?.stop());

  it('refuses a query deeper than TUNELAB_MAX_QUERY_DEPTH with QUERY_TOO_DEEP, the depth and the limit', async () => {
    const answer = await postQuery(api.url, api.adminToken, DEPTH_5);
    expect(answer.status).toBe(400);
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors[0].extensions?.code).toBe('QUERY_TOO_DEEP');
    expect(answer.errors[0].message).toBe('query depth 5 exceeds the limit of 4 (TUNELAB_MAX_QUERY_DEPTH); select fewer nested fields or split the query');
    expect(answer.errors[0].extensions).toMatchObject({ depth: 5, limit: 4 });
    expect(answer.data).toBeUndefined();

    const viaFragment = await postQuery(api.url, api.adminToken, DEPTH_5_VIA_FRAGMENT);
    expect(viaFragment.errors.map((error) => error.extensions?.code)).toEqual(['QUERY_TOO_DEEP']);

    const shallow = await postQuery(api.url, api.adminToken, DEPTH_4);
    expect(shallow.errors, JSON.stringify(shallow.errors)).toEqual([]);
    expect(shallow.data).toEqual({ projects: [] });
  });

  it('does not loop on fragments that spread each other (graphql reports the cycle)', async () => {
    const answer = await postQuery(api.url, api.adminToken, `query Cycle { projects { ...A } } fragment A on Project { studies { project { ...B } } } fragment B on Project { ...A }`);
    expect(answer.status).toBe(400);
    expect(answer.errors.map((error) => error.message).join('\n')).toMatch(/Cannot spread fragment "A" within itself/);
  });

  it('refuses a query costlier than TUNELAB_MAX_QUERY_COST with QUERY_TOO_COSTLY, counting list sizes', async () => {
    const answer = await postQuery(api.url, api.adminToken, COST_1111);
    expect(answer.status).toBe(400);
    expect(answer.errors[0].extensions?.code).toBe('QUERY_TOO_COSTLY');
    expect(answer.errors[0].message).toContain('query cost 1111 exceeds the limit of 250 (TUNELAB_MAX_QUERY_COST)');
    expect(answer.errors[0].extensions).toMatchObject({ cost: 1111, limit: 250 });

    // The page size is the list's length: 2 runs cost 6, 150 runs cost 302.
    const small = await postQuery(api.url, api.adminToken, connectionOf(2));
    expect(small.errors).toEqual([]);
    const large = await postQuery(api.url, api.adminToken, connectionOf(150));
    expect(large.errors[0].extensions?.code).toBe('QUERY_TOO_COSTLY');
    expect(large.errors[0].message).toContain('query cost 302 exceeds the limit of 250');
  });

  it('refuses query text longer than TUNELAB_MAX_QUERY_BYTES with 413 QUERY_TOO_LARGE before parsing it', async () => {
    const query = `{ projects { id } }\n# ${'x'.repeat(2100)}`;
    const bytes = Buffer.byteLength(query);
    const answer = await postQuery(api.url, api.adminToken, query);
    expect(answer.status).toBe(413);
    expect(answer.contentType).toMatch(/application\/json/);
    expect(answer.errors[0].extensions?.code).toBe('QUERY_TOO_LARGE');
    expect(answer.errors[0].message).toBe(`query text of ${bytes} bytes exceeds the limit of 2048 bytes (TUNELAB_MAX_QUERY_BYTES); send a smaller document`);

    // Over GET as well (Apollo takes queries in the URL).
    const response = await fetch(`${api.url}?query=${encodeURIComponent(query)}`, { headers: { authorization: `Bearer ${api.adminToken}`, 'apollo-require-preflight': '1' } });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { errors: ErrorShape[] }).errors[0].extensions?.code).toBe('QUERY_TOO_LARGE');
  });

  it('answers a body over 16 MB with 413 PAYLOAD_TOO_LARGE in JSON, not an HTML page', async () => {
    const body = JSON.stringify({ query: `{ projects { id } }`, variables: { blob: 'x'.repeat(17 * 1024 * 1024) } });
    const answer = await post(api.url, api.adminToken, body);
    expect(answer.status).toBe(413);
    expect(answer.contentType).toMatch(/application\/json/);
    expect(answer.errors[0].extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    expect(answer.errors[0].message).toContain('16mb');

    const broken = await post(api.url, api.adminToken, '{"query": "{ projects { id } }"');
    expect(broken.status).toBe(400);
    expect(broken.contentType).toMatch(/application\/json/);
    expect(broken.errors[0].extensions?.code).toBe('BAD_REQUEST');
  });

  it('refuses HTTP batches: Apollo 5 has batching off', async () => {
    const answer = await post(api.url, api.adminToken, JSON.stringify([{ query: `{ projects { id } }` }, { query: `{ projects { id } }` }]));
    expect(answer.status).toBe(400);
    expect(answer.errors[0].message).toMatch(/batching disabled/i);
  });

  it('applies depth, cost and size to subscriptions over graphql-ws, and keeps the connection', async () => {
    const ws = wsConnection(api.wsUrl, api.adminToken);
    try {
      const deep = await ws.firstError(SUBSCRIPTION_DEPTH_6, { runId: MISSING_RUN });
      expect(deep?.extensions?.code).toBe('QUERY_TOO_DEEP');
      expect(deep?.message).toContain('query depth 6 exceeds the limit of 4 (TUNELAB_MAX_QUERY_DEPTH)');

      const costly = await ws.firstError(SUBSCRIPTION_COSTLY, { runId: MISSING_RUN });
      expect(costly?.extensions?.code).toBe('QUERY_TOO_COSTLY');
      expect(costly?.message).toMatch(/^query cost 307 exceeds the limit of 250 \(TUNELAB_MAX_QUERY_COST\)/);

      const large = await ws.firstError(`${RUN_EVENTS}\n# ${'x'.repeat(2100)}`, { runId: MISSING_RUN });
      expect(large?.extensions?.code).toBe('QUERY_TOO_LARGE');

      // The same connection still runs a small subscription (here: refused by the resolver, not by a limit).
      const small = await ws.firstError(RUN_EVENTS, { runId: MISSING_RUN });
      expect(small?.extensions?.code).toBe('NOT_FOUND');
    } finally {
      await ws.close();
    }
  });
});

describe(`per-token rate limits (${databaseLabel})`, () => {
  // 20 a minute: one token every 3 s, 5 at once; without a token: 60 a minute, 6 at once.
  const PER_MINUTE = 20;
  const BURST = 5;
  let api: ApiProcess;
  const tokens: Record<'limited' | 'other' | 'ws', string> = { limited: '', other: '', ws: '' };

  beforeAll(async () => {
    api = await startApi({ env: { TUNELAB_RATE_LIMIT: String(PER_MINUTE), TUNELAB_RATE_LIMIT_BURST: String(BURST), TUNELAB_RATE_LIMIT_ANONYMOUS: '60' } });
    const admin = new ApiClient(api.url, api.adminToken);
    for (const name of Object.keys(tokens) as (keyof typeof tokens)[]) {
      const { createApiToken } = await admin.request<{ createApiToken: { secret: string } }>(`mutation ($name: String!) { createApiToken(name: $name) { secret } }`, { name });
      tokens[name] = createApiToken.secret;
    }
    // A token draws from its own bucket once this process has seen it authenticate.
    for (const token of Object.values(tokens)) expect((await postQuery(api.url, token, `{ viewer { tokenName } }`)).errors).toEqual([]);
  });
  afterAll(() => api?.stop());

  /** Sends until refused (at most `max` requests); returns how many passed and the refusal. */
  async function untilLimited(token: string | null, max = 30): Promise<{ passed: number; refusal: HttpAnswer | null }> {
    for (let passed = 0; passed < max; passed++) {
      const answer = await postQuery(api.url, token, `{ __typename }`);
      if (answer.status === 429) return { passed, refusal: answer };
      expect(answer.status, JSON.stringify(answer.errors)).toBe(200);
    }
    return { passed: max, refusal: null };
  }

  it('answers a token over its budget with 429, Retry-After and RATE_LIMITED; other tokens go on; the bucket refills', async () => {
    const { passed, refusal } = await untilLimited(tokens.limited);
    expect(refusal, `no 429 after ${passed} requests`).not.toBeNull();
    // The burst, plus at most a token or two refilled while the requests ran (one per 3 s).
    expect(passed).toBeGreaterThanOrEqual(BURST);
    expect(passed).toBeLessThanOrEqual(BURST + 2);
    const retryAfter = Number(refusal!.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(3);
    const [error] = refusal!.errors;
    expect(error.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: retryAfter, limit: PER_MINUTE });
    expect(error.message).toBe(
      `rate limit: an API token may send ${PER_MINUTE} requests a minute, ${BURST} at once (TUNELAB_RATE_LIMIT, TUNELAB_RATE_LIMIT_BURST); retry after ${retryAfter} s`,
    );

    // Another token of the same team, from the same address, is not affected.
    const other = await postQuery(api.url, tokens.other, `{ viewer { tokenName } }`);
    expect(other.status).toBe(200);
    expect(other.data).toEqual({ viewer: { tokenName: 'other' } });

    // After Retry-After the same token is served again.
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 + 100));
    const again = await postQuery(api.url, tokens.limited, `{ viewer { tokenName } }`);
    expect(again.status).toBe(200);
    expect(again.data).toEqual({ viewer: { tokenName: 'limited' } });
  });

  it('counts subscribe operations over graphql-ws against the connection token', async () => {
    const ws = wsConnection(api.wsUrl, tokens.ws);
    try {
      const codes: (string | undefined)[] = [];
      for (let i = 0; i < BURST + 5 && !codes.includes('RATE_LIMITED'); i++) {
        const error = await ws.firstError(RUN_EVENTS, { runId: MISSING_RUN });
        codes.push(error?.extensions?.code);
      }
      // The first ones reach the resolver (the run does not exist); then the bucket is empty.
      expect(codes.slice(0, BURST - 1)).toEqual(Array(BURST - 1).fill('NOT_FOUND'));
      expect(codes.at(-1)).toBe('RATE_LIMITED');
      // The same token over HTTP shares the bucket.
      expect((await postQuery(api.url, tokens.ws, `{ __typename }`)).status).toBe(429);
    } finally {
      await ws.close();
    }
  });

  it('limits requests without a known token per address, so inventing tokens buys nothing', async () => {
    const { passed, refusal } = await untilLimited(null);
    expect(refusal, `no 429 after ${passed} anonymous requests`).not.toBeNull();
    expect(passed).toBeLessThanOrEqual(6 + 3);
    expect(refusal!.errors[0].extensions?.code).toBe('RATE_LIMITED');
    expect(refusal!.errors[0].message).toContain('TUNELAB_RATE_LIMIT_ANONYMOUS');

    const invented = await postQuery(api.url, 'tlk_invented-token-that-does-not-exist', `{ __typename }`);
    expect(invented.status).toBe(429);
    // A token this process knows keeps its own bucket.
    expect((await postQuery(api.url, tokens.other, `{ __typename }`)).status).toBe(200);
  });
});

// ---------------------------------------------------------------------------------------------------------
// The documents the clients of this repository send, read from their sources.

interface ClientOperation {
  source: string;
  name: string;
  operation: OperationDefinitionNode;
  document: string;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return ['node_modules', 'gql', 'bench', '.next'].includes(entry.name) ? [] : sourceFiles(file);
    return /\.tsx?$/.test(entry.name) && !/\.(spec|test)\.tsx?$/.test(entry.name) ? [file] : [];
  });
}

const FRAGMENT_NAME = /^[A-Z]\w*_\w+$/;

/**
 * Every gql`…` (web), graphql(`…`) (trainer) and plain `query|mutation|subscription …` template (CLI, e2e) of
 * the clients. `${NAME}` is replaced by a string constant of the same file (field lists) or dropped when it
 * names a fragment (`Component_Purpose`, whose definition is collected from wherever it lives). Any other
 * interpolation means the document is built at run time: the web's comparison page builds its documents for n
 * runs, so its `…Query(n)` builders are called for the most runs the page allows, and any other run-time
 * document is reported (add its builder here).
 */
async function clientOperations(): Promise<{ operations: ClientOperation[]; unparsed: string[] }> {
  const texts: { source: string; text: string }[] = [];
  const dynamic: { source: string; name: string }[] = [];
  for (const dir of ['apps/web/src', 'apps/trainer/src', 'apps/cli/src', 'e2e/kit', 'e2e/tests']) {
    for (const file of sourceFiles(path.join(REPO, dir))) {
      const source = path.relative(REPO, file);
      const code = fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
      const constants = new Map<string, string>();
      for (const match of code.matchAll(/const (\w+) = (['`])([^'`]*)\2;/g)) constants.set(match[1], match[3]);
      const seen = new Set<string>();
      for (const pattern of [/\bgql(?:<[^`]*?>)?`([^`]*)`/g, /\bgraphql\(\s*`([^`]*)`/g, /`(\s*(?:query|mutation|subscription)\b\s*\w*\s*[({][^`]*)`/g]) {
        for (const match of code.matchAll(pattern)) {
          if (seen.has(match[1])) continue;
          seen.add(match[1]);
          const text = match[1].replace(/\$\{\s*(\w+)\s*\}/g, (whole, name: string) => constants.get(name) ?? (FRAGMENT_NAME.test(name) ? '' : whole));
          if (text.includes('${')) dynamic.push({ source, name: /(?:query|mutation|subscription)\s+(\w+)/.exec(text)?.[1] ?? text.slice(0, 60) });
          else texts.push({ source, text });
        }
      }
    }
  }
  // Imported by path: the web app is another TypeScript project (its own paths and rootDir).
  const compareModel = path.join(REPO, 'apps/web/src/features/compare/compare-model.ts');
  const builders = (await import(compareModel)) as Record<string, unknown> & { MAX_RUNS: number };
  for (const [name, build] of Object.entries(builders)) {
    if (typeof build === 'function' && name.endsWith('Query')) {
      texts.push({ source: `${path.relative(REPO, compareModel)} ${name}(${builders.MAX_RUNS})`, text: (build as (count: number) => string)(builders.MAX_RUNS) });
    }
  }

  const fragments = new Map<string, FragmentDefinitionNode>();
  const found: { source: string; operation: OperationDefinitionNode }[] = [];
  const unparsed: string[] = [];
  for (const { source, text } of texts) {
    let definitions: readonly DefinitionNode[];
    try {
      definitions = parse(text).definitions;
    } catch (error) {
      unparsed.push(`${source}: ${(error as Error).message} in ${text.slice(0, 80)}`);
      continue;
    }
    for (const definition of definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
      else if (definition.kind === Kind.OPERATION_DEFINITION) found.push({ source, operation: definition });
    }
  }
  const operations = found.map(({ source, operation }) => {
    const needed = new Map<string, FragmentDefinitionNode>();
    const collect = (node: ASTNode) =>
      visit(node, {
        FragmentSpread(spread) {
          const name = spread.name.value;
          if (needed.has(name)) return;
          const fragment = fragments.get(name);
          if (!fragment) return void unparsed.push(`${source}: fragment ${name} not found`);
          needed.set(name, fragment);
          collect(fragment);
        },
      });
    collect(operation);
    const document = [operation, ...needed.values()].map((definition) => print(definition)).join('\n');
    return { source, name: operation.name?.value ?? '(anonymous)', operation, document };
  });
  const built = new Set(operations.map((operation) => operation.name));
  for (const { source, name } of dynamic) if (!built.has(name)) unparsed.push(`${source}: ${name} is built at run time and no builder of it is called here`);
  return { operations, unparsed };
}

describe(`the documents of the web app, CLI, trainer and e2e pass the default limits with margin (${databaseLabel})`, () => {
  let operations: ClientOperation[] = [];
  let unparsed: string[] = [];
  let measured: (ClientOperation & { bytes: number; depth: number; cost: number })[] = [];
  let api: ApiProcess;

  beforeAll(async () => {
    const schema = buildSchema(fs.readFileSync(path.join(REPO, 'packages/schema/schema.graphql'), 'utf8'));
    ({ operations, unparsed } = await clientOperations());
    measured = operations.map((entry) => {
      const fragments = new Map(parse(entry.document).definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [])));
      return { ...entry, bytes: Buffer.byteLength(entry.document), ...measureOperation(schema, entry.operation, (name) => fragments.get(name)) };
    });
    api = await startApi();
  });
  afterAll(() => api?.stop());

  it('finds the clients’ documents in their sources', () => {
    expect(unparsed).toEqual([]);
    const names = new Set(operations.map((operation) => operation.name));
    for (const name of ['ComparePage_Runs', 'RunMetrics_History', 'RunPage_Run', 'RunPage_RunEvents', 'StudyAnalysis_Analysis', 'Trainer_ClaimRun', 'Trainer_LogMetricSeries', 'Cli_Runs', 'Cli_Dataset']) {
      expect(names, name).toContain(name);
    }
    expect(operations.length).toBeGreaterThan(60);
  });

  it('measures each at most half of each default limit', () => {
    const top = (key: 'depth' | 'cost' | 'bytes') => [...measured].sort((a, b) => b[key] - a[key]).slice(0, 3).map((entry) => `${entry.name} ${entry[key]} (${entry.source})`);
    console.log(`[limits] ${measured.length} client operations; deepest: ${top('depth').join('; ')}\n  costliest: ${top('cost').join('; ')}\n  largest: ${top('bytes').join('; ')}`);
    for (const entry of measured) {
      expect(entry.depth, `${entry.name} (${entry.source})`).toBeLessThanOrEqual(DEFAULT_MAX_QUERY_DEPTH / 2);
      expect(entry.cost, `${entry.name} (${entry.source})`).toBeLessThanOrEqual(DEFAULT_MAX_QUERY_COST / 2);
      expect(entry.bytes, `${entry.name} (${entry.source})`).toBeLessThanOrEqual(DEFAULT_MAX_QUERY_BYTES / 10);
    }
  });

  it('the API under its default limits refuses none of them (nor the standard introspection query)', async () => {
    const refused: string[] = [];
    for (const entry of measured) {
      // Only what cannot write: queries, and mutations left without their required variables (refused after validation).
      const required = entry.operation.variableDefinitions?.some((variable) => variable.type.kind === Kind.NON_NULL_TYPE && !variable.defaultValue) ?? false;
      if (entry.operation.operation === 'subscription') {
        const ws = wsConnection(api.wsUrl, api.adminToken);
        const error = await ws.firstError(entry.document, {}, 5_000).finally(() => ws.close());
        if (error && LIMIT_CODES.includes(error.extensions?.code ?? '')) refused.push(`${entry.name}: ${error.message}`);
      } else if (entry.operation.operation === 'query' || required) {
        const answer = await postQuery(api.url, api.adminToken, entry.document);
        for (const error of answer.errors) if (LIMIT_CODES.includes(error.extensions?.code ?? '')) refused.push(`${entry.name}: ${error.message}`);
      }
    }
    const introspection = await postQuery(api.url, api.adminToken, getIntrospectionQuery());
    for (const error of introspection.errors) if (LIMIT_CODES.includes(error.extensions?.code ?? '')) refused.push(`introspection: ${error.message}`);
    expect(refused).toEqual([]);
  });

  it('answers a document nested beyond what the parser can take with QUERY_TOO_DEEP, and keeps serving', async () => {
    // 10,000 levels in 60 KB: graphql's recursive parser runs out of stack before any rule sees it.
    const query = `{ ${'x { '.repeat(10_000)}y${' }'.repeat(10_000)} }`;
    expect(Buffer.byteLength(query)).toBeLessThan(DEFAULT_MAX_QUERY_BYTES);
    const answer = await postQuery(api.url, api.adminToken, query);
    expect(answer.status).toBe(400);
    expect(answer.errors[0].extensions?.code).toBe('QUERY_TOO_DEEP');
    expect(answer.errors[0].message).toContain(`the depth limit is ${DEFAULT_MAX_QUERY_DEPTH} (TUNELAB_MAX_QUERY_DEPTH)`);
    expect((await postQuery(api.url, api.adminToken, `{ projects { id } }`)).errors).toEqual([]);
  });
});
