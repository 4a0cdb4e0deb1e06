#!/usr/bin/env node
// tunelab's one entry point: `npm start`, `npm test`, `npm run test:faults`, `npm run setup`, `npm run bench:ingest`, `npm run bench:engine`.
// Node built-ins only, so it runs before anything is installed.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO, applyChildEnv } from './lib/config.mjs';
import { withTempPostgres } from './lib/postgres.mjs';
import { PlatformError, log, onCleanup, run } from './lib/proc.mjs';
import { problem, report } from './lib/results.mjs';
import { build, ensurePythonEngine, setup } from './lib/setup.mjs';
import { startPlatform } from './lib/start.mjs';
import { runFaultTests, runTests } from './lib/tests.mjs';

const BENCH = path.join(REPO, 'apps', 'api', 'dist', 'bench', 'ingest.bench.js');

async function benchIngest() {
  await setup();
  await build();
  if (!existsSync(BENCH)) throw new PlatformError(`${path.relative(REPO, BENCH)} is missing; the API's build has no ingest benchmark yet`);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tunelab-bench-'));
  onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
  const env = { ...process.env, TUNELAB_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  log('bench', 'ingest on SQLite…');
  let failed = (await run(process.execPath, [BENCH], { cwd: REPO, env })) !== 0;
  // Durable settings (fsync on) so the PostgreSQL figures are comparable with a real deployment.
  await withTempPostgres(
    async (pg) => {
      log('bench', 'ingest on PostgreSQL…');
      failed = (await run(process.execPath, [BENCH], { cwd: REPO, env: { ...env, DATABASE_URL: pg.url } })) !== 0 || failed;
    },
    { durable: true, database: 'tunelab_bench', onUnavailable: (reason) => log('bench', `PostgreSQL skipped: ${reason}`) },
  );
  return failed ? 1 : 0;
}

/** The engine's throughput against an HF Trainer reference (apps/trainer/engine/bench); arguments pass through. */
async function benchEngine(args) {
  await ensurePythonEngine();
  const engine = path.join(REPO, 'apps', 'trainer', 'engine');
  return run(path.join(engine, '.venv', 'bin', 'python'), [path.join(engine, 'bench', 'bench_engine.py'), ...args], { cwd: REPO });
}

/** Even when set-up or build fails, the output ends with the `tests:` line CI reads. */
async function testCommand(runSuites = runTests) {
  try {
    await setup();
    await build();
  } catch (error) {
    if (!(error instanceof PlatformError)) throw error;
    process.stderr.write(`\n[platform] ${error.message}\n`);
    process.stdout.write(`${report([problem('set-up and build', error.message.split('\n')[0])])}\n`);
    return 1;
  }
  return runSuites();
}

const COMMANDS = {
  setup: async () => (await setup(), 0),
  build: async () => (await setup(), await build(), 0),
  start: async () => (await setup(), await build(), startPlatform()),
  test: () => testCommand(),
  // The long fault tests (SIGKILLs, a full disk, a corrupt checkpoint) and their figures: `npm run test:faults`.
  'test-faults': () => testCommand(runFaultTests),
  'bench-ingest': benchIngest,
  'bench-engine': benchEngine,
};

export async function main(argv = process.argv.slice(2)) {
  const command = COMMANDS[argv[0]];
  if (!command) {
    process.stderr.write(`usage: node scripts/platform.mjs <${Object.keys(COMMANDS).join('|')}>\n`);
    return 2;
  }
  applyChildEnv();
  try {
    return await command(argv.slice(1));
  } catch (error) {
    process.stderr.write(`\n[platform] ${error instanceof PlatformError ? error.message : error.stack}\n`);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main();
}
