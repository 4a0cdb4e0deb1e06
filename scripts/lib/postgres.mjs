// A throwaway PostgreSQL cluster for tests and benchmarks: initdb in a temp dir, 127.0.0.1 only, trust auth,
// a free port; stopped and removed afterwards (also on Ctrl+C). Root cannot run postgres, so as root the
// cluster belongs to the `postgres` user and its commands go through `runuser -u postgres --`.
import { spawnSync } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { aptInstall } from './apt.mjs';
import { freePort } from './net.mjs';
import { PlatformError, isRoot, log, onCleanup, runCaptured, which } from './proc.mjs';

const TOOLS = ['pg_ctl', 'initdb', 'postgres'];
const hasTools = (dir) => TOOLS.every((tool) => existsSync(path.join(dir, tool)));

/** The directory holding pg_ctl, initdb and postgres: from PATH, else the newest /usr/lib/postgresql/N/bin. */
export function findPostgresBin(libRoot = '/usr/lib/postgresql') {
  const onPath = which('pg_ctl');
  if (onPath) {
    const dir = path.dirname(realpathSync(onPath));
    if (hasTools(dir)) return dir;
  }
  if (!existsSync(libRoot)) return null;
  const versions = readdirSync(libRoot)
    .filter((name) => hasTools(path.join(libRoot, name, 'bin')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(libRoot, versions[0], 'bin') : null;
}

/** { binDir } when PostgreSQL is (or could be made) available, else { reason }. */
export async function ensurePostgres() {
  const found = findPostgresBin();
  if (found) return { binDir: found };
  const failure = await aptInstall(['postgresql'], 'about a minute');
  if (failure) return { reason: `PostgreSQL is not installed and could not be installed: ${failure}` };
  const installed = findPostgresBin();
  return installed ? { binDir: installed } : { reason: 'PostgreSQL was installed but pg_ctl/initdb/postgres were not found' };
}

function postgresUser() {
  const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return null;
  return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
}

/**
 * Starts a fresh cluster with database `database`. Returns { url, port, dir, stop }; stop() is synchronous,
 * idempotent and also runs on exit and on SIGINT/SIGTERM. durable: false turns off fsync (tests).
 */
export async function startTempPostgres({ binDir, database = 'tunelab_test', durable = false }) {
  const asPostgres = isRoot();
  const owner = asPostgres ? postgresUser() : null;
  if (asPostgres && !owner) throw new PlatformError('running as root, but there is no `postgres` user to run PostgreSQL as');
  const wrap = (args) => (asPostgres ? ['runuser', '-u', 'postgres', '--', ...args] : args);
  const exec = (args) => runCaptured(wrap(args)[0], wrap(args).slice(1));

  const dir = mkdtempSync(path.join(os.tmpdir(), 'tunelab-pg-'));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const dataDir = path.join(dir, 'data');
  const logFile = path.join(dir, 'postgres.log');
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    removeCleanup();
    if (existsSync(path.join(dataDir, 'postmaster.pid'))) {
      const [command, ...args] = wrap([path.join(binDir, 'pg_ctl'), '-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      spawnSync(command, args, { stdio: 'ignore' });
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const removeCleanup = onCleanup(stop);

  try {
    const init = await exec([path.join(binDir, 'initdb'), '-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    if (init.code !== 0) throw new PlatformError(`initdb failed:\n${init.output}`);
    const port = await freePort();
    const settings = [`listen_addresses = '127.0.0.1'`, `port = ${port}`, `unix_socket_directories = '${dir}'`];
    if (!durable) settings.push('fsync = off', 'synchronous_commit = off', 'full_page_writes = off');
    appendFileSync(path.join(dataDir, 'postgresql.conf'), `\n# tunelab test cluster\n${settings.join('\n')}\n`);
    // -w: wait until the server accepts connections.
    const started = await exec([path.join(binDir, 'pg_ctl'), '-D', dataDir, '-l', logFile, '-w', '-t', '60', 'start']);
    if (started.code !== 0) throw new PlatformError(`pg_ctl start failed:\n${started.output}\n${readLog(logFile)}`);
    const createdb = existsSync(path.join(binDir, 'createdb')) ? path.join(binDir, 'createdb') : 'createdb';
    const created = await runCaptured(createdb, ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', database]);
    if (created.code !== 0) throw new PlatformError(`createdb ${database} failed:\n${created.output}`);
    return { url: `postgres://postgres@127.0.0.1:${port}/${database}`, port, dir, stop };
  } catch (error) {
    stop();
    throw error;
  }
}

function readLog(file) {
  return existsSync(file) ? `postgres.log:\n${readFileSync(file, 'utf8').split('\n').slice(-20).join('\n')}` : '';
}

/**
 * Runs fn(pg) against a temporary cluster and always removes it. When PostgreSQL cannot be had,
 * calls onUnavailable(reason) instead and returns its result.
 */
export async function withTempPostgres(fn, { onUnavailable, durable = false, database = 'tunelab_test' }) {
  const found = await ensurePostgres();
  if (!found.binDir) return onUnavailable(found.reason);
  log('postgres', 'starting a temporary PostgreSQL cluster…');
  const pg = await startTempPostgres({ binDir: found.binDir, durable, database });
  log('postgres', `ready on 127.0.0.1:${pg.port} (${pg.dir})`);
  try {
    return await fn(pg);
  } finally {
    pg.stop();
    log('postgres', 'stopped and removed the temporary cluster');
  }
}
