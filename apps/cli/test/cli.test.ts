import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, assertBuilt, CREATE_TEAM, DEMO_STUDY, fakeWorker, freePort, startApi, tunelab, workDirWithSyntheticReviews, type ApiProcess } from './kit';

let api: ApiProcess;
let workDir: string;
let env: NodeJS.ProcessEnv;
let studyId: string;

beforeAll(async () => {
  assertBuilt();
  workDir = await workDirWithSyntheticReviews();
  // Teams other than the site admin's import local files only from here (docs/security.md).
  api = await startApi({ env: { TUNELAB_IMPORT_ROOTS: workDir } });
  env = { TUNELAB_URL: api.url.replace(/\/graphql$/, ''), TUNELAB_TOKEN: api.adminToken };
}, 60_000);

afterAll(async () => {
  await api?.stop();
});

const run = (args: string[], extra: NodeJS.ProcessEnv = {}, timeoutMs?: number) => tunelab(args, { cwd: workDir, env: { ...env, ...extra }, timeoutMs });

describe('tunelab against a real API', () => {
  it('study create -f examples/demo-study.yaml: creates the project, imports the synthetic reviews, queues 3 methods x 2 seeds', async () => {
    const result = await run(['study', 'create', '-f', DEMO_STUDY, '--json']);
    expect(result.stderr).toContain('created project "demo"');
    expect(result.stderr).toContain('majority-class baseline');
    expect(result.code).toBe(0);
    const study = JSON.parse(result.stdout);
    studyId = study.id;
    expect(study.maxSeqLength).toBe(64);
    expect(study.runs.map((r: { method: string; seed: number }) => `${r.method}/${r.seed}`)).toEqual(['full/1', 'full/2', 'lora/1', 'lora/2', 'mamba/1', 'mamba/2']);

    // the same file again: the dataset is reused, the study name is taken (CONFLICT, exit 1) unless --name says otherwise
    const again = await run(['study', 'create', '-f', DEMO_STUDY]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('using dataset "synthetic reviews"');
    expect(again.stderr).toMatch(/CONFLICT: .*study named/);
    const renamed = await run(['study', 'create', '-f', DEMO_STUDY, '--name', 'second try']);
    expect(renamed.code).toBe(0);
    expect(renamed.stdout).toMatch(/"second try" in project "demo": 6 runs queued/);
  });

  it('runs list, show and cancel', async () => {
    const list = await run(['runs', 'list', '--study', studyId]);
    expect(list.code).toBe(0);
    expect(list.stdout.trim().split('\n')).toHaveLength(7);
    expect(list.stdout).toMatch(/^run\s+study\s+method\s+seed\s+status/);
    const runs = JSON.parse((await run(['runs', 'list', '--study', 'second try', '--json'])).stdout) as { id: string; status: string }[];
    expect(runs).toHaveLength(6);

    const show = await run(['runs', 'show', runs[0].id]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain(`run ${runs[0].id}`);
    expect(show.stdout).toMatch(/hyperparameters .*learningRate=/);

    const cancel = await run(['runs', 'cancel', runs[0].id, runs[1].id]);
    expect(cancel.code).toBe(0);
    expect(cancel.stdout).toBe(`${runs[0].id} CANCELLED\n${runs[1].id} CANCELLED\n`);
    const missing = await run(['runs', 'show', '00000000-0000-0000-0000-000000000000']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('NOT_FOUND');
    const badStatus = await run(['runs', 'list', '--status', 'sleeping']);
    expect(badStatus.code).toBe(2);
  });

  it('export writes the report as Markdown to stdout, CSV and JSON to a file', async () => {
    const md = await run(['export', studyId, '--format', 'md']);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^# tiny bert full vs tiny bert \+ LoRA vs tiny mamba/);
    const csv = await run(['export', studyId, '--format', 'csv', '-o', 'report.csv']);
    expect(csv.code).toBe(0);
    expect(fs.readFileSync(path.join(workDir, 'report.csv'), 'utf8')).toContain(',');
    const json = await run(['export', studyId, '--format', 'json', '-o', 'report.json']);
    expect(json.code).toBe(0);
    expect(() => JSON.parse(fs.readFileSync(path.join(workDir, 'report.json'), 'utf8'))).not.toThrow();
    expect((await run(['export', studyId, '--format', 'pdf'])).code).toBe(2);
  });

  it('data inspect prints the quality report; data import registers another source', async () => {
    const inspect = await run(['data', 'inspect', 'synthetic reviews']);
    expect(inspect.code).toBe(0);
    expect(inspect.stdout).toMatch(/rows: 300 read, \d+ kept/);
    expect(inspect.stdout).toContain('neutral');
    const imported = await run(['data', 'import', 'data/synthetic-reviews.jsonl', '--project', 'imports', '--name', 'copy', '--text-rule', 'strip-score-mentions', '--test', '0.25', '--train', '0.75']);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/dataset \S+ "copy" imported/);
    expect(imported.stdout).toMatch(/self-reported scores in texts: \d+ .*stripped/);
    const refused = await run(['data', 'import', 'data/synthetic-reviews.jsonl', '--project', 'imports', '--name', 'bad split', '--test', '0.9']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/BAD_USER_INPUT: .*split/);
  });

  it('token create, list and revoke; a revoked token is exit 4', async () => {
    const created = await run(['token', 'create', 'ci']);
    expect(created.code).toBe(0);
    const secret = created.stdout.trim();
    expect(secret).toMatch(/^tlk_/);
    expect((await run(['runs', 'list'], { TUNELAB_TOKEN: secret })).code).toBe(0);
    const list = await run(['token', 'list']);
    expect(list.stdout).toMatch(/ci\s+tlk_\S+\s.*active/);
    expect(list.stdout).not.toContain(secret);
    const revoked = await run(['token', 'revoke', 'ci']);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toMatch(/revoked token "ci"/);
    const refused = await run(['runs', 'list'], { TUNELAB_TOKEN: secret });
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain('UNAUTHENTICATED');
  });

  it('invalid YAML and wrong fields: exit 2 with the line; a value the API refuses: exit 1 with the line', async () => {
    fs.writeFileSync(path.join(workDir, 'broken.yaml'), 'project: demo\ndataset: "unclosed\nname: s\n');
    const broken = await run(['study', 'create', '-f', 'broken.yaml']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/broken\.yaml:\d+:\d+: invalid YAML/);

    fs.writeFileSync(path.join(workDir, 'wrong.yaml'), 'project: demo\ndataset: synthetic reviews\nname: s\nseeds: one\nmethods:\n  - method: full\n    baseModel: m\n    learningRate: 0.1\n');
    const wrong = await run(['study', 'create', '-f', 'wrong.yaml']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('wrong.yaml:4:8: seeds: must be a list, got text "one"');
    expect(wrong.stderr).toMatch(/wrong\.yaml:8:5: methods\[0\]\.learningRate: unknown key "learningRate"/);

    fs.writeFileSync(path.join(workDir, 'refused.yaml'), 'project: demo\ndataset: synthetic reviews\nname: refused\nmethods:\n  - method: full\n    baseModel: m\n    hyperparameters:\n      learningRate: 5\n');
    const refused = await run(['study', 'create', '-f', 'refused.yaml']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/refused\.yaml:8:21: methods\[0\]\.hyperparameters\.learningRate: .*at most 1/);

    expect((await run(['study', 'create', '-f', 'nope.yaml'])).code).toBe(2);
    expect((await run(['study', 'create'])).code).toBe(2);
    expect((await run(['no-such-command'])).code).toBe(2);
  });

  it('a bad or missing token is exit 4, a wrong URL exit 3', async () => {
    const bad = await run(['runs', 'list'], { TUNELAB_TOKEN: 'tlk_not_a_real_token' });
    expect(bad.code).toBe(4);
    expect(bad.stderr).toContain('UNAUTHENTICATED');
    const none = await run(['runs', 'list'], { TUNELAB_TOKEN: '' });
    expect(none.code).toBe(4);
    expect(none.stderr).toContain('no API token');

    const closed = await run(['runs', 'list'], { TUNELAB_URL: `http://127.0.0.1:${await freePort()}` });
    expect(closed.code).toBe(3);
    expect(closed.stderr).toMatch(/cannot reach the tunelab API .*ECONNREFUSED/);
    const notApi = await run(['runs', 'list'], { TUNELAB_URL: `${env.TUNELAB_URL}/not-the-api` });
    expect(notApi.code).toBe(3);
    const notUrl = await run(['runs', 'list'], { TUNELAB_URL: 'ftp://x' });
    expect(notUrl.code).toBe(2);
  });

  it('runs follow: a line per run while a worker trains, then the leaderboard', async () => {
    // a team of its own, so the stand-in worker claims exactly this study's runs
    const admin = new ApiClient(api.url, api.adminToken);
    const { createTeam } = await admin.request(CREATE_TEAM, { name: 'follow team' });
    const token = createTeam.adminToken.secret as string;
    const created = await run(['study', 'create', '-f', DEMO_STUDY, '--json'], { TUNELAB_TOKEN: token });
    expect(created.code).toBe(0);
    const study = JSON.parse(created.stdout);

    const follow = run(['runs', 'follow', study.id, '--interval', '0'], { TUNELAB_TOKEN: token }, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const quality: Record<string, number> = { full: 0.9, lora: 0.85, mamba: 0.7 };
    await fakeWorker(admin.withToken(token), { runs: 6, quality: (method, seed) => quality[method] + seed / 100 });
    const result = await follow;
    expect(result.stderr).toContain(`following study "${study.name}" (6 runs)`);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Full FT · seed 1\s+RUNNING\s+\[█+░*\]\s+\d+%\s+epoch [\d.]+\s+step \d\/4\s+[\d.]+ samples\/s\s+ETA \d+s/);
    expect(result.stdout).toMatch(/loss 0\.\d{4}/);
    expect(result.stdout).toMatch(/Mamba · seed 2\s+SUCCEEDED .*f1_macro 0\.7200/);
    expect(result.stdout).toMatch(/leaderboard by eval\/f1_macro \(higher is better\)/);
    expect(result.stdout).toMatch(/\n\s*1\s+full\s+2\s+0\.9200/);
    expect(result.stdout).toMatch(/BERT full fine-tuning\s+2\s+0\.9150 ± 0\.0071/);
    expect(result.stderr).toContain('all runs ended: 6 succeeded');
  }, 90_000);

  it('runs follow of a finished run ends at once with its metrics; Ctrl-C while following exits 130', async () => {
    const runs = JSON.parse((await run(['runs', 'list', '--study', studyId, '--json'])).stdout) as { id: string }[];
    const queued = tunelab(['runs', 'follow', studyId], { cwd: workDir, env });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    queued.kill('SIGINT');
    const interrupted = await queued;
    expect(interrupted.code).toBe(130);
    expect(interrupted.stderr).toMatch(/stopped following \(6 queued\); the runs go on/);

    await run(['runs', 'cancel', runs[0].id]);
    const one = await run(['runs', 'follow', runs[0].id], {}, 20_000);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain(`run ${runs[0].id}: CANCELLED`);
  });

  it('trainer starts the daemon against the API and stops it on SIGINT', async () => {
    const admin = new ApiClient(api.url, api.adminToken);
    const { createTeam } = await admin.request(CREATE_TEAM, { name: 'trainer team' });
    const token = createTeam.adminToken.secret as string;
    const trainer = tunelab(['trainer', '--name', 'cli-trainer', '--dir', 'trainer-work'], { cwd: workDir, env: { ...env, TUNELAB_TOKEN: token } });
    const client = admin.withToken(token);
    let workers: { name: string }[] = [];
    for (let i = 0; i < 100 && !workers.length; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      workers = (await client.request(`{ workers { name } }`)).workers;
    }
    expect(workers.map((w) => w.name)).toEqual(['cli-trainer']);
    trainer.kill('SIGINT');
    const result = await trainer;
    expect(result.stderr).toContain('starting the trainer daemon against');
    expect([0, 130]).toContain(result.code);
  }, 40_000);
});
