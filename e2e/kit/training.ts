import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { generateSyntheticReviews, syntheticReviewLine } from '@tunelab/core';
import { repoRoot } from './paths';
import { startProcess, type ManagedProcess } from './processes';

/**
 * Real training for browser tests: synthetic reviews, tiny models the engine builds here, and the trainer daemon
 * running the engine — the same pieces `npm start` uses for its demo, on a temporary database.
 */
export const trainerMain = path.join(repoRoot, 'apps', 'trainer', 'dist', 'main.js');
export const engineDir = path.join(repoRoot, 'apps', 'trainer', 'engine');
export const enginePython = path.join(engineDir, '.venv', 'bin', 'python');

const run = promisify(execFile);

/** Fails with the command that fixes it, instead of a run that never starts. */
export function assertTrainingReady(): void {
  const missing: string[] = [];
  if (!existsSync(trainerMain)) missing.push('apps/trainer/dist (npm run build -w @tunelab/trainer)');
  if (!existsSync(enginePython)) missing.push('apps/trainer/engine/.venv (npm run setup)');
  if (missing.length > 0) throw new Error(`Real training needs: ${missing.join(', ')}.`);
}

export interface SyntheticReviews {
  /** Kinopoisk-format JSON lines (grade3, content, …), to register as a dataset. */
  reviewsFile: string;
  /** The same texts as {"text": …} lines: the corpus `make-tiny` trains its tokenizer on. */
  corpusFile: string;
}

export async function writeSyntheticReviews(dir: string, count: number, seed = 1): Promise<SyntheticReviews> {
  await mkdir(dir, { recursive: true });
  const reviews = Array.from(generateSyntheticReviews({ n: count, seed }));
  const reviewsFile = path.join(dir, 'reviews.jsonl');
  const corpusFile = path.join(dir, 'corpus.jsonl');
  await writeFile(reviewsFile, reviews.map(syntheticReviewLine).join('\n') + '\n');
  await writeFile(corpusFile, reviews.map((review) => JSON.stringify({ text: review.content })).join('\n') + '\n');
  return { reviewsFile, corpusFile };
}

/** `python -m tunelab_engine make-tiny`: a random-init model and a tokenizer trained on the corpus, in HF format. */
export async function makeTinyModel(arch: 'bert' | 'mamba', corpusFile: string, out: string, { pretrainSteps = 50, maxLength = 64 } = {}): Promise<string> {
  const args = ['-m', 'tunelab_engine', 'make-tiny', '--arch', arch, '--corpus', corpusFile, '--out', out, '--pretrain-steps', String(pretrainSteps), '--max-length', String(maxLength)];
  try {
    await run(enginePython, args, { cwd: engineDir, env: { ...process.env, HF_HUB_OFFLINE: '1' }, maxBuffer: 16 * 1024 ** 2 });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`make-tiny ${arch} failed:\n${stderr}\n${stdout}`);
  }
  return out;
}

/** The trainer daemon against `apiUrl`, polling every second; resolves once it has registered as a worker. */
export async function startTrainer({ apiUrl, token, workDir, name = 'e2e-trainer' }: { apiUrl: string; token: string; workDir: string; name?: string }): Promise<ManagedProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TUNELAB_API_URL: apiUrl,
    TUNELAB_TOKEN: token,
    TUNELAB_TRAINER_DIR: workDir,
    TUNELAB_TRAINER_NAME: name,
    TUNELAB_ENGINE_PYTHON: enginePython,
    TUNELAB_POLL_SECONDS: '1',
    HF_HUB_OFFLINE: '1',
  };
  const trainer = startProcess('trainer', process.execPath, [trainerMain], { cwd: repoRoot, env });
  try {
    await trainer.waitFor(/registered as worker/, 60_000);
    return trainer;
  } catch (error) {
    await trainer.stop();
    throw error;
  }
}
