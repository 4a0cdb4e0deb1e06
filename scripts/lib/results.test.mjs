import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fromJunitXml, fromTap, fromVitestReport, report, summaryLine } from './results.mjs';

// Trimmed from a real vitest 4.1 JSON report: a file with a passing, failing, skipped and todo test,
// and a file that failed to import (no tests at all).
const SAMPLE = {
  numTotalTestSuites: 2, numPassedTestSuites: 0, numFailedTestSuites: 2, numPendingTestSuites: 0,
  numTotalTests: 4, numPassedTests: 1, numFailedTests: 1, numPendingTests: 1, numTodoTests: 1, success: false,
  testResults: [
    { name: '/repo/a.spec.mjs', status: 'failed', message: '', assertionResults: [
      { title: 'passes', status: 'passed' }, { title: 'fails', status: 'failed' },
      { title: 'skipped', status: 'skipped' }, { title: 'todo', status: 'todo' }] },
    { name: '/repo/b.spec.mjs', status: 'failed', message: "Cannot find module './does-not-exist.mjs'", assertionResults: [] },
  ],
};

test('a vitest report counts passed, failed (including files that failed to load) and skipped + todo', () => {
  const result = fromVitestReport('core', SAMPLE, 1);
  assert.deepEqual(
    { status: result.status, passed: result.passed, failed: result.failed, skipped: result.skipped },
    { status: 'failed', passed: 1, failed: 2, skipped: 2 },
  );
  assert.match(result.note, /1 test file\(s\) failed to run/);
});

test('a green vitest report with exit code 0 is a passing suite', () => {
  const green = { numPassedTests: 7, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0, testResults: [{ status: 'passed', assertionResults: [] }] };
  assert.deepEqual(fromVitestReport('api', green, 0), { name: 'api', status: 'ran', passed: 7, failed: 0, skipped: 0 });
});

test('a missing report or a non-zero exit without failed tests counts as one failure', () => {
  assert.equal(fromVitestReport('web', null, 1).failed, 1);
  const green = { numPassedTests: 3, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0, testResults: [] };
  const crashed = fromVitestReport('web', green, 137);
  assert.equal(crashed.status, 'failed');
  assert.equal(crashed.failed, 1);
  assert.equal(crashed.passed, 3);
});

test('node:test TAP trailers are counted', () => {
  const tap = 'TAP version 13\nok 1 - a\n1..3\n# tests 3\n# suites 0\n# pass 2\n# fail 0\n# cancelled 0\n# skipped 1\n# todo 0\n# duration_ms 5\n';
  assert.deepEqual(fromTap('scripts', tap, 0), { name: 'scripts', status: 'ran', passed: 2, failed: 0, skipped: 1 });
  assert.equal(fromTap('scripts', '', 1).status, 'failed');
});

// The shape pytest 9's --junitxml writes (trimmed): errors are collection/fixture errors, tests counts them all.
const JUNIT = `<?xml version="1.0" encoding="utf-8"?><testsuites name="pytest tests"><testsuite name="pytest" errors="1" failures="2" skipped="3" tests="70" time="98.1" timestamp="2026-11-28T10:00:00" hostname="h"><testcase classname="tests.test_spec" name="test_a" time="0.01" /></testsuite></testsuites>`;

test('a pytest JUnit report counts passed, failed (failures + errors) and skipped', () => {
  assert.deepEqual(fromJunitXml('engine', JUNIT, 1), { name: 'engine', status: 'failed', passed: 64, failed: 3, skipped: 3 });
  const green = JUNIT.replace('errors="1" failures="2" skipped="3"', 'errors="0" failures="0" skipped="0"');
  assert.deepEqual(fromJunitXml('engine', green, 0), { name: 'engine', status: 'ran', passed: 70, failed: 0, skipped: 0 });
});

test('pytest collecting no test (exit code 5), a missing report or a crash is a failure', () => {
  const empty = '<testsuites name="pytest tests"><testsuite name="pytest" errors="0" failures="0" skipped="0" tests="0" time="0.0"></testsuite></testsuites>';
  const none = fromJunitXml('engine', empty, 5);
  assert.equal(none.status, 'failed');
  assert.match(none.note, /no tests ran \(exited with code 5\)/);
  assert.equal(fromJunitXml('engine', null, 4).failed, 1);
  const green = JUNIT.replace('errors="1" failures="2" skipped="3"', 'errors="0" failures="0" skipped="0"');
  assert.equal(fromJunitXml('engine', green, 137).status, 'failed');
});

test('the summary line has the exact form CI reads and comes last', () => {
  const results = [
    { name: 'core', status: 'ran', passed: 5, failed: 0, skipped: 1 },
    { name: 'api', status: 'failed', passed: 3, failed: 2, skipped: 0 },
    { name: 'e2e', status: 'skipped', passed: 0, failed: 0, skipped: 0, note: '/usr/bin/chromium is missing' },
  ];
  assert.equal(summaryLine(results), 'tests: 8 passed, 2 failed, 1 skipped');
  const lines = report(results).split('\n');
  assert.equal(lines.at(-1), 'tests: 8 passed, 2 failed, 1 skipped');
  assert.ok(lines.some((line) => /SKIPPED e2e .*chromium is missing/.test(line)));
});
