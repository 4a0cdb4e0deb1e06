/**
 * Benchmark (not a test): parse-and-split throughput of the dataset importer on a synthetic Kinopoisk-format
 * file generated on the fly: stream, parse, apply the rules, judge duplicates, split, write and fingerprint.
 *   npm run bench:datasets                                   (from the repository root: builds, then runs)
 *   node dist/scripts/bench-datasets.js --mb 300 --runs 3    (this file; --parallelism N, --text-rule strip-score-mentions)
 * Prints figures and a Markdown table row for docs/benchmarks.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { DEFAULT_SPLIT } from '@tunelab/core';
import { importDataset } from '../modules/dataset/dataset-import';
import { defaultParallelism } from '../modules/dataset/jsonl-block-pool';
import { writeSyntheticReviews } from './synth-reviews';

const MB = 2 ** 20;
/** Rows per MB of synthetic reviews (about 1.07 KB a row), to reach the requested size. */
const ROWS_PER_MB = 980;

interface Run {
  seconds: number;
  cpuSeconds: number;
  mbPerSecond: number;
  rows: number;
  kept: number;
  fingerprint: string;
}

async function once(file: string, bytes: number, options: { parallelism: number; textRule: string | null }): Promise<Run> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tunelab-bench-data-'));
  try {
    const cpu = process.cpuUsage();
    const started = performance.now();
    let lastPercent = -1;
    const result = await importDataset(
      {
        file,
        format: 'jsonl',
        compression: null,
        columns: { text: 'content', label: 'grade3', id: 'review_id' },
        labelRule: 'grade3',
        textRule: options.textRule,
        split: { ...DEFAULT_SPLIT },
        dataDir,
        parallelism: options.parallelism,
        onProgress: (progress) => {
          const percent = Math.floor((progress.bytesRead / progress.totalBytes) * 10) * 10;
          if (process.stderr.isTTY && progress.phase === 'reading' && percent !== lastPercent) {
            lastPercent = percent;
            process.stderr.write(`\r  reading ${percent}%  `);
          }
        },
      },
      bytes,
    );
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    if (process.stderr.isTTY) process.stderr.write('\r');
    return {
      seconds,
      cpuSeconds: (used.user + used.system) / 1e6,
      mbPerSecond: bytes / MB / seconds,
      rows: result.report.rowsRead,
      kept: result.report.rowsKept,
      fingerprint: result.fingerprint,
    };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function main(argv = process.argv.slice(2)): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { mb: { type: 'string', default: '300' }, runs: { type: 'string', default: '3' }, parallelism: { type: 'string' }, 'text-rule': { type: 'string' }, keep: { type: 'boolean', default: false } },
  });
  const targetMb = Number(values.mb);
  const runs = Number(values.runs);
  const parallelism = values.parallelism === undefined ? defaultParallelism() : Number(values.parallelism);
  const textRule = values['text-rule'] ?? null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tunelab-bench-'));
  const file = path.join(dir, 'synthetic-reviews.jsonl');
  try {
    const load = os.loadavg()[0]!.toFixed(1);
    console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load average ${load} at start`);
    let started = performance.now();
    const written = await writeSyntheticReviews({ n: Math.round(targetMb * ROWS_PER_MB), seed: 1, out: file });
    console.log(`generated ${written.rows} synthetic reviews, ${(written.bytes / MB).toFixed(0)} MB, in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    console.log(`importing with ${parallelism} parser thread(s), label rule grade3, text rule ${textRule ?? 'none'}, split 80/20 seed 42:`);
    const results: Run[] = [];
    for (let i = 0; i < runs; i++) {
      started = performance.now();
      const run = await once(file, written.bytes, { parallelism, textRule });
      results.push(run);
      console.log(
        `  run ${i + 1}: ${run.seconds.toFixed(2)} s, ${run.mbPerSecond.toFixed(1)} MB/s, CPU ${run.cpuSeconds.toFixed(1)} s, ` +
          `${run.rows} rows read, ${run.kept} kept, fingerprint ${run.fingerprint.slice(0, 12)}`,
      );
    }
    if (new Set(results.map((run) => run.fingerprint)).size !== 1) throw new Error('runs disagree on the fingerprint: the import is not deterministic');
    const speeds = results.map((run) => run.mbPerSecond).sort((a, b) => a - b);
    const median = speeds[Math.floor(speeds.length / 2)]!;
    const best = speeds.at(-1)!;
    const maxRss = process.resourceUsage().maxRSS / 1024;
    console.log(`parse-and-split: median ${median.toFixed(1)} MB/s, best ${best.toFixed(1)} MB/s; peak RSS ${maxRss.toFixed(0)} MB for a ${(written.bytes / MB).toFixed(0)} MB file`);
    console.log('\nMarkdown row: | file | parser threads | text rule | median | best | peak RSS |');
    console.log(
      `| ${(written.bytes / MB).toFixed(0)} MB, ${written.rows} rows | ${parallelism} | ${textRule ?? 'none'} | ${median.toFixed(1)} MB/s | ${best.toFixed(1)} MB/s | ${maxRss.toFixed(0)} MB |`,
    );
    return 0;
  } finally {
    if (!values.keep) fs.rmSync(dir, { recursive: true, force: true });
    else console.log(`kept ${file}`);
  }
}

if (require.main === module) {
  main().then(
    (code) => (process.exitCode = code),
    (error) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
