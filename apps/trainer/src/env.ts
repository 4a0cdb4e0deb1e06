import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HEARTBEAT_SECONDS } from '@tunelab/core';
import { z } from 'zod';

const REPO = path.resolve(__dirname, '../../..');

const envSchema = z.object({
  TUNELAB_API_URL: z.string().url('TUNELAB_API_URL must be the API URL, e.g. http://127.0.0.1:4000/graphql').default('http://127.0.0.1:4000/graphql'),
  TUNELAB_TOKEN: z.string().optional(),
  TUNELAB_TOKEN_FILE: z.string().default(path.join(REPO, 'data/admin-token')),
  TUNELAB_TRAINER_NAME: z.string().min(1).default(`trainer-${os.hostname()}`),
  TUNELAB_TRAINER_DIR: z.string().default(path.join(REPO, 'data/trainer')),
  TUNELAB_ENGINE_PYTHON: z.string().default(path.join(REPO, 'apps/trainer/engine/.venv/bin/python')),
  TUNELAB_MAX_ATTEMPTS: z.coerce.number().int().min(1, 'TUNELAB_MAX_ATTEMPTS must be at least 1').max(20).default(3),
  TUNELAB_POLL_SECONDS: z.coerce.number().positive().max(300).default(2),
  TUNELAB_SEED_DEMO: z.enum(['0', '1']).default('0'),
  TUNELAB_HEARTBEAT_SECONDS: z.coerce.number().positive().max(60).default(HEARTBEAT_SECONDS),
  TUNELAB_GPUS_PER_RUN: z.coerce.number().int().min(1, 'TUNELAB_GPUS_PER_RUN must be at least 1').max(64).default(1),
});

export interface TrainerConfig {
  apiUrl: string;
  token: string;
  name: string;
  host: string;
  workDir: string;
  enginePython: string;
  maxAttempts: number;
  pollMs: number;
  heartbeatMs: number;
  /** GPUs one run may train on with DDP (at most the machine's). */
  gpusPerRun: number;
  /** On a fresh database, seed the demo study first (npm start sets it). */
  seedDemo: boolean;
}

/** Reads the environment once and reports every problem at once. */
export function parseEnv(source: NodeJS.ProcessEnv): { ok: true; config: TrainerConfig } | { ok: false; problems: string[] } {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) };
  const raw = parsed.data;
  const token = raw.TUNELAB_TOKEN?.trim() || readTokenFile(raw.TUNELAB_TOKEN_FILE);
  if (!token) {
    return { ok: false, problems: [`no API token: set TUNELAB_TOKEN, or TUNELAB_TOKEN_FILE to a file holding one (looked at ${raw.TUNELAB_TOKEN_FILE}; the API writes data/admin-token on its first start)`] };
  }
  return {
    ok: true,
    config: {
      apiUrl: raw.TUNELAB_API_URL,
      token,
      name: raw.TUNELAB_TRAINER_NAME,
      host: os.hostname(),
      workDir: path.resolve(raw.TUNELAB_TRAINER_DIR),
      enginePython: path.resolve(raw.TUNELAB_ENGINE_PYTHON),
      maxAttempts: raw.TUNELAB_MAX_ATTEMPTS,
      pollMs: raw.TUNELAB_POLL_SECONDS * 1000,
      heartbeatMs: raw.TUNELAB_HEARTBEAT_SECONDS * 1000,
      gpusPerRun: raw.TUNELAB_GPUS_PER_RUN,
      seedDemo: raw.TUNELAB_SEED_DEMO === '1',
    },
  };
}

function readTokenFile(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8').trim() || null;
  } catch {
    return null;
  }
}
