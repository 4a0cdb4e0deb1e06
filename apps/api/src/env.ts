import path from 'node:path';
import { z } from 'zod';

const portSchema = z.coerce
  .number({ error: 'PORT must be a number; use e.g. PORT=4000, or PORT=0 for a free port' })
  .int()
  .min(0, 'PORT must be between 0 and 65535')
  .max(65535, 'PORT must be between 0 and 65535');

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
  TUNELAB_LEASE_SECONDS: z.coerce.number().int().min(2, 'TUNELAB_LEASE_SECONDS must be at least 2').max(3600).default(30),
  TUNELAB_DB_POOL_MAX: z.coerce.number().int().min(1, 'TUNELAB_DB_POOL_MAX must be at least 1 (PostgreSQL connections per API process)').max(500).default(10),
  TUNELAB_MODEL_CACHE: z.coerce.number().int().min(1, 'TUNELAB_MODEL_CACHE must be at least 1 (models kept loaded for predict)').max(64).default(4),
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
    },
  };
}
