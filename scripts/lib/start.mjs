// `start`: the API, the web app and (once it exists) the trainer daemon, each in its own process group.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO, platformConfig } from './config.mjs';
import { isPortFree, waitForHttp } from './net.mjs';
import { PlatformError, handleSignals, log, pipePrefixed } from './proc.mjs';

const READY_TIMEOUT_MS = 60_000;
const KILL_GRACE_MS = 5_000;

/** Where the built apps are; tests pass stand-ins. */
export const LAYOUT = {
  apiMain: path.join(REPO, 'apps', 'api', 'dist', 'main.js'),
  webDir: path.join(REPO, 'apps', 'web'),
  webBuildMarker: path.join(REPO, 'apps', 'web', '.next', 'BUILD_ID'),
  webMain: path.join(REPO, 'node_modules', 'next', 'dist', 'bin', 'next'),
  trainerMain: path.join(REPO, 'apps', 'trainer', 'dist', 'main.js'),
};

const services = [];

/** Starts `node args…` detached (own process group) with [name]-prefixed output. */
export function startService(name, args, { cwd = REPO, env, onLine }) {
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const service = { name, child, exited: false, expectedExit: false };
  child.on('exit', () => (service.exited = true));
  pipePrefixed(child.stdout, `[${name}]`, process.stdout, onLine);
  pipePrefixed(child.stderr, `[${name}]`, process.stderr);
  services.push(service);
  return service;
}

function signalGroup(service, signal) {
  try {
    process.kill(-service.child.pid, signal);
    return true;
  } catch {
    return false; // ESRCH: the whole group is gone
  }
}

/** Whether any process of the service's group still runs. Zombies do not count: where PID 1 does not reap
 * orphans (containers without an init), a killed orphan stays a zombie and `kill(-pgid, 0)` still succeeds. */
function groupAlive(service) {
  if (!existsSync('/proc/self/stat')) return signalGroup(service, 0);
  return readdirSync('/proc').some((entry) => {
    if (!/^\d+$/.test(entry)) return false;
    try {
      // "pid (comm) state ppid pgrp …"; comm may contain spaces and parentheses.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return Number(pgrp) === service.child.pid && state !== 'Z';
    } catch {
      return false; // it exited while we looked
    }
  });
}

/** SIGTERM every child's process group; SIGKILL what is left after 5 s. */
export async function stopAll() {
  for (const service of services) {
    service.expectedExit = true;
    signalGroup(service, 'SIGTERM');
  }
  await waitUntilGone(KILL_GRACE_MS);
  for (const service of services.filter(groupAlive)) {
    log('platform', `${service.name} did not stop within ${KILL_GRACE_MS / 1000} s; killing it`);
    signalGroup(service, 'SIGKILL');
  }
  await waitUntilGone(1_000);
}

async function waitUntilGone(ms) {
  const deadline = Date.now() + ms;
  while (services.some(groupAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}

// If this process dies some other way, do not leave the children behind.
process.on('exit', () => services.forEach((service) => signalGroup(service, 'SIGTERM')));

async function checkPortsFree(config) {
  const ports = [
    [config.apiPort, 'TUNELAB_API_PORT', 'the API'],
    [config.webPort, 'TUNELAB_WEB_PORT', 'the web app'],
  ];
  for (const [port, variable, what] of ports) {
    if (!(await isPortFree(port))) {
      throw new PlatformError(`port ${port} on 127.0.0.1 (for ${what}) is already in use; stop what uses it or pick another port, e.g. ${variable}=${port + 1} npm start`);
    }
  }
}

function startApi(config, layout) {
  if (!existsSync(layout.apiMain)) throw new PlatformError(`${path.relative(REPO, layout.apiMain)} is missing; the build did not produce the API`);
  const readyLine = `listening on ${config.apiUrl}`;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new PlatformError(`the API did not report \`${readyLine}\` within ${READY_TIMEOUT_MS / 1000} s (its output is above)`)), READY_TIMEOUT_MS);
    const env = {
      HOST: '127.0.0.1',
      PORT: String(config.apiPort),
      TUNELAB_DATA_DIR: config.dataDir,
      // The dashboard is reachable as 127.0.0.1 and as localhost; the browser sends whichever the user typed.
      TUNELAB_WEB_ORIGIN: [config.webUrl, config.webUrl.replace('127.0.0.1', 'localhost')].map((url) => url.replace(/\/$/, '')).join(','),
    };
    if (config.databaseUrl) env.DATABASE_URL = config.databaseUrl;
    const api = startService('api', [layout.apiMain], {
      env,
      onLine: (line) => {
        if (line.includes(readyLine)) {
          clearTimeout(timer);
          resolve(api);
        }
      },
    });
    api.child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new PlatformError(`the API exited with code ${code} before it was ready (its output is above)`));
    });
  });
}

