import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import express from 'express';
import { type GraphQLFormattedError, GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { type Database, openDatabase } from './db/database';
import { describeDatabaseTarget, resolveDatabaseTarget } from './db/orm-config';
import type { ApiEnv } from './env';
import type { RequestContext } from './graphql/context';
import { type ApiLimitGuards, createLimitGuards, UNMETERED_LIMITS } from './graphql/limits/api-limits';
import { bodyErrorHandler, querySizeMiddleware, rateLimitMiddleware } from './graphql/limits/http-limits';
import { formatLimitError } from './graphql/limits/limit-errors';
import { subscriptionLimits } from './graphql/limits/ws-limits';
import { createEventBus, createRedisEventBus } from './graphql/pubsub';
import { startLeaseSweeper } from './modules/run/lease-sweeper';
import { Run } from './modules/run/run.entity';
import { buildApiSchema } from './graphql/schema';
import { datasetFilesRoute } from './modules/dataset/dataset-files.route';
import { modelUploadRoute } from './modules/inference/model-upload.route';
import { bootstrapLocalTeam } from './modules/team/bootstrap';
import { createServices, type Services } from './services';

export interface RunningServer {
  url: string;
  wsUrl: string;
  database: string;
  /** Set on the first start with an empty database: where the admin token was written. */
  adminToken: { file: string; secret: string } | null;
  close(): Promise<void>;
}

/** Up to 10,000 metric points per logMetrics call fit well inside this; a larger body is refused with 413 PAYLOAD_TOO_LARGE. */
const BODY_LIMIT = '16mb';
/** Room in a WebSocket message for a subscription's variables and the protocol's envelope, beside the query. */
const WS_VARIABLES_ALLOWANCE = 1024 * 1024;

function corsMiddleware(origins: string[]): express.RequestHandler {
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (origin && origins.includes(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      res.setHeader('Access-Control-Allow-Headers', 'authorization, content-type, apollo-require-preflight');
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    }
    if (req.method === 'OPTIONS') {
      res.sendStatus(204);
      return;
    }
    next();
  };
}

/** Errors a client can act on keep their code (a refused limit too); a unique-key race is a CONFLICT; anything else is logged in full. */
function formatError(guards: ApiLimitGuards, formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const limit = formatLimitError(formatted, error, guards.limits.maxQueryDepth);
  if (limit) return limit;
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (original instanceof UniqueConstraintViolationException) {
    return { ...formatted, message: 'this already exists (a concurrent request created it); reload and try again', extensions: { code: 'CONFLICT' } };
  }
  if (formatted.extensions?.code === 'INTERNAL_SERVER_ERROR') {
    // The message of an unexpected error can carry SQL and its values: it goes to the log, the client gets a reference.
    const reference = randomUUID().slice(0, 8);
    console.error(`[api] internal error ${reference}:`, original);
    return { ...formatted, message: `internal error (reference ${reference} in the API log); please report it`, extensions: { code: 'INTERNAL_SERVER_ERROR', reference } };
  }
  return formatted;
}

/** A token that authenticated draws from its own rate-limit bucket from then on. */
async function contextFor(services: Services, database: Database, guards: ApiLimitGuards, authorization: string | undefined): Promise<RequestContext> {
  const em = database.fork();
  const viewer = await services.auth.authenticate(em, authorization);
  if (viewer) guards.limiter.trust(authorization);
  return { em, services, viewer };
}

/** A subscription lives long: each event resolves on a fresh unit of work so it never reads stale entities. */
async function subscriptionContextFor(services: Services, database: Database, guards: ApiLimitGuards, authorization: string | undefined): Promise<RequestContext> {
  // A bad token must reach the client as UNAUTHENTICATED on its subscription; thrown here, graphql-ws would
  // close the socket with a bare 4500 "Internal server error".
  let viewer: RequestContext['viewer'] = null;
  let authError: GraphQLError | undefined;
  try {
    viewer = await services.auth.authenticate(database.fork(), authorization);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    authError = error;
  }
  if (viewer) guards.limiter.trust(authorization);
  return {
    get em() {
      return database.fork();
    },
    services,
    viewer,
    authError,
  };
}

function authorizationFromParams(params: Record<string, unknown> | undefined): string | undefined {
  const value = params?.authorization ?? params?.Authorization;
  return typeof value === 'string' ? value : undefined;
}

export async function startServer(env: ApiEnv): Promise<RunningServer> {
  const target = resolveDatabaseTarget(env.databaseUrl, env.dataDir);
  const database = await openDatabase(target, { logSql: env.logSql, poolMax: env.dbPoolMax });
  const events = env.redisUrl
    ? await createRedisEventBus({ url: env.redisUrl, loadRun: (runId) => database.fork().findOne(Run, runId) })
    : createEventBus();
  const services = createServices(events, { dialect: target.dialect, dataDir: env.dataDir, leaseSeconds: env.leaseSeconds, modelCacheSize: env.modelCacheSize, importRoots: env.importRoots });
  const sweeper = startLeaseSweeper(services.lifecycle, database, env.leaseSeconds, (message) => console.log(`[api] ${message}`));
  const adminToken = await bootstrapLocalTeam(database, services.teams, env.dataDir);
  const schema = await buildApiSchema(events);
  const guards = createLimitGuards(env.limits ?? UNMETERED_LIMITS);

  const app = express();
  const httpServer = http.createServer(app);
  // A subscribe message carries a query and a few variables; ws's default cap is 100 MiB.
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: guards.limits.maxQueryBytes + WS_VARIABLES_ALLOWANCE });
  const wsCleanup = useServer(
    {
      schema,
      ...subscriptionLimits({
        limiter: guards.limiter,
        rules: guards.rules,
        maxQueryBytes: guards.limits.maxQueryBytes,
        authorization: (ctx) => authorizationFromParams(ctx.connectionParams),
      }),
      context: (ctx) => subscriptionContextFor(services, database, guards, authorizationFromParams(ctx.connectionParams)),
    },
    wsServer,
  );
  const closeSubscriptions: ApolloServerPlugin = {
    async serverWillStart() {
      return { drainServer: async () => void (await wsCleanup.dispose()) };
    },
  };
  const apollo = new ApolloServer<RequestContext>({
    schema,
    formatError: (formatted, error) => formatError(guards, formatted, error),
    validationRules: guards.rules,
    includeStacktraceInErrorResponses: false,
    // main.ts owns shutdown: Apollo's own signal handlers would race it and re-raise the signal.
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), closeSubscriptions],
  });
  await apollo.start();

  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', database: target.dialect });
  });
  app.get('/datasets/:id/splits/:file', datasetFilesRoute(services, database, env.dataDir));
  app.put('/runs/:runId/model/:file', modelUploadRoute(services, database));
  app.use(
    '/graphql',
    corsMiddleware(env.webOrigins),
    rateLimitMiddleware(guards.limiter),
    express.json({ limit: BODY_LIMIT }),
    bodyErrorHandler(BODY_LIMIT),
    querySizeMiddleware(guards.limits.maxQueryBytes),
    expressMiddleware(apollo, { context: async ({ req }) => contextFor(services, database, guards, req.headers.authorization) }),
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(env.port, env.host, resolve);
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = env.host.includes(':') ? `[${env.host}]` : env.host;
  return {
    url: `http://${host}:${port}/graphql`,
    wsUrl: `ws://${host}:${port}/graphql`,
    database: describeDatabaseTarget(target),
    adminToken,
    close: async () => {
      sweeper.stop();
      await apollo.stop();
      await events.close();
      await database.close();
    },
  };
}
