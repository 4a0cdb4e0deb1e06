/**
 * Benchmark (not a test): serving cost of exported classifiers on this machine with @tunelab/inference (ONNX Runtime,
 * CPU) — batch-1 latency p50/p95 and throughput at batch 32 — the figures the daemon adds to a run's final metrics.
 *   npm run build && npm run bench:inference -w @tunelab/trainer
 * 1. Tiny models (make-tiny, hidden 64, 2 layers): each method trained 1 epoch by the engine at max length 256, its
 *    ONNX export measured (LoRA is merged before export, so a method's graph is its base model's).
 * 2. Random-init models of real checkpoints' sizes (src/bench/random_model.py, exported like the engine exports):
 *    BERT-base (rubert-base-cased: hidden 768, 12 layers, 12 heads, vocab 119,547) and Mamba-130m (hidden 768,
 *    24 layers, vocab 50,280). Weights do not change the cost; their sample counts are smaller (see SIZES).
 * Texts: synthetic reviews (generateSyntheticReviews), max length 256. Prints figures and Markdown rows for
 * docs/benchmarks.md.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateSyntheticReviews } from '@tunelab/core';
import { Classifier, measureInference } from '@tunelab/inference';

const REPO = path.resolve(__dirname, '../../../..');
const PYTHON = process.env.TUNELAB_ENGINE_PYTHON ?? path.join(REPO, 'apps/trainer/engine/.venv/bin/python');
const RANDOM_MODEL = path.join(REPO, 'apps/trainer/src/bench/random_model.py');
const MAX_LENGTH = 256;
const ENV = { ...process.env, HF_HUB_OFFLINE: '1', PYTHONPATH: path.join(REPO, 'apps/trainer/engine') };

interface Case {
  model: string;
  method: string;
  dir: string;
  parameters: number;
  latencyTexts: number;
  throughputTexts: number;
  repeats: number;
}

/** Texts timed per size: the large models get fewer so the whole benchmark stays within minutes on 2 cores. */
const SIZES = {
  tiny: { latencyTexts: 200, throughputTexts: 512, repeats: 3 },
  'bert-base': { latencyTexts: 100, throughputTexts: 128, repeats: 1 },
  'mamba-130m': { latencyTexts: 100, throughputTexts: 128, repeats: 1 },
};

const TINY_METHODS = [
  { method: 'full', arch: 'bert', hyperparameters: { learningRate: 1e-3 } },
  { method: 'lora', arch: 'bert', hyperparameters: { learningRate: 5e-3 } },
  { method: 'head-only', arch: 'bert', hyperparameters: { learningRate: 5e-3 } },
  { method: 'mamba', arch: 'mamba', hyperparameters: { learningRate: 1e-3 } },
  { method: 'mamba-lora', arch: 'mamba', hyperparameters: { learningRate: 5e-3 } },
];

function writeData(dir: string) {
  const rows = Array.from(generateSyntheticReviews({ n: 1_400, seed: 21 })).filter((row) => row.grade3 !== 'Neutral');
  const line = (row: (typeof rows)[number]) => JSON.stringify({ id: String(row.review_id), text: row.content, label: row.grade3 === 'Good' ? 1 : 0 });
  const train = path.join(dir, 'train.jsonl');
  const test = path.join(dir, 'test.jsonl');
  fs.writeFileSync(train, rows.slice(0, 256).map(line).join('\n') + '\n');
  fs.writeFileSync(test, rows.slice(256, 256 + 128).map(line).join('\n') + '\n');
  return { train, test, texts: rows.slice(256).map((row) => row.content) };
}

/** The last JSON object a process printed on stdout (libraries may print before it). */
function lastJson(stdout: string): Record<string, unknown> {
  const line = stdout.trim().split('\n').reverse().find((l) => l.startsWith('{'));
  if (!line) throw new Error(`no JSON on stdout:\n${stdout.slice(-2000)}`);
  return JSON.parse(line);
}

function trainTiny(dir: string, models: string, splits: { train: string; test: string }): Case[] {
  return TINY_METHODS.map(({ method, arch, hyperparameters }) => {
    const outputDir = path.join(dir, `run-${method}`);
    const specFile = path.join(dir, `spec-${method}.json`);
    fs.writeFileSync(specFile, JSON.stringify({ version: 1, method, baseModel: path.join(models, `tiny-${arch}`), data: splits, outputDir, maxLength: MAX_LENGTH, seed: 1, hyperparameters: { epochs: 1, batchSize: 16, ...hyperparameters }, export: { onnx: true } }));
    console.error(`bench:inference: training tiny ${method} (1 epoch) …`);
    const result = spawnSync(PYTHON, ['-m', 'tunelab_engine', 'run', '--spec', specFile], { encoding: 'utf8', env: ENV, maxBuffer: 1 << 28 });
    const completed = result.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)).find((event) => event.type === 'completed');
    if (!completed?.summary?.onnx) throw new Error(`tiny ${method}: the engine did not complete with an ONNX export:\n${result.stdout.slice(-1000)}\n${result.stderr.slice(-2000)}`);
    return { model: `tiny ${arch}`, method, dir: path.dirname(completed.summary.onnx.path), parameters: completed.summary.totalParameters, ...SIZES.tiny };
  });
}

