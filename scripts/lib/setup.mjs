// `setup` and `build`: Node check, npm packages when the lock file changed, the Python engine, turbo build.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO } from './config.mjs';
import { PlatformError, formatDuration, log, run, runOrThrow, succeeds } from './proc.mjs';

const LOCK = path.join(REPO, 'package-lock.json');
const NODE_MODULES = path.join(REPO, 'node_modules');
const STAMP = path.join(NODE_MODULES, '.tunelab-lock-sha256');
const NPM_HIDDEN_LOCK = path.join(NODE_MODULES, '.package-lock.json');

/** null when `version` (e.g. "20.19.1") is supported, else a message that says what to do. */
export function nodeVersionProblem(version) {
  const [major, minor] = version.split('.').map(Number);
  if ((major === 20 && minor >= 19) || major >= 22) return null;
  return `tunelab needs Node.js 20.19 or newer (20.19+ or 22+); this is Node ${version}. Install a current Node 20 or 22 LTS (for example with nvm: \`nvm install 20\`) and run the command again.`;
}

/**
 * Why `npm ci` must run, or null when node_modules matches package-lock.json.
 * stampSha: the lock's sha256 recorded after our last install (null if none).
 * npmRecordFresh: npm's own record (node_modules/.package-lock.json) is not older than package-lock.json,
 * which is how npm itself decides that node_modules is current (e.g. after a developer's `npm install x`).
 */
export function installReason({ hasNodeModules, lockSha, stampSha, npmRecordFresh }) {
  if (!hasNodeModules) return 'node_modules is missing';
  if (stampSha === lockSha || npmRecordFresh) return null;
  return stampSha ? 'package-lock.json changed since the last install' : 'no record of the last install';
}

export const sha256 = (data) => createHash('sha256').update(data).digest('hex');

const readIfExists = (file) => (existsSync(file) ? readFileSync(file, 'utf8').trim() : null);

function npmRecordFresh() {
  return existsSync(NPM_HIDDEN_LOCK) && statSync(NPM_HIDDEN_LOCK).mtimeMs >= statSync(LOCK).mtimeMs;
}

export async function ensureNpmPackages() {
  const lockSha = sha256(readFileSync(LOCK));
  const reason = installReason({
    hasNodeModules: existsSync(NODE_MODULES),
    lockSha,
    stampSha: readIfExists(STAMP),
    npmRecordFresh: existsSync(NODE_MODULES) && npmRecordFresh(),
  });
  if (reason === null) {
    if (readIfExists(STAMP) !== lockSha) writeFileSync(STAMP, `${lockSha}\n`);
    log('setup', 'npm packages are up to date');
    return;
  }
  log('setup', `installing npm packages (about 2 min: better-sqlite3 compiles)… [${reason}]`);
  const started = Date.now();
  await runOrThrow('npm', ['ci', '--no-audit', '--no-fund'], { cwd: REPO });
  writeFileSync(STAMP, `${lockSha}\n`);
  log('setup', `npm packages installed in ${formatDuration(Date.now() - started)}`);
}

/**
 * The Python training engine (apps/trainer/engine): a venv with torch, transformers and peft.
 * Does nothing until the engine exists. Reinstalls when its pyproject.toml changes.
 */
export async function ensurePythonEngine() {
  const engineDir = path.join(REPO, 'apps', 'trainer', 'engine');
  const pyproject = path.join(engineDir, 'pyproject.toml');
  if (!existsSync(pyproject)) return;
  const venv = path.join(engineDir, '.venv');
  const python = path.join(venv, 'bin', 'python');
  const stamp = path.join(venv, '.tunelab-engine-sha256');
  const projectSha = sha256(readFileSync(pyproject));
  if (existsSync(python) && readIfExists(stamp) === projectSha) {
    log('setup', 'Python engine is up to date');
    return;
  }
  if (!existsSync(python)) {
    log('setup', 'creating the Python engine environment (apps/trainer/engine/.venv)…');
    // System site packages: a machine's own torch (e.g. a CUDA build) stays visible and is not reinstalled.
    await runOrThrow('python3', ['-m', 'venv', '--system-site-packages', venv]);
  }
  if (succeeds(python, ['-c', 'import torch'])) {
    log('setup', 'torch is already installed; not reinstalling it');
  } else {
    log('setup', 'installing torch 2.13.0 (CPU build, a few minutes)…');
    await runOrThrow(python, ['-m', 'pip', 'install', 'torch==2.13.0']);
  }
  log('setup', 'installing the engine and its Python dependencies…');
  // [dev]: pytest, which `npm test` runs the engine's suite with.
  await runOrThrow(python, ['-m', 'pip', 'install', '-e', `${engineDir}[dev]`]);
  writeFileSync(stamp, `${projectSha}\n`);
}

export async function setup() {
  const problem = nodeVersionProblem(process.versions.node);
  if (problem) throw new PlatformError(problem);
  await ensureNpmPackages();
  await ensurePythonEngine();
}

export async function build() {
  log('build', 'building every workspace with turbo…');
  const started = Date.now();
  const turbo = path.join(NODE_MODULES, '.bin', 'turbo');
  const code = existsSync(turbo)
    ? await run(turbo, ['run', 'build'], { cwd: REPO })
    : await run('npx', ['--no', 'turbo', 'run', 'build'], { cwd: REPO });
  if (code !== 0) throw new PlatformError(`the build failed (exit code ${code}); its errors are above`);
  log('build', `done in ${formatDuration(Date.now() - started)}`);
}
