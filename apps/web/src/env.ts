import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Runtime configuration of the web server. Read on every request (it is cheap),
 * so a token file written after `next start` is picked up without a restart.
 */
export const DEFAULT_API_URL = 'http://127.0.0.1:4000/graphql';
export const DEFAULT_TOKEN_FILE = path.join('data', 'admin-token');

export interface WebEnv {
  /** GraphQL endpoint over HTTP; the WebSocket URL is derived from it. */
  apiUrl: string;
  /** Absolute path of the token file that was (or would be) read. */
  tokenFile: string;
  /** Where the token came from, or null when none was found. */
  tokenSource: 'TUNELAB_TOKEN' | 'TUNELAB_TOKEN_FILE' | null;
  token: string | null;
  /** Every configuration problem found, each naming the variable and the fix. */
  problems: string[];
}

export interface EnvIo {
  cwd: string;
  exists(file: string): boolean;
  readFile(file: string): string;
}

// The token file lives outside the app and is named at runtime: keep the
// bundler's output tracing away from these calls.
const nodeIo: EnvIo = {
  cwd: process.cwd(),
  exists: (file) => existsSync(/* turbopackIgnore: true */ file),
  readFile: (file) => readFileSync(/* turbopackIgnore: true */ file, 'utf8'),
};

/** The monorepo root: the nearest folder upwards that holds turbo.json. */
export function findRepoRoot(start: string, exists: (file: string) => boolean): string {
  let dir = path.resolve(start);
  for (;;) {
    if (exists(path.join(dir, 'turbo.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(start);
    dir = parent;
  }
}

export type EnvVars = Readonly<Record<string, string | undefined>>;

export function readWebEnv(env: EnvVars = process.env, io: EnvIo = nodeIo): WebEnv {
  const problems: string[] = [];

  const rawUrl = env.TUNELAB_API_URL?.trim() || DEFAULT_API_URL;
  let apiUrl = rawUrl;
  try {
    const url = new URL(rawUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      problems.push(`TUNELAB_API_URL must be an http(s) URL such as ${DEFAULT_API_URL}; got "${rawUrl}".`);
    }
    apiUrl = url.toString();
  } catch {
    problems.push(`TUNELAB_API_URL is not a valid URL: "${rawUrl}". Use a full URL such as ${DEFAULT_API_URL}.`);
  }

  const repoRoot = findRepoRoot(io.cwd, io.exists);
  const tokenFile = path.resolve(repoRoot, env.TUNELAB_TOKEN_FILE?.trim() || DEFAULT_TOKEN_FILE);

  if (env.TUNELAB_TOKEN !== undefined) {
    const token = env.TUNELAB_TOKEN.trim();
    if (token) return { apiUrl, tokenFile, tokenSource: 'TUNELAB_TOKEN', token, problems };
    problems.push('TUNELAB_TOKEN is set but empty. Unset it to use the token file, or set it to an API token.');
    return { apiUrl, tokenFile, tokenSource: null, token: null, problems };
  }

  if (!io.exists(tokenFile)) return { apiUrl, tokenFile, tokenSource: null, token: null, problems };
  try {
    const token = io.readFile(tokenFile).trim();
    if (token) return { apiUrl, tokenFile, tokenSource: 'TUNELAB_TOKEN_FILE', token, problems };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    problems.push(`The token file ${tokenFile} (TUNELAB_TOKEN_FILE) exists but cannot be read: ${reason}.`);
  }
  return { apiUrl, tokenFile, tokenSource: null, token: null, problems };
}

