import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freshDatabaseUrl } from './databases';

const MAIN = path.resolve(__dirname, '../../dist/main.js');
const START_TIMEOUT_MS = 30_000;

export interface ApiProcess {
  url: string;
  wsUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
  adminToken: string;
  output: () => string;
  stop(): Promise<void>;
  /** SIGKILL: the API dies mid-request, as in a crash. */
  kill(): Promise<void>;
}

export interface StartOptions {
  /** Reuse a data dir and database, to test a restart. */
  dataDir?: string;
  databaseUrl?: string;
  /** A fixed port, to restart the API where its clients expect it. Default: a free one. */
  port?: number;
  env?: NodeJS.ProcessEnv;
}

/**
 * Starts the built API (dist/main.js) as a real process on a free 127.0.0.1 port, on a temporary SQLite
 * file — or, when TEST_DATABASE_URL is set, on a fresh PostgreSQL database of that server.
 */
export async function startApi(options: StartOptions = {}): Promise<ApiProcess> {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: build the API first (npm run build -w @tunelab/api)`);
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tunelab-api-test-'));
  const databaseUrl = options.databaseUrl ?? (await freshDatabaseUrl());
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(options.port ?? 0), TUNELAB_DATA_DIR: dataDir, DATABASE_URL: databaseUrl ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = await waitForUrl(child, () => output);
  const adminToken = fs.readFileSync(path.join(dataDir, 'admin-token'), 'utf8').trim();
  return {
    url,
    wsUrl: url.replace(/^http/, 'ws'),
    dataDir,
    databaseUrl,
    adminToken,
    output: () => output,
    stop: () => stopProcess(child),
    kill: () => stopProcess(child, 'SIGKILL'),
  };
}

function waitForUrl(child: ChildProcess, output: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`the API did not start within ${START_TIMEOUT_MS} ms:\n${output()}`)), START_TIMEOUT_MS);
    const onData = () => {
      const match = /listening on (http:\/\/\S+\/graphql)/.exec(output());
      if (match) done(match[1]);
    };
    const onExit = (code: number | null) => fail(new Error(`the API exited with code ${code} before listening:\n${output()}`));
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.off('exit', onExit);
    };
    const done = (url: string) => (cleanup(), resolve(url));
    const fail = (error: Error) => (cleanup(), child.kill('SIGKILL'), reject(error));
    child.stdout!.on('data', onData);
    child.once('exit', onExit);
  });
}

function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill(signal);
  });
}
