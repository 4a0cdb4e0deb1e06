import 'reflect-metadata';
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
import { createEventBus, createRedisEventBus } from './graphql/pubsub';
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

/** Up to 10,000 metric points per logMetrics call fit well inside this. */
const BODY_LIMIT = '16mb';

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

/** Errors a client can act on keep their code; a unique-key race is a CONFLICT; anything else is logged in full. */
function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (original instanceof UniqueConstraintViolationException) {
    return { ...formatted, message: 'this already exists (a concurrent request created it); reload and try again', extensions: { code: 'CONFLICT' } };
  }
  if (formatted.extensions?.code === 'INTERNAL_SERVER_ERROR') console.error('[api] internal error:', original);
  return formatted;
}

async function contextFor(services: Services, database: Database, authorization: string | undefined): Promise<RequestContext> {
  const em = database.fork();
  return { em, services, viewer: await services.auth.authenticate(em, authorization) };
}

/** A subscription lives long: each event resolves on a fresh unit of work so it never reads stale entities. */
async function subscriptionContextFor(services: Services, database: Database, authorization: string | undefined): Promise<RequestContext> {
  const viewer = await services.auth.authenticate(database.fork(), authorization);
  return {
    get em() {
      return database.fork();
    },
    services,
    viewer,
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
  const services = createServices(events, { dialect: target.dialect, dataDir: env.dataDir, leaseSeconds: env.leaseSeconds, modelCacheSize: env.modelCacheSize });
  const adminToken = await bootstrapLocalTeam(database, services.teams, env.dataDir);
  const schema = await buildApiSchema(events);

  const app = express();
  const httpServer = http.createServer(app);
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const wsCleanup = useServer(
    {
      schema,
      context: (ctx) => subscriptionContextFor(services, database, authorizationFromParams(ctx.connectionParams)),
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
    formatError,
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
    express.json({ limit: BODY_LIMIT }),
    expressMiddleware(apollo, { context: async ({ req }) => contextFor(services, database, req.headers.authorization) }),
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
      await apollo.stop();
      await events.close();
      await database.close();
    },
  };
}
