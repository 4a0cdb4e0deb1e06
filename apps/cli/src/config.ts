import fs from 'node:fs';
import path from 'node:path';
import { CliError, EXIT, usageError } from './errors';

export const DEFAULT_URL = 'http://127.0.0.1:4000';
export const DEFAULT_TOKEN_FILE = path.join('data', 'admin-token');

export interface Connection {
  /** The GraphQL endpoint over HTTP, always ending in /graphql. */
  url: string;
  /** The same endpoint over WebSocket (graphql-ws). */
  wsUrl: string;
  token: string;
}

/**
 * `http://host:4000`, `http://host:4000/`, `http://host:4000/graphql` all mean the endpoint `…/graphql`;
 * a URL that is not http(s) is a usage error.
 */
export function normalizeApiUrl(raw: string): { url: string; wsUrl: string } {
  let parsed: URL;
  try {
    parsed = new URL(raw.trim());
  } catch {
    throw usageError(`TUNELAB_URL: "${raw}" is not a URL; use e.g. ${DEFAULT_URL}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw usageError(`TUNELAB_URL: "${raw}" must start with http:// or https:// (e.g. ${DEFAULT_URL})`);
  }
  const pathname = parsed.pathname.replace(/\/+$/, '');
  parsed.pathname = pathname.endsWith('/graphql') ? pathname : `${pathname}/graphql`;
  parsed.search = '';
  parsed.hash = '';
  const url = parsed.toString();
  return { url, wsUrl: url.replace(/^http/, 'ws') };
}

export interface ConnectionSources {
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** --url, which wins over TUNELAB_URL. */
  urlFlag?: string;
}

/** Where the token comes from, in order: TUNELAB_TOKEN, the file TUNELAB_TOKEN_FILE, ./data/admin-token. */
export function resolveToken({ env, cwd }: ConnectionSources): string {
  const fromEnv = env.TUNELAB_TOKEN?.trim();
  if (fromEnv) return fromEnv;
  const file = env.TUNELAB_TOKEN_FILE?.trim() ? path.resolve(cwd, env.TUNELAB_TOKEN_FILE.trim()) : path.join(cwd, DEFAULT_TOKEN_FILE);
  let token = '';
  try {
    token = fs.readFileSync(file, 'utf8').trim();
  } catch {
    // reported below
  }
  if (token) return token;
  throw new CliError(
    `no API token: set TUNELAB_TOKEN (or TUNELAB_TOKEN_FILE to a file holding one); looked for ${file}, which the API writes on its first start (run tunelab from the repository root to use it)`,
    EXIT.auth,
  );
}

export function resolveConnection(sources: ConnectionSources): Connection {
  const raw = sources.urlFlag?.trim() || sources.env.TUNELAB_URL?.trim() || DEFAULT_URL;
  return { ...normalizeApiUrl(raw), token: resolveToken(sources) };
}
