import path from 'node:path';
import { z } from 'zod';
import {
  type ApiLimits,
  DEFAULT_ANONYMOUS_RATE_LIMIT,
  DEFAULT_MAX_QUERY_BYTES,
  DEFAULT_MAX_QUERY_COST,
  DEFAULT_MAX_QUERY_DEPTH,
  DEFAULT_RATE_LIMIT,
  defaultBurst,
} from './graphql/limits/api-limits';

const portSchema = z.coerce
  .number({ error: 'PORT must be a number; use e.g. PORT=4000, or PORT=0 for a free port' })
  .int()
  .min(0, 'PORT must be between 0 and 65535')
  .max(65535, 'PORT must be between 0 and 65535');

/** A whole number within bounds, with messages that name the variable and give an example. */
function wholeNumber(name: string, min: number, max: number, example: string) {
  const message = `${name} must be a whole number from ${min} to ${max}, e.g. ${name}=${example}`;
  return z.coerce.number({ error: message }).int(message).min(min, message).max(max, message);
}

const envSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: portSchema.default(4000),
  TUNELAB_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .optional()
    .refine((url) => !url || /^(postgres(ql)?|sqlite):\/\//.test(url), {
      message: 'DATABASE_URL must start with postgres://, postgresql:// or sqlite:// (e.g. sqlite://./data/tunelab.sqlite); unset it to use the embedded SQLite file',
    }),
  TUNELAB_WEB_ORIGIN: z.string().default('http://127.0.0.1:3000'),
  REDIS_URL: z
    .string()
    .optional()
    .refine((url) => !url || /^rediss?:\/\//.test(url), { message: 'REDIS_URL must start with redis:// or rediss:// (e.g. redis://127.0.0.1:6379); unset it for one API process' }),
  TUNELAB_LOG_SQL: z.enum(['0', '1']).default('0'),
  TUNELAB_IMPORT_ROOTS: z.string().default(''),
  TUNELAB_LEASE_SECONDS: z.coerce.number().int().min(2, 'TUNELAB_LEASE_SECONDS must be at least 2').max(3600).default(30),
  TUNELAB_DB_POOL_MAX: z.coerce.number().int().min(1, 'TUNELAB_DB_POOL_MAX must be at least 1 (PostgreSQL connections per API process)').max(500).default(10),
  TUNELAB_MODEL_CACHE: z.coerce.number().int().min(1, 'TUNELAB_MODEL_CACHE must be at least 1 (models kept loaded for predict)').max(64).default(4),
  TUNELAB_MAX_QUERY_DEPTH: wholeNumber('TUNELAB_MAX_QUERY_DEPTH', 1, 1000, '12').default(DEFAULT_MAX_QUERY_DEPTH),
  TUNELAB_MAX_QUERY_COST: wholeNumber('TUNELAB_MAX_QUERY_COST', 1, 1_000_000_000_000, '1000000').default(DEFAULT_MAX_QUERY_COST),
  TUNELAB_MAX_QUERY_BYTES: wholeNumber('TUNELAB_MAX_QUERY_BYTES', 1024, 16 * 1024 * 1024, '102400').default(DEFAULT_MAX_QUERY_BYTES),
  TUNELAB_RATE_LIMIT: wholeNumber('TUNELAB_RATE_LIMIT', 0, 100_000_000, '6000 (requests a minute per API token; 0 turns rate limiting off)').default(DEFAULT_RATE_LIMIT),
  TUNELAB_RATE_LIMIT_BURST: wholeNumber('TUNELAB_RATE_LIMIT_BURST', 1, 100_000_000, '600 (requests a token may send at once)').optional(),
  TUNELAB_RATE_LIMIT_ANONYMOUS: wholeNumber('TUNELAB_RATE_LIMIT_ANONYMOUS', 0, 100_000_000, '600 (requests a minute per address without a token; 0: unlimited)').default(
    DEFAULT_ANONYMOUS_RATE_LIMIT,
  ),
});

export interface ApiEnv {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Set when several API replicas share live events. */
  redisUrl: string | undefined;
  webOrigins: string[];
  logSql: boolean;
  /** How long a claimed run stays a worker's without a heartbeat. Tests shorten it. */
  leaseSeconds: number;
  modelCacheSize: number;
  /** PostgreSQL connections this process may open. */
  dbPoolMax: number;
  /** Directories any team may import local dataset files from; the site admin may import from anywhere but the data dir. */
  importRoots: string[];
  /** Query depth, cost and size, and rate limits; a server started without them (benchmarks) does not rate-limit. */
  limits?: ApiLimits;
}

/** Parses the environment once and reports every problem at once. */
export function parseEnv(source: NodeJS.ProcessEnv): { ok: true; env: ApiEnv } | { ok: false; problems: string[] } {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) };
  }
  const raw = parsed.data;
  return {
    ok: true,
    env: {
      host: raw.HOST,
      port: raw.PORT,
      dataDir: path.resolve(raw.TUNELAB_DATA_DIR),
      databaseUrl: raw.DATABASE_URL || undefined,
      redisUrl: raw.REDIS_URL || undefined,
      webOrigins: raw.TUNELAB_WEB_ORIGIN.split(',').map((origin) => origin.trim()).filter(Boolean),
      logSql: raw.TUNELAB_LOG_SQL === '1',
      leaseSeconds: raw.TUNELAB_LEASE_SECONDS,
      modelCacheSize: raw.TUNELAB_MODEL_CACHE,
      dbPoolMax: raw.TUNELAB_DB_POOL_MAX,
      importRoots: raw.TUNELAB_IMPORT_ROOTS.split(',').map((dir) => dir.trim()).filter(Boolean).map((dir) => path.resolve(dir)),
      limits: {
        maxQueryDepth: raw.TUNELAB_MAX_QUERY_DEPTH,
        maxQueryCost: raw.TUNELAB_MAX_QUERY_COST,
        maxQueryBytes: raw.TUNELAB_MAX_QUERY_BYTES,
        rateLimit: raw.TUNELAB_RATE_LIMIT > 0 ? { perMinute: raw.TUNELAB_RATE_LIMIT, burst: raw.TUNELAB_RATE_LIMIT_BURST ?? defaultBurst(raw.TUNELAB_RATE_LIMIT) } : null,
        anonymousRateLimit:
          raw.TUNELAB_RATE_LIMIT_ANONYMOUS > 0 ? { perMinute: raw.TUNELAB_RATE_LIMIT_ANONYMOUS, burst: defaultBurst(raw.TUNELAB_RATE_LIMIT_ANONYMOUS) } : null,
      },
    },
  };
}
