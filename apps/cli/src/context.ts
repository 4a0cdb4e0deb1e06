import { ApiClient } from './api-client';
import { resolveConnection, type Connection } from './config';
import { ApiError, CliError, EXIT } from './errors';
import { PROJECTS, type ProjectNode } from './operations';

/** What a command runs with: where it writes and, on first use, the API connection (commands like `data synth` never need one). */
export interface Context {
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream;
  /** --url */
  urlFlag?: string;
  connection(): Connection;
  api(): ApiClient;
  /** Ctrl-C (SIGINT) or SIGTERM: commands that wait register here; without a handler tunelab exits 130. Returns the unregister function. */
  onInterrupt(handler: (signal: NodeJS.Signals) => void): () => void;
}

export function createContext(options: Omit<Context, 'connection' | 'api'>): Context {
  let connection: Connection | null = null;
  let client: ApiClient | null = null;
  const context: Context = {
    ...options,
    connection: () => (connection ??= resolveConnection({ env: options.env, cwd: options.cwd, urlFlag: context.urlFlag })),
    api: () => (client ??= new ApiClient(context.connection())),
  };
  return context;
}

export const println = (stream: NodeJS.WritableStream, text = '') => stream.write(`${text}\n`);

/** The object itself when `ref` is its id, else the one named `ref` among the team's; NOT_FOUND and ambiguity are exit 1. */
export async function resolveByIdOrName<T>(
  ref: string,
  kind: string,
  byId: () => Promise<T>,
  candidates: () => Promise<{ id: string; name: string; where?: string }[]>,
): Promise<string> {
  try {
    await byId();
    return ref;
  } catch (error) {
    if (!(error instanceof ApiError) || (error.code !== 'NOT_FOUND' && error.code !== 'BAD_USER_INPUT')) throw error;
  }
  const matches = (await candidates()).filter((candidate) => candidate.name === ref);
  if (matches.length === 1) return matches[0].id;
  if (matches.length > 1) {
    throw new CliError(`${matches.length} ${kind}s are named "${ref}"; use the id: ${matches.map((m) => `${m.id}${m.where ? ` (${m.where})` : ''}`).join(', ')}`, EXIT.apiError);
  }
  throw new CliError(`NOT_FOUND: no ${kind} with the id or name "${ref}" in your team`, EXIT.apiError);
}

export async function projects(context: Context): Promise<ProjectNode[]> {
  return (await context.api().request<{ projects: ProjectNode[] }>(PROJECTS)).projects;
}
