// Small process helpers: logging, running commands, prefixed output, cleanup on exit.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';

/** An error whose message is meant for the user; main() prints it without a stack. */
export class PlatformError extends Error {}

export function log(tag, message) {
  process.stdout.write(`[${tag}] ${message}\n`);
}

export function formatDuration(ms) {
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

export const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Absolute path of an executable found on PATH, or null. */
export function which(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return null;
}

/** Runs a command with inherited stdio; resolves with its exit code (signals map to 128 + n). */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? 128 + signalNumber(signal)));
  });
}

export async function runOrThrow(command, args, options = {}) {
  const code = await run(command, args, options);
  if (code !== 0) throw new PlatformError(`\`${[command, ...args].join(' ')}\` failed with exit code ${code}`);
}

/** Runs a command with its output collected; resolves with { code, output } (stdout and stderr together). */
export function runCaptured(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? 128 + signalNumber(signal), output }));
  });
}

/** Runs a command quietly; true when it exits 0. */
export function succeeds(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'ignore', ...options });
  return result.status === 0;
}

function signalNumber(signal) {
  return { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 }[signal] ?? 0;
}

/** Copies a stream to `out` line by line with a prefix; calls onLine(line) for each line. */
export function pipePrefixed(stream, prefix, out, onLine = () => {}) {
  const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
  lines.on('line', (line) => {
    out.write(`${prefix} ${line}\n`);
    onLine(line);
  });
}

// Cleanups run once, synchronously, on normal exit, on an uncaught error and on SIGINT/SIGTERM
// (a command can replace the signal behaviour with handleSignals).
const cleanups = new Set();

export function onCleanup(fn) {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

export function runCleanups() {
  for (const fn of [...cleanups].reverse()) {
    cleanups.delete(fn);
    try {
      fn();
    } catch (error) {
      process.stderr.write(`[platform] cleanup failed: ${error.message}\n`);
    }
  }
}

process.on('exit', runCleanups);

// By default a signal runs the cleanups and exits 128 + n; `start` replaces this to stop its children gracefully.
let signalHandler = (signal) => {
  runCleanups();
  process.exit(128 + signalNumber(signal));
};

export function handleSignals(fn) {
  signalHandler = fn;
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => signalHandler(signal));