async function startWeb(config, layout) {
  if (!existsSync(layout.webBuildMarker)) throw new PlatformError(`${path.relative(REPO, layout.webBuildMarker)} is missing; the build did not produce the web app`);
  const web = startService('web', [layout.webMain, 'start', '-H', '127.0.0.1', '-p', String(config.webPort)], {
    cwd: layout.webDir,
    env: { TUNELAB_API_URL: config.apiUrl, TUNELAB_TOKEN_FILE: config.tokenFile },
  });
  const ready = await waitForHttp(config.webUrl, { timeoutMs: READY_TIMEOUT_MS, stillWaiting: () => !web.exited });
  if (!ready) throw new PlatformError(web.exited ? 'the web app exited before it answered (its output is above)' : `the web app did not answer ${config.webUrl} within ${READY_TIMEOUT_MS / 1000} s`);
}

function startTrainer(config, layout) {
  if (!existsSync(layout.trainerMain)) return;
  // On a fresh database the trainer seeds the demo study first (docs/trainer.md), then trains it.
  startService('trainer', [layout.trainerMain], {
    env: { TUNELAB_API_URL: config.apiUrl, TUNELAB_TOKEN_FILE: config.tokenFile, TUNELAB_TRAINER_DIR: path.join(config.dataDir, 'trainer'), TUNELAB_SEED_DEMO: '1' },
  });
}

function printBox(config) {
  const rows = [
    'tunelab is running',
    '',
    `dashboard      ${config.webUrl}`,
    `GraphQL        ${config.apiUrl}`,
    `subscriptions  ${config.wsUrl}`,
    `admin token    ${config.tokenFile}`,
    `database       ${config.databaseUrl ? config.databaseUrl.replace(/\/\/[^@/]*@/, '//…@') : path.join(config.dataDir, 'tunelab.sqlite')}`,
    '',
    'Ctrl+C to stop',
  ];
  const width = Math.max(...rows.map((row) => row.length)) + 2;
  const line = '─'.repeat(width);
  process.stdout.write(`\n┌${line}┐\n${rows.map((row) => `│ ${row.padEnd(width - 1)}│`).join('\n')}\n└${line}┘\n\n`);
}

/** Starts everything and resolves with an exit code once it has all stopped (Ctrl+C, or a child exited). */
export async function startPlatform({ config = platformConfig(), layout = LAYOUT } = {}) {
  await checkPortsFree(config);
  mkdirSync(config.dataDir, { recursive: true });

  let stopping = null;
  const shutdown = (reason, exitCode) => {
    if (!stopping) {
      log('platform', `${reason}; stopping…`);
      stopping = stopAll().then(() => exitCode);
    }
    return stopping;
  };
  // npm forwards Ctrl+C on top of the terminal's own SIGINT, so a repeated signal just joins the same shutdown
  // (which SIGKILLs whatever is left after 5 s).
  handleSignals((signal) => shutdown(`received ${signal}`, 0).then((code) => process.exit(code)));

  try {
    log('platform', `starting the API on 127.0.0.1:${config.apiPort}…`);
    await startApi(config, layout);
    log('platform', `starting the web app on 127.0.0.1:${config.webPort}…`);
    await startWeb(config, layout);
    startTrainer(config, layout);
  } catch (error) {
    await shutdown('start-up failed', 1);
    throw error;
  }
  printBox(config);
  return new Promise((resolve) => {
    for (const service of services) {
      const onExit = () => {
        const { exitCode, signalCode } = service.child;
        if (!service.expectedExit) shutdown(`${service.name} exited (${signalCode ?? `code ${exitCode}`})`, 1).then(resolve);
      };
      if (service.exited) onExit();
      else service.child.on('exit', onExit);
    }
  });
}
