// Test results: one shape for every suite, read from vitest's JSON report or node:test's TAP, summed into the
// line CI reads: `tests: N passed, M failed, K skipped`.

/**
 * @typedef {{ name: string, status: 'ran' | 'skipped' | 'failed',
 *   passed: number, failed: number, skipped: number, note?: string, ms?: number }} SuiteResult
 */

/** Counts from a vitest JSON report (null when missing) and the process's exit code. */
export function fromVitestReport(name, report, exitCode) {
  if (!report) return problem(name, `no JSON report (vitest exited with code ${exitCode})`);
  const result = {
    name,
    status: 'ran',
    passed: report.numPassedTests ?? 0,
    failed: report.numFailedTests ?? 0,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
  // A file that fails to load has no failed test, only a failed file: count each as one failure.
  const brokenFiles = (report.testResults ?? []).filter(
    (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((test) => test.status === 'failed'),
  );
  if (brokenFiles.length) {
    result.failed += brokenFiles.length;
    result.note = `${brokenFiles.length} test file(s) failed to run`;
  }
  return withExitCode(result, exitCode);
}

/** Counts from node:test's TAP output (the `# pass N` trailer) and the exit code. */
export function fromTap(name, tap, exitCode) {
  const count = (key) => Number(tap.match(new RegExp(`^# ${key} (\\d+)$`, 'm'))?.[1] ?? NaN);
  const passed = count('pass');
  if (Number.isNaN(passed)) return problem(name, `no TAP summary (exited with code ${exitCode})`);
  const result = {
    name,
    status: 'ran',
    passed,
    failed: count('fail') + (count('cancelled') || 0),
    skipped: (count('skipped') || 0) + (count('todo') || 0),
  };
  return withExitCode(result, exitCode);
}

/**
 * Counts from a JUnit XML report (pytest's --junitxml) and the exit code: each <testsuite> has tests, failures,
 * errors (collection and fixture errors) and skipped. A report with no test is a failure, not a pass: pytest's exit
 * code 5 ("no tests collected") must not read as green.
 */
export function fromJunitXml(name, xml, exitCode) {
  if (!xml) return problem(name, `no JUnit report (exited with code ${exitCode})`);
  const suites = [...xml.matchAll(/<testsuite\b([^>]*)>/g)].map(([, attributes]) => {
    const attribute = (key) => Number(attributes.match(new RegExp(`\\b${key}="(\\d+)"`))?.[1] ?? 0);
    return { tests: attribute('tests'), failures: attribute('failures'), errors: attribute('errors'), skipped: attribute('skipped') };
  });
  const sum = (key) => suites.reduce((total, suite) => total + suite[key], 0);
  if (sum('tests') === 0) return problem(name, `no tests ran (exited with code ${exitCode})`);
  const failed = sum('failures') + sum('errors');
  const result = { name, status: 'ran', passed: sum('tests') - failed - sum('skipped'), failed, skipped: sum('skipped') };
  return withExitCode(result, exitCode);
}

/** A suite that could not run: one failure. */
export function problem(name, note) {
  return { name, status: 'failed', passed: 0, failed: 1, skipped: 0, note };
}

export function skippedSuite(name, note) {
  return { name, status: 'skipped', passed: 0, failed: 0, skipped: 0, note };
}

// A non-zero exit with no failed test still fails the suite (e.g. a crash after the report, a type error).
function withExitCode(result, exitCode) {
  if (exitCode !== 0 && result.failed === 0) {
    return { ...result, status: 'failed', failed: 1, note: `exited with code ${exitCode} although no test failed` };
  }
  return result.failed > 0 ? { ...result, status: 'failed' } : result;
}

export function totals(results) {
  return results.reduce(
    (sum, r) => ({ passed: sum.passed + r.passed, failed: sum.failed + r.failed, skipped: sum.skipped + r.skipped }),
    { passed: 0, failed: 0, skipped: 0 },
  );
}

export function summaryLine(results) {
  const { passed, failed, skipped } = totals(results);
  return `tests: ${passed} passed, ${failed} failed, ${skipped} skipped`;
}

/** One line per suite, then the summary line last. */
export function report(results) {
  const width = Math.max(...results.map((r) => r.name.length), 5);
  const lines = results.map((r) => {
    const label = r.status === 'skipped' ? 'SKIPPED' : r.status === 'failed' ? 'FAILED ' : 'ok     ';
    const counts = r.status === 'skipped' ? '' : `${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`;
    const time = r.ms === undefined ? '' : ` in ${(r.ms / 1000).toFixed(1)} s`;
    return `  ${label} ${r.name.padEnd(width)}  ${counts}${time}${r.note ? ` (${r.note})` : ''}`;
  });
  return ['', 'suites:', ...lines, '', summaryLine(results)].join('\n');
}
