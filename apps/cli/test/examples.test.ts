import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, assertBuilt, DEMO_STUDY, fakeWorker, REPO, startApi, tunelab, workDirWithSyntheticReviews, type ApiProcess } from './kit';

// The scripts of docs/scripting.md, run as documented against a temporary API.
const NODE_SCRIPT = path.join(REPO, 'examples/scripts/follow-run.mjs');
const PYTHON_SCRIPT = path.join(REPO, 'examples/scripts/study_results.py');
const VENV_PYTHON = path.join(REPO, 'apps/trainer/engine/.venv/bin/python');
const PYTHON = fs.existsSync(VENV_PYTHON) ? VENV_PYTHON : 'python3';

let api: ApiProcess;
let env: NodeJS.ProcessEnv;
let study: { id: string; runs: { id: string }[] };

function exec(command: string, args: string[], timeoutMs = 30_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => ((stderr += error.message), resolve({ code: -1, stdout, stderr })));
    child.once('close', (code) => (clearTimeout(timer), resolve({ code, stdout, stderr })));
  });
}

beforeAll(async () => {
  assertBuilt();
  const [started, workDir] = await Promise.all([startApi(), workDirWithSyntheticReviews()]);
  api = started;
  env = { TUNELAB_URL: api.url.replace(/\/graphql$/, ''), TUNELAB_TOKEN: api.adminToken };
  const created = await tunelab(['study', 'create', '-f', DEMO_STUDY, '--json'], { cwd: workDir, env });
  if (created.code !== 0) throw new Error(created.stderr);
  study = JSON.parse(created.stdout);
}, 60_000);

afterAll(async () => {
  await api?.stop();
});

describe('docs/scripting.md examples', () => {
  it('curl: a query with the token, and the error without it', async () => {
    const body = JSON.stringify({ query: '{ viewer { team { name } } }' });
    const ok = await exec('curl', ['-s', `${env.TUNELAB_URL}/graphql`, '-H', 'content-type: application/json', '-H', `authorization: Bearer ${env.TUNELAB_TOKEN}`, '-d', body]);
    expect(JSON.parse(ok.stdout)).toEqual({ data: { viewer: { team: { name: 'local' } } } });
    const refused = await exec('curl', ['-s', `${env.TUNELAB_URL}/graphql`, '-H', 'content-type: application/json', '-d', body]);
    expect(JSON.parse(refused.stdout).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('node examples/scripts/follow-run.mjs follows a run live until it ends', async () => {
    const runId = study.runs[0].id;
    const following = exec(process.execPath, [NODE_SCRIPT, runId]);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await fakeWorker(new ApiClient(api.url, api.adminToken), { runs: 1, quality: () => 0.9 });
    const result = await following;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^run \S+: full seed 1, QUEUED/);
    expect(result.stdout).toMatch(/progress step 2\/4 epoch 1\.00/);
    expect(result.stdout).toMatch(/metric train\/loss step 4 = 0\.2000/);
    expect(result.stdout).toContain('status SUCCEEDED');
    expect(result.stdout).toMatch(/final SUCCEEDED \{"eval\/f1_macro":0\.9/);
  });

  it('python examples/scripts/study_results.py pulls the results (standard library only)', async () => {
    await fakeWorker(new ApiClient(api.url, api.adminToken), { runs: 5, steps: 1, stepMs: 0, quality: () => 0.8 });
    const result = await exec(PYTHON, [PYTHON_SCRIPT, study.id]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/leaderboard by eval\/f1_macro\n\s+1\. full\s+seed 1\s+0\.9000/);
    expect(result.stdout).toMatch(/BERT full fine-tuning\s+0\.8500 ± 0\.0707\s+\(2 seeds\)/);
    const json = await exec(PYTHON, [PYTHON_SCRIPT, study.id, '--json']);
    expect(JSON.parse(json.stdout).leaderboard.rows).toHaveLength(6);
    const missing = await exec(PYTHON, [PYTHON_SCRIPT, '00000000-0000-0000-0000-000000000000']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('NOT_FOUND');
  });
});
