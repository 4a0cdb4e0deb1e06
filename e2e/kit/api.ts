import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { graphqlClient, type GraphqlRequest } from './graphql';
import { apiMain, repoRoot } from './paths';
import { startProcess, type ManagedProcess } from './processes';

export interface ApiHandle {
  /** http://127.0.0.1:<port>/graphql */
  url: string;
  dataDir: string;
  /** The admin token the API wrote on first start. */
  token: string;
  tokenFile: string;
  request: GraphqlRequest;
  process: ManagedProcess;
  stop(): Promise<void>;
}

/**
 * The built API on a random port with a fresh SQLite database in a temp dir.
 * `webOrigin` is the browser origin the API must allow (CORS).
 */
export async function startApi({ webOrigin }: { webOrigin: string }): Promise<ApiHandle> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'tunelab-e2e-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: '0',
    TUNELAB_DATA_DIR: dataDir,
    TUNELAB_WEB_ORIGIN: webOrigin,
  };
  // A shared database would not be empty, and only an empty one writes the admin token.
  delete env.DATABASE_URL;

  const proc = startProcess('api', process.execPath, [apiMain], { cwd: repoRoot, env });
  const stop = async () => {
    await proc.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const [, url] = await proc.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+\/graphql)/, 60_000);
    const tokenFile = path.join(dataDir, 'admin-token');
    const token = (await readFile(tokenFile, 'utf8')).trim();
    return { url, dataDir, token, tokenFile, request: graphqlClient(url, token), process: proc, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
