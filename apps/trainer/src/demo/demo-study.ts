import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { generateSyntheticReviews, syntheticReviewLine } from '@tunelab/core';
import type { ApiClient } from '../api/api-client';
import type { DatasetRef } from '../run/split-files';
import { DemoCreateProject, DemoCreateStudy, DemoProjects, DemoRegisterDataset } from './demo-operations';

/**
 * The first five minutes: on a fresh database, a demo project that trains at once on this machine —
 * synthetic Russian reviews, tiny BERT and Mamba models built here by the engine (briefly pre-trained on the
 * reviews, so a frozen backbone means something), and the study of the three methods with two seeds.
 */
export const DEMO = {
  project: 'Demo: Russian movie reviews (synthetic)',
  dataset: 'Synthetic Kinopoisk-style reviews',
  study: 'BERT full vs BERT + LoRA vs Mamba (tiny models)',
  reviews: 1_500,
  maxSeqLength: 64,
  seeds: [1, 2],
};

export interface DemoDeps {
  api: ApiClient;
  enginePython: string;
  workDir: string;
  log: (message: string) => void;
  /** The split files of a registered dataset, as the daemon fetches them. */
  trainSplit: (dataset: DatasetRef) => Promise<string>;
}

export interface SeededDemo {
  studyId: string;
  /** Tiny models still being built, by directory: a run waits for its model before the engine starts. */
  modelBuilds: Map<string, Promise<void>>;
}

/**
 * Seeds the demo when the team has no project yet (null otherwise). The study is queued at once; the tiny BERT
 * is built before returning (its runs come first), the slower Mamba in the background while BERT trains.
 */
export async function seedDemoIfEmpty(deps: DemoDeps): Promise<SeededDemo | null> {
  const { projects } = await deps.api.request(DemoProjects, {});
  if (projects.length) return null;
  const dir = path.join(deps.workDir, 'demo');
  fs.mkdirSync(dir, { recursive: true });

  const reviewsFile = path.join(dir, 'synthetic-reviews.jsonl');
  deps.log(`demo: writing ${DEMO.reviews} synthetic Russian reviews to ${reviewsFile}`);
  fs.writeFileSync(reviewsFile, Array.from(generateSyntheticReviews({ n: DEMO.reviews, seed: 1 }), syntheticReviewLine).join('\n') + '\n');

  const { createProject } = await deps.api.request(DemoCreateProject, { input: { name: DEMO.project, description: 'Seeded on the first start: synthetic data and tiny models built on this machine. Point a study at the real Kinopoisk file and checkpoints to do the real comparison.' } });
  const { registerDataset } = await deps.api.request(DemoRegisterDataset, { input: { projectId: createProject.id, name: DEMO.dataset, source: reviewsFile, labelRule: 'grade3' } });
  const corpus = await deps.trainSplit(registerDataset);

  const models = path.join(dir, 'models');
  const bert = path.join(models, 'tiny-bert');
  const mamba = path.join(models, 'tiny-mamba');

  // The settings the engine's own tests use on tiny models: enough steps for each method to beat the majority class.
  const hyperparameters = (learningRate: number, epochs: number) => ({ epochs, batchSize: 16, learningRate });
  const { createStudy } = await deps.api.request(DemoCreateStudy, {
    input: {
      projectId: createProject.id,
      datasetId: registerDataset.id,
      name: DEMO.study,
      maxSeqLength: DEMO.maxSeqLength,
      seeds: DEMO.seeds,
      methods: [
        { method: 'full', baseModel: bert, hyperparameters: hyperparameters(2e-3, 4) },
        { method: 'lora', baseModel: bert, hyperparameters: { ...hyperparameters(1e-2, 5), loraR: 8, loraAlpha: 16 } },
        { method: 'mamba', baseModel: mamba, hyperparameters: hyperparameters(3e-3, 3) },
      ],
    },
  });
  deps.log(`demo: study "${DEMO.study}" queued with ${createStudy.runs.length} runs`);
  await makeTiny(deps, 'bert', corpus, bert, 200);
  const mambaBuild = makeTiny(deps, 'mamba', corpus, mamba, 150).then(() => undefined);
  mambaBuild.catch((error) => deps.log(`demo: ${(error as Error).message}`));
  return { studyId: createStudy.id, modelBuilds: new Map([[mamba, mambaBuild]]) };
}

/** `python -m tunelab_engine make-tiny`; reuses a model built by an earlier start. */
async function makeTiny(deps: DemoDeps, arch: 'bert' | 'mamba', corpus: string, out: string, pretrainSteps: number): Promise<string> {
  if (fs.existsSync(path.join(out, 'config.json'))) return out;
  deps.log(`demo: building a tiny ${arch} model and its tokenizer from the reviews (${pretrainSteps} pre-training steps)`);
  const args = ['-m', 'tunelab_engine', 'make-tiny', '--arch', arch, '--corpus', corpus, '--out', out, '--pretrain-steps', String(pretrainSteps), '--max-length', String(DEMO.maxSeqLength)];
  const child = spawn(deps.enginePython, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, HF_HUB_OFFLINE: '1', PYTHONUNBUFFERED: '1' } });
  let lastError = '';
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line.includes('"type":"error"')) lastError = line;
  });
  readline.createInterface({ input: child.stderr! }).on('line', (line) => deps.log(`demo: engine: ${line}`));
  const code = await new Promise<number | null>((resolve) => {
    child.once('error', () => resolve(127));
    child.once('close', resolve);
  });
  if (code !== 0) throw new Error(`make-tiny ${arch} failed (exit ${code}) ${lastError}; is the engine set up? (npm start creates apps/trainer/engine/.venv)`);
  return out;
}
