import path from 'node:path';
import { ApiClient, untilAnswered } from './api/api-client';
import { ClaimRun, RegisterWorker } from './api/operations';
import type { TrainerConfig } from './env';
import { seedDemoIfEmpty } from './demo/demo-study';
import { hostFacts } from './host/host-facts';
import type { EngineProcess } from './run/engine-process';
import { driveRun, type RunOutcome } from './run/run-driver';
import { modelUploader } from './run/model-upload';
import { splitDownloader } from './run/split-files';

export interface Trainer {
  /** Resolves when the trainer has stopped. */
  done: Promise<void>;
  /** Stops claiming; a run in flight checkpoints and goes back to the queue. */
  stop(): Promise<void>;
  /** Second Ctrl+C: kill the engine now (its lease expires and the run is claimed again). */
  kill(): void;
  outcomes: RunOutcome[];
}

/** The trainer daemon: registers as a worker, then claims and drives runs one at a time until stopped. */
export function createTrainer(config: TrainerConfig, options: { log?: (message: string) => void; engineEnv?: NodeJS.ProcessEnv } = {}): Trainer {
  const log = options.log ?? ((message: string) => console.log(`tunelab trainer: ${message}`));
  const api = new ApiClient(config.apiUrl, config.token);
  const outcomes: RunOutcome[] = [];
  let stopping = false;
  let engine: EngineProcess | null = null;
  let wakeUp: (() => void) | null = null;
  const sleep = (ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    wakeUp = () => (clearTimeout(timer), resolve());
  });
  const waitForApi = <T>(call: () => Promise<T>) =>
    untilAnswered(call, { shouldStop: () => stopping, onWait: (error, ms) => log(`${error.message}; retrying in ${Math.round(ms / 1000)} s`) });

  const loop = async () => {
    const facts = await hostFacts(config.name, config.host);
    const { registerWorker } = await waitForApi(() => api.request(RegisterWorker, { input: facts }));
    log(`registered as worker "${registerWorker.name}" (${facts.cpus} CPUs, ${facts.gpus.length} GPUs) with ${config.apiUrl}`);
    const splitsFor = splitDownloader(config.apiUrl, config.token, path.join(config.workDir, 'datasets'));
    let modelBuilds = new Map<string, Promise<void>>();
    if (config.seedDemo) {
      try {
        const demo = await seedDemoIfEmpty({ api, enginePython: config.enginePython, workDir: config.workDir, log, trainSplit: async (dataset) => (await splitsFor(dataset)).train });
        if (demo) modelBuilds = demo.modelBuilds;
      } catch (error) {
        log(`the demo study could not be seeded: ${(error as Error).message}`);
      }
    }
    const context = {
      api,
      workerId: registerWorker.id,
      workDir: config.workDir,
      enginePython: config.enginePython,
      maxAttempts: config.maxAttempts,
      heartbeatMs: config.heartbeatMs,
      splitsFor,
      modelReady: (baseModel: string) => modelBuilds.get(baseModel) ?? Promise.resolve(),
      shuttingDown: () => stopping,
      onEngine: (current: EngineProcess | null) => (engine = current),
      log,
      engineEnv: options.engineEnv,
      hasGpu: facts.gpus.length > 0,
      gpusPerRun: Math.max(1, Math.min(config.gpusPerRun, facts.gpus.length)),
      uploadModel: modelUploader(config.apiUrl, config.token),
    };
    while (!stopping) {
      const { claimRun } = await waitForApi(() => api.request(ClaimRun, { workerId: registerWorker.id }));
      if (!claimRun) {
        await sleep(config.pollMs);
        continue;
      }
      const { run } = claimRun;
      log(`claimed run ${run.id} (${run.method}, seed ${run.seed}, attempt ${claimRun.attempt})`);
      const outcome = await driveRun(context, run);
      outcomes.push(outcome);
      log(`run ${run.id}: ${outcome}`);
    }
  };

  const done = loop().catch((error) => {
    if (!stopping) throw error;
  });
  return {
    done,
    outcomes,
    async stop() {
      stopping = true;
      wakeUp?.();
      engine?.stop();
      await done;
    },
    kill() {
      stopping = true;
      engine?.kill();
    },
  };
}
