// `test`: every suite as a child process, counted from machine-readable reports.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureChromium, ensureRedis } from './apt.mjs';
import { REPO, RESULTS_DIR } from './config.mjs';
import { withTempPostgres } from './postgres.mjs';
import { formatDuration, log, run } from './proc.mjs';
import { fromJunitXml, fromTap, fromVitestReport, problem, report, skippedSuite } from './results.mjs';

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/** The npm workspaces of the root package.json: { dir, name, scripts }; `name` drops the npm scope. */
export function listWorkspaces(root = REPO) {
  const dirs = readJson(path.join(root, 'package.json')).workspaces.flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [pattern];
    const parent = path.join(root, pattern.slice(0, -2));
    if (!existsSync(parent)) return [];
    return readdirSync(parent, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => path.join(pattern.slice(0, -2), entry.name));
  });
  return dirs
    .filter((dir) => existsSync(path.join(root, dir, 'package.json')))
    .map((dir) => {
      const pkg = readJson(path.join(root, dir, 'package.json'));
      return { dir: path.join(root, dir), name: (pkg.name ?? dir).replace(/^@[^/]+\//, ''), scripts: pkg.scripts ?? {} };
    });
}

/** Environment for a test child: SQLite unless databaseUrl is given. */
function testEnv(databaseUrl) {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.TEST_DATABASE_URL;
  if (databaseUrl) env.TEST_DATABASE_URL = databaseUrl;
  return env;
}

async function vitestSuite(name, workspace, { db = 'sqlite', databaseUrl, files = [], config } = {}) {
  const outputFile = path.join(RESULTS_DIR, `${workspace.name}-${db}${config ? `-${path.basename(config).split('.')[1]}` : ''}.json`);
  rmSync(outputFile, { force: true });
  const bin = path.join(REPO, 'node_modules', '.bin', 'vitest');
  const args = ['run', ...(config ? ['--config', config] : []), '--reporter=default', '--reporter=json', `--outputFile=${outputFile}`, '--passWithNoTests', ...files];
  const code = await run(existsSync(bin) ? bin : 'npx', existsSync(bin) ? args : ['--no', 'vitest', ...args], {
    cwd: workspace.dir,
    env: testEnv(databaseUrl),
  });
  return fromVitestReport(name, existsSync(outputFile) ? readJson(outputFile) : null, code);
}

/** The platform's own tests (scripts/**\/*.test.mjs) with node:test. */
async function scriptsSuite() {
  const dirs = [path.join(REPO, 'scripts'), path.join(REPO, 'scripts', 'lib')];
  const files = dirs.flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.test.mjs')).map((f) => path.join(dir, f)));
  const tapFile = path.join(RESULTS_DIR, 'scripts.tap');
  rmSync(tapFile, { force: true });
  const args = ['--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tapFile}`, ...files];
  const code = await run(process.execPath, args, { cwd: REPO });
  return fromTap('scripts', existsSync(tapFile) ? readFileSync(tapFile, 'utf8') : '', code);
}

const ENGINE_DIR = path.join(REPO, 'apps', 'trainer', 'engine');

/** The Python engine's pytest suite, run with the venv the set-up step made; counted from its JUnit report. */
async function engineSuite() {
  const python = path.join(ENGINE_DIR, '.venv', 'bin', 'python');
  if (!existsSync(python)) return problem('engine', `${path.relative(REPO, python)} is missing; run \`npm run setup\``);
  const junit = path.join(RESULTS_DIR, 'engine.xml');
  rmSync(junit, { force: true });
  const code = await run(python, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', `--junitxml=${junit}`], { cwd: ENGINE_DIR });
  return fromJunitXml('engine', existsSync(junit) ? readFileSync(junit, 'utf8') : null, code);
}

/** A suite that needs something the machine may lack: SKIPPED locally, a failure when CI=true. */
export function unavailable(name, reason) {
  if (process.env.CI === 'true') return problem(name, `${reason}; CI=true makes this a failure`);
  return skippedSuite(name, reason);
}

/** The suites to run, in order: [name, () => Promise<SuiteResult>]. The engine's once it has a pyproject.toml. */
export function planSuites(workspaces = listWorkspaces(), { engine = existsSync(path.join(ENGINE_DIR, 'pyproject.toml')) } = {}) {
  const suites = [['scripts', scriptsSuite]];
  const api = workspaces.find((w) => w.dir === path.join(REPO, 'apps', 'api') && w.scripts.test);
  for (const ws of workspaces.filter((w) => w.scripts.test)) {
    suites.push([ws.name, async () => {
      // The API's replica tests start their own Redis; a missing one fails those tests with the reason.
      if (ws === api) await ensureRedis().then((missing) => missing && log('test', missing));
      return vitestSuite(ws.name, ws);
    }]);
  }
  if (api) {
    const name = `${api.name} (postgres)`;
    suites.push([name, () => withTempPostgres((pg) => vitestSuite(name, api, { db: 'postgres', databaseUrl: pg.url }), {
      onUnavailable: (reason) => unavailable(name, reason),
    })]);
  }
  // Several trainer daemons on one PostgreSQL queue (claims with FOR UPDATE SKIP LOCKED): only that test file.
  const trainer = workspaces.find((w) => w.dir === path.join(REPO, 'apps', 'trainer') && w.scripts.test);
  if (trainer) {
    const name = `${trainer.name} (postgres)`;
    suites.push([name, () => withTempPostgres((pg) => vitestSuite(name, trainer, { db: 'postgres', databaseUrl: pg.url, files: ['test/scale.test.ts'] }), {
      onUnavailable: (reason) => unavailable(name, reason),
    })]);
  }
  if (engine) suites.push(['engine', engineSuite]);
  for (const ws of workspaces.filter((w) => w.scripts['test:e2e'])) {
    suites.push([ws.name, async () => {
      const missing = await ensureChromium();
      return missing ? unavailable(ws.name, missing) : vitestSuite(ws.name, ws);
    }]);
  }
  return suites;
}

/** Where the fault tests write their figures, one JSON file each: { name, line, ...details }. */
export const FAULT_FIGURES_DIR = path.join(RESULTS_DIR, 'faults');

/**
 * `test:faults`: the long fault tests of apps/trainer (test/faults/*.faults.ts, vitest.faults.config.mts): SIGKILLs of
 * the real engine, the API and the daemon, a full disk, a corrupt checkpoint. Not part of `test`: minutes each.
 */
export function planFaultSuites(workspaces = listWorkspaces()) {
  const trainer = workspaces.find((w) => w.dir === path.join(REPO, 'apps', 'trainer'));
  if (!trainer) return [];
  const name = `${trainer.name} (faults)`;
  return [[name, () => vitestSuite(name, trainer, { db: 'sqlite', config: 'vitest.faults.config.mts' })]];
}

/** The one-line figures the fault tests recorded, in file-name order. */
export function faultFigures(dir = FAULT_FIGURES_DIR) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => readJson(path.join(dir, file)).line)
    .filter((line) => typeof line === 'string');
}

/** Runs the fault suites, then prints their figures before the summary line; resolves with the exit code. */
export async function runFaultTests() {
  rmSync(FAULT_FIGURES_DIR, { recursive: true, force: true });
  return runTests(planFaultSuites(), () => {
    const figures = faultFigures();
    if (figures.length) process.stdout.write(`\nfault figures (also in ${path.relative(REPO, FAULT_FIGURES_DIR)}/*.json):\n${figures.map((line) => `  ${line}`).join('\n')}\n`);
  });
}

/** Runs every suite; prints one line per suite and the summary line; resolves with the exit code. */
export async function runTests(suites = planSuites(), beforeSummary = () => {}) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const results = [];
  for (const [name, runSuite] of suites) {
    log('test', `── ${name} ──`);
    const started = Date.now();
    let result;
    try {
      result = await runSuite();
    } catch (error) {
      result = problem(name, error.message.split('\n')[0]);
      process.stderr.write(`${error.message}\n`);
    }
    result.ms = Date.now() - started;
    const outcome = result.status === 'skipped' ? `SKIPPED (${result.note})` : `${result.passed} passed, ${result.failed} failed`;
    log('test', `${name}: ${outcome} in ${formatDuration(result.ms)}`);
    results.push(result);
  }
  beforeSummary();
  process.stdout.write(`${report(results)}\n`);
  return results.some((r) => r.status === 'failed') ? 1 : 0;
}