function buildLarge(dir: string, corpus: string): Case[] {
  const large = [
    { name: 'bert-base' as const, arch: 'bert', method: 'full', args: ['--vocab-size', '119547', '--layers', '12', '--heads', '12'] },
    { name: 'mamba-130m' as const, arch: 'mamba', method: 'mamba', args: ['--vocab-size', '50280', '--layers', '24'] },
  ];
  return large.map(({ name, arch, method, args }) => {
    const out = path.join(dir, name);
    console.error(`bench:inference: building and exporting a random-init ${name} …`);
    const started = Date.now();
    const stdout = execFileSync(PYTHON, [RANDOM_MODEL, '--arch', arch, '--corpus', corpus, '--out', out, '--hidden-size', '768', '--max-length', String(MAX_LENGTH), ...args], { encoding: 'utf8', env: ENV, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 28 });
    const result = lastJson(stdout);
    console.error(`  exported in ${((Date.now() - started) / 1000).toFixed(0)} s, ONNX vs PyTorch max |diff| ${Number(result.parityMaxAbsDiff).toExponential(1)}`);
    return { model: name, method, dir: out, parameters: Number(result.parameters), ...SIZES[name] };
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** measureInference `repeats` times (each figure the median: the machine is shared and single passes are noisy). */
async function measure(entry: Case, texts: string[]) {
  const classifier = await Classifier.load(entry.dir);
  try {
    let tokens = 0;
    const sample = texts.slice(0, Math.max(entry.latencyTexts, entry.throughputTexts));
    const started = Date.now();
    const passes = [];
    for (let pass = 0; pass < entry.repeats; pass++) {
      tokens = 0;
      // Batch 1 over the first latencyTexts (after 5 warm-up calls), then batch 32 over all of them.
      passes.push(await measureInference(classifier, sample, { latencyTexts: entry.latencyTexts, batchSize: 32, onBatch: (_, results) => results.forEach((r) => (tokens += r.tokens)) }));
    }
    return {
      latencyP50Ms: median(passes.map((p) => p.latencyP50Ms)),
      latencyP95Ms: median(passes.map((p) => p.latencyP95Ms)),
      throughput: median(passes.map((p) => p.throughput)),
      modelBytes: classifier.modelBytes,
      meanTokens: tokens / sample.length,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await classifier.release();
  }
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tunelab-bench-inference-'));
  const data = writeData(dir);
  const models = path.join(dir, 'models');
  for (const arch of ['bert', 'mamba']) {
    console.error(`bench:inference: make-tiny ${arch} …`);
    execFileSync(PYTHON, ['-m', 'tunelab_engine', 'make-tiny', '--arch', arch, '--corpus', data.train, '--out', path.join(models, `tiny-${arch}`), '--max-length', String(MAX_LENGTH)], { stdio: ['ignore', 'ignore', 'inherit'], env: ENV });
  }
  const cases = [...trainTiny(dir, models, { train: data.train, test: data.test }), ...buildLarge(dir, data.train)];
  const rows: string[] = [];
  for (const entry of cases) {
    const figures = await measure(entry, data.texts);
    console.error(`  ${entry.model} ${entry.method}: p50 ${figures.latencyP50Ms.toFixed(2)} ms, p95 ${figures.latencyP95Ms.toFixed(2)} ms, ${figures.throughput.toFixed(1)} texts/s at batch 32, ${(figures.modelBytes / 2 ** 20).toFixed(1)} MiB, ${figures.meanTokens.toFixed(0)} tokens/text (${figures.seconds.toFixed(0)} s)`);
    rows.push(`| ${entry.model} | ${entry.method} | ${(entry.parameters / 1e6).toFixed(entry.parameters < 1e6 ? 2 : 1)}M | ${(figures.modelBytes / 2 ** 20).toFixed(1)} | ${figures.meanTokens.toFixed(0)} | ${figures.latencyP50Ms.toFixed(2)} | ${figures.latencyP95Ms.toFixed(2)} | ${figures.throughput.toFixed(1)} | ${entry.latencyTexts} / ${entry.throughputTexts} × ${entry.repeats} |`);
  }
  console.log(`${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${os.cpus()[0]?.model}, Node ${process.version}, 1-minute load ${os.loadavg()[0].toFixed(2)} at the end`);
  console.log('| model | method | parameters | ONNX MiB | tokens/text | p50 ms (batch 1) | p95 ms | texts/s (batch 32) | texts timed (latency / throughput) × passes |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  rows.forEach((row) => console.log(row));
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
