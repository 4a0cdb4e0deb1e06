// Where things are and what the environment asks for.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PlatformError } from './proc.mjs';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RESULTS_DIR = path.join(REPO, '.test-results');

/** Set for every child process. */
export const CHILD_ENV = {
  ONNXRUNTIME_NODE_INSTALL: 'skip', // its install script downloads CUDA files and fails offline
  TURBO_TELEMETRY_DISABLED: '1',
  NEXT_TELEMETRY_DISABLED: '1',
};

export function applyChildEnv() {
  Object.assign(process.env, CHILD_ENV);
}

function port(env, name, fallback) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new PlatformError(`${name}=${raw} is not a port; use a number between 1 and 65535`);
  }
  return value;
}

/** The settings of `npm start`, read from the environment. */
export function platformConfig(env = process.env) {
  const apiPort = port(env, 'TUNELAB_API_PORT', 4000);
  const webPort = port(env, 'TUNELAB_WEB_PORT', 3000);
  const dataDir = path.resolve(REPO, env.TUNELAB_DATA_DIR || 'data');
  return {
    apiPort,
    webPort,
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    tokenFile: path.join(dataDir, 'admin-token'),
    apiUrl: `http://127.0.0.1:${apiPort}/graphql`,
    wsUrl: `ws://127.0.0.1:${apiPort}/graphql`,
    webUrl: `http://127.0.0.1:${webPort}/`,
  };
}
