import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { REPO } from './config.mjs';
import { faultFigures, listWorkspaces, planFaultSuites, planSuites, unavailable } from './tests.mjs';

test('workspaces are read from the root package.json, globs expanded, scope dropped', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tunelab-ws-'));
  try {
    const write = (dir, pkg) => {
      mkdirSync(path.join(root, dir), { recursive: true });
      writeFileSync(path.join(root, dir, 'package.json'), JSON.stringify(pkg));
    };
    write('.', { workspaces: ['packages/*', 'e2e'] });
    write('packages/core', { name: '@tunelab/core', scripts: { test: 'vitest run' } });
    write('packages/schema', { name: '@tunelab/schema' });
    mkdirSync(path.join(root, 'packages', 'not-a-package'));
    write('e2e', { name: '@tunelab/e2e', scripts: { 'test:e2e': 'vitest run' } });
    const names = listWorkspaces(root).map((w) => [w.name, Object.keys(w.scripts)]);
    assert.deepEqual(names.sort(), [['core', ['test']], ['e2e', ['test:e2e']], ['schema', []]]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('suites: scripts, each workspace test, the API and the trainer scale test again on PostgreSQL, the engine, then e2e', () => {
  const ws = (dir, scripts) => ({ dir: path.join(REPO, dir), name: path.basename(dir), scripts });
  const workspaces = [
    ws('packages/core', { test: 'vitest run' }),
    ws('packages/schema', {}),
    ws('apps/api', { test: 'vitest run' }),
    ws('apps/trainer', { test: 'vitest run' }),
    ws('e2e', { 'test:e2e': 'vitest run' }),
  ];
  const all = ['scripts', 'core', 'api', 'trainer', 'api (postgres)', 'trainer (postgres)'];
  assert.deepEqual(planSuites(workspaces, { engine: true }).map(([name]) => name), [...all, 'engine', 'e2e']);
  assert.deepEqual(planSuites(workspaces, { engine: false }).map(([name]) => name), [...all, 'e2e']);
});

test('a suite that cannot have PostgreSQL or chromium is SKIPPED locally and a failure with CI=true', (t) => {
  const saved = process.env.CI;
  t.after(() => (saved === undefined ? delete process.env.CI : (process.env.CI = saved)));
  delete process.env.CI;
  assert.deepEqual(unavailable('e2e', 'no chromium'), { name: 'e2e', status: 'skipped', passed: 0, failed: 0, skipped: 0, note: 'no chromium' });
  process.env.CI = 'true';
  const result = unavailable('e2e', 'no chromium');
  assert.equal(result.status, 'failed');
  assert.equal(result.failed, 1);
  assert.match(result.note, /no chromium; CI=true makes this a failure/);
});

test('test:faults runs the trainer fault suite and prints the figures the tests recorded', () => {
  const ws = (dir, scripts) => ({ dir: path.join(REPO, dir), name: path.basename(dir), scripts });
  assert.deepEqual(planFaultSuites([ws('packages/core', { test: 'vitest run' }), ws('apps/trainer', { test: 'vitest run' })]).map(([name]) => name), ['trainer (faults)']);
  assert.deepEqual(planFaultSuites([ws('packages/core', { test: 'vitest run' })]), []);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tunelab-figures-'));
  try {
    writeFileSync(path.join(dir, 'b.json'), JSON.stringify({ name: 'b', line: 'second figure' }));
    writeFileSync(path.join(dir, 'a.json'), JSON.stringify({ name: 'a', line: 'first figure', runs: [] }));
    writeFileSync(path.join(dir, 'notes.txt'), 'not a figure');
    assert.deepEqual(faultFigures(dir), ['first figure', 'second figure']);
    assert.deepEqual(faultFigures(path.join(dir, 'missing')), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
