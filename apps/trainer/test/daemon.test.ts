import { afterEach, describe, expect, it } from 'vitest';
import type { ApiProcess } from '../../api/test/kit/api-process';
import { ApiClient, eventually, freePort, range, runOf, seedStudy, startTestApi, startTrainer, storedSteps, type TrainerProcess } from './kit';

/**
 * The daemon against the real API, with a stand-in engine (test/fixtures/fake-engine.mjs) that speaks the
 * engine protocol in milliseconds. Each test asserts on what the API stored, not on log lines.
 */
describe('the trainer daemon', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const track = <T extends { stop: () => Promise<unknown> }>(thing: T): T => (cleanups.push(() => thing.stop()), thing);
  const api = async (options = {}): Promise<[ApiProcess, ApiClient]> => {
    const started = track(await startTestApi(options));
    return [started, new ApiClient(started.url, started.adminToken)];
  };
  const trainer = (stack: ApiProcess, options: Parameters<typeof startTrainer>[1] = {}): TrainerProcess => track(startTrainer(stack, options));

  it('drives queued runs to SUCCEEDED with every step, checkpoint and the final metrics stored', async () => {
    const [stack, client] = await api();
    const { runIds, fingerprint } = await seedStudy(client, stack.dataDir, { seeds: [1, 2], trainRows: 64, epochs: 2 });
    trainer(stack);
    for (const runId of runIds) {
      const run = await eventually(async () => {
        const current = await runOf(client, runId);
        return current.status === 'SUCCEEDED' && current;
      }, { what: `run ${runId} to succeed` });
      expect(run).toMatchObject({ attempt: 1, finalMetrics: { 'eval/accuracy': 0.9, 'eval/f1_macro': 0.8 }, trainableParameters: 1000, progress: null, splitFingerprint: fingerprint });
      expect(run.checkpoints.map((c: { epoch: number }) => c.epoch)).toEqual([1, 2]);
      expect(await storedSteps(client, runId, 'train/loss')).toEqual(range(1, 8));
      expect(await storedSteps(client, runId, 'eval/f1_macro')).toEqual([4, 8]);
    }
  });

  it('resumes a run whose engine was SIGKILLed, without a gap or a duplicate in its metrics', async () => {
    const [stack, client] = await api();
    const { runIds: [runId] } = await seedStudy(client, stack.dataDir, { trainRows: 320, epochs: 2 });
    const daemon = trainer(stack, { env: { FAKE_ENGINE_STEP_MS: '60' } });
    await eventually(async () => (await runOf(client, runId)).progress?.step >= 25, { what: 'the run to pass step 25' });
    const pid = await eventually(async () => findEnginePid(daemon), { what: 'the engine process' });
    process.kill(pid, 'SIGKILL');
    const run = await eventually(async () => {
      const current = await runOf(client, runId);
      return current.status === 'SUCCEEDED' && current;
    }, { what: 'the resumed run to succeed' });
    expect(run.attempt).toBe(2);
    expect(run.retries).toEqual([{ attempt: 2, code: 'ENGINE_CRASHED', batchSize: null, gradientAccumulationSteps: null }]);
    expect(await storedSteps(client, runId, 'train/loss')).toEqual(range(1, 40));
  });

  it('keeps training while the API is down for 10 s and loses no point', async () => {
    const port = await freePort();
    const first = await startTestApi({ port });
    const client = new ApiClient(first.url, first.adminToken);
    const { runIds: [runId] } = await seedStudy(client, first.dataDir, { trainRows: 400, epochs: 2 });
    const daemon = trainer(first, { env: { FAKE_ENGINE_STEP_MS: '40' } });
    await eventually(async () => (await runOf(client, runId)).progress?.step >= 5, { what: 'the run to start' });
    await first.kill();
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    const second = track(await startTestApi({ port, dataDir: first.dataDir, databaseUrl: first.databaseUrl }));
    const again = new ApiClient(second.url, second.adminToken);
    await eventually(async () => (await runOf(again, runId)).status === 'SUCCEEDED', { what: 'the run to succeed after the outage', timeoutMs: 90_000 });
    expect(await storedSteps(again, runId, 'train/loss')).toEqual(range(1, 50));
    expect(daemon.output()).toMatch(/unreachable/);
  });

  it('executes each of six runs exactly once with two daemons', async () => {
    const [stack, client] = await api();
    const { runIds } = await seedStudy(client, stack.dataDir, {
      methods: [
        { method: 'full', baseModel: 'tiny-bert', hyperparameters: { epochs: 1 } },
        { method: 'lora', baseModel: 'tiny-bert', hyperparameters: { epochs: 1 } },
        { method: 'mamba', baseModel: 'tiny-mamba', hyperparameters: { epochs: 1 } },
      ],
      seeds: [1, 2],
    });
    trainer(stack, { name: 'one' });
    trainer(stack, { name: 'two' });
    const runs = await eventually(async () => {
      const all = await Promise.all(runIds.map((id) => runOf(client, id)));
      return all.every((run) => run.status === 'SUCCEEDED') && all;
    }, { what: 'six runs to succeed' });
    expect(runs.map((run) => run.attempt)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(new Set(runs.map((run) => run.worker.name))).toEqual(new Set(['one', 'two']));
    for (const runId of runIds) expect(await storedSteps(client, runId, 'train/loss')).toEqual(range(1, 4));
  });

  it('hands the run of a SIGKILLed daemon to another daemon, which finishes it', async () => {
    const [stack, client] = await api();
    const { runIds: [runId] } = await seedStudy(client, stack.dataDir, { trainRows: 320, epochs: 2 });
    const workDir = require('node:fs').mkdtempSync(require('node:path').join(require('node:os').tmpdir(), 'tunelab-shared-'));
    const doomed = trainer(stack, { name: 'doomed', workDir, env: { FAKE_ENGINE_STEP_MS: '60' } });
    await eventually(async () => (await runOf(client, runId)).progress?.step >= 25, { what: 'the run to pass step 25' });
    const enginePid = await eventually(async () => findEnginePid(doomed), { what: 'the engine process' });
    doomed.child.kill('SIGKILL');
    process.kill(enginePid, 'SIGKILL');
    trainer(stack, { name: 'rescuer', env: { FAKE_ENGINE_STEP_MS: '10' } });
    const run = await eventually(async () => {
      const current = await runOf(client, runId);
      return current.status === 'SUCCEEDED' && current;
    }, { what: 'the other daemon to finish the run' });
    expect(run.worker.name).toBe('rescuer');
    expect(run.attempt).toBe(2);
    expect(await storedSteps(client, runId, 'train/loss')).toEqual(range(1, 40));
  });

  it('stops a cancelled run within 10 s', async () => {
    const [stack, client] = await api();
    const { runIds: [runId] } = await seedStudy(client, stack.dataDir, { trainRows: 3200, epochs: 2 });
    const daemon = trainer(stack, { env: { FAKE_ENGINE_STEP_MS: '50' } });
    await eventually(async () => (await runOf(client, runId)).progress?.step >= 3, { what: 'the run to start' });
    const cancelledAt = Date.now();
    await client.request(`mutation ($id: ID!) { cancelRun(runId: $id) { status } }`, { id: runId });
    await eventually(async () => !findEnginePid(daemon) && daemon.output().includes(`run ${runId}: cancelled`), { what: 'the engine to stop', timeoutMs: 10_000, intervalMs: 100 });
    expect(Date.now() - cancelledAt).toBeLessThan(10_000);
    expect((await runOf(client, runId)).status).toBe('CANCELLED');
  });

  it('retries a run that ran out of memory with half the batch and twice the accumulation', async () => {
    const [stack, client] = await api();
    const { runIds: [runId] } = await seedStudy(client, stack.dataDir, { trainRows: 64, epochs: 1, batchSize: 16 });
    trainer(stack, { env: { FAKE_ENGINE_OOM_ABOVE: '8' } });
    const run = await eventually(async () => {
      const current = await runOf(client, runId);
      return current.status === 'SUCCEEDED' && current;
    }, { what: 'the retried run to succeed' });
    expect(run.retries).toEqual([{ attempt: 2, code: 'OOM', batchSize: 8, gradientAccumulationSteps: 2 }]);
    expect(run.effectiveHyperparameters).toEqual({ batchSize: 8, gradientAccumulationSteps: 2 });
  });

  it('fails a run with the engine error that retrying cannot fix', async () => {
    const [stack, client] = await api();
    const { runIds: [runId] } = await seedStudy(client, stack.dataDir, { trainRows: 64, epochs: 1 });
    trainer(stack, { env: { FAKE_ENGINE_NAN_AT: '2' } });
    const run = await eventually(async () => {
      const current = await runOf(client, runId);
      return current.status === 'FAILED' && current;
    }, { what: 'the run to fail' });
    expect(run).toMatchObject({ attempt: 1, errorCode: 'NAN_LOSS', errorMessage: 'train/loss is NaN at step 2' });
  });

  it('on SIGTERM checkpoints the run and gives it back to the queue; the next daemon resumes it', async () => {
    const [stack, client] = await api();
    const { runIds: [runId] } = await seedStudy(client, stack.dataDir, { trainRows: 320, epochs: 2 });
    const workDir = require('node:fs').mkdtempSync(require('node:path').join(require('node:os').tmpdir(), 'tunelab-resume-'));
    const first = trainer(stack, { workDir, env: { FAKE_ENGINE_STEP_MS: '60' } });
    await eventually(async () => (await runOf(client, runId)).progress?.step >= 10, { what: 'the run to pass step 10' });
    expect(await first.stop('SIGTERM')).toBe(0);
    expect((await runOf(client, runId)).status).toBe('QUEUED');
    trainer(stack, { workDir, env: { FAKE_ENGINE_STEP_MS: '10' } });
    const run = await eventually(async () => {
      const current = await runOf(client, runId);
      return current.status === 'SUCCEEDED' && current;
    }, { what: 'the released run to succeed' });
    expect(run.attempt).toBe(2);
    expect(await storedSteps(client, runId, 'train/loss')).toEqual(range(1, 40));
  });

  it('shrinks a batch that cannot fit in memory before launching, keeping the effective batch, and refuses one that never fits', async () => {
    const [stack, client] = await api();
    const models = require('node:fs').mkdtempSync(require('node:path').join(require('node:os').tmpdir(), 'tunelab-models-'));
    const writeConfig = (name: string, config: object) => {
      const dir = require('node:path').join(models, name);
      require('node:fs').mkdirSync(dir);
      require('node:fs').writeFileSync(require('node:path').join(dir, 'config.json'), JSON.stringify(config));
      return dir;
    };
    // Without fused kernels Mamba's scan keeps b x s x d_inner x d_state floats per layer: tens of GiB at batch 64.
    const mamba = writeConfig('mamba', { model_type: 'mamba', hidden_size: 512, num_hidden_layers: 12, state_size: 16, expand: 2, vocab_size: 8000 });
    const giant = writeConfig('giant', { model_type: 'bert', hidden_size: 16384, num_hidden_layers: 200, vocab_size: 30000, intermediate_size: 65536, num_attention_heads: 128 });
    const { runIds: [shrunk, refused] } = await seedStudy(client, stack.dataDir, {
      methods: [
        { method: 'mamba', baseModel: mamba, hyperparameters: { epochs: 1, batchSize: 64 } },
        { method: 'full', baseModel: giant, hyperparameters: { epochs: 1, batchSize: 8 } },
      ],
    });
    trainer(stack);
    const done = await eventually(async () => {
      const runs = await Promise.all([runOf(client, shrunk), runOf(client, refused)]);
      return runs.every((run) => ['SUCCEEDED', 'FAILED'].includes(run.status)) && runs;
    }, { what: 'both runs to end' });
    expect(done[0].status).toBe('SUCCEEDED');
    expect(done[0].attempt).toBe(1);
    const [adjustment] = done[0].retries;
    expect(adjustment.code).toBe('MEMORY_PREFLIGHT');
    expect(adjustment.batchSize).toBeLessThan(64);
    expect(adjustment.batchSize * adjustment.gradientAccumulationSteps).toBe(64);
    expect(done[1]).toMatchObject({ status: 'FAILED', errorCode: 'MEMORY_PREFLIGHT' });
    expect(done[1].errorMessage).toMatch(/even at batch size 1/);
  });

  it('stops within seconds on SIGTERM even while the API is unreachable', async () => {
    const first = await startTestApi();
    const client = new ApiClient(first.url, first.adminToken);
    const { runIds: [runId] } = await seedStudy(client, first.dataDir, { trainRows: 3200, epochs: 2 });
    const daemon = trainer(first, { env: { FAKE_ENGINE_STEP_MS: '50' } });
    await eventually(async () => (await runOf(client, runId)).progress?.step >= 3, { what: 'the run to start' });
    await first.kill();
    const stoppedAt = Date.now();
    expect(await daemon.stop('SIGTERM')).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(15_000);
  });
});

/** The engine process the daemon started (a child of the daemon running the stand-in engine). */
function findEnginePid(daemon: TrainerProcess): number | null {
  const { execFileSync } = require('node:child_process');
  try {
    const out = execFileSync('pgrep', ['-P', String(daemon.child.pid)], { encoding: 'utf8' }).trim();
    return out ? Number(out.split('\n')[0]) : null;
  } catch {
    return null;
  }
}
