/**
 * Writes synthetic Russian movie reviews in Kinopoisk's JSONL layout (every row marked synthetic):
 *   node dist/scripts/synth-reviews.js --n 5000 --seed 1 --out data/synthetic-reviews.jsonl
 *   options: --noise 0.05 (label noise), --score-share 0.3 (texts stating their score), --out - (stdout)
 * The same options always write the same bytes. `tunelab data synth` (the CLI, issue 9) wraps this.
 */
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { generateSyntheticReviews, syntheticOptionsProblem, syntheticReviewLine, type SyntheticOptions } from '@tunelab/core';

const USAGE = 'usage: synth-reviews --n <rows> --seed <int> --out <file|-> [--noise 0.05] [--score-share 0.3]';

export interface SynthArgs extends SyntheticOptions {
  out: string;
}

export function parseSynthArgs(argv: string[]): { ok: true; args: SynthArgs } | { ok: false; problem: string } {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { n: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' }, noise: { type: 'string' }, 'score-share': { type: 'string' } },
      strict: true,
    }) as { values: Record<string, string | undefined> });
  } catch (error) {
    return { ok: false, problem: `${(error as Error).message}\n${USAGE}` };
  }
  if (values.n === undefined || values.out === undefined) return { ok: false, problem: `--n and --out are required\n${USAGE}` };
  const number = (value: string | undefined) => (value === undefined ? undefined : Number(value));
  const args: SynthArgs = { n: Number(values.n), seed: number(values.seed) ?? 1, out: values.out, labelNoise: number(values.noise), scoreShare: number(values['score-share']) };
  const problem = syntheticOptionsProblem(args);
  return problem ? { ok: false, problem: `${problem}\n${USAGE}` } : { ok: true, args };
}

/** Streams the rows to `out` (written to a temporary name and renamed, so a file is never half there). */
export async function writeSyntheticReviews(args: SynthArgs, onProgress?: (rows: number) => void): Promise<{ rows: number; bytes: number }> {
  const toStdout = args.out === '-';
  const target = toStdout ? null : path.resolve(args.out);
  const partial = target ? `${target}.partial-${process.pid}` : null;
  if (target) fs.mkdirSync(path.dirname(target), { recursive: true });
  const stream = partial ? fs.createWriteStream(partial) : process.stdout;
  let rows = 0;
  let bytes = 0;
  try {
    let batch = '';
    for (const row of generateSyntheticReviews(args)) {
      batch += syntheticReviewLine(row);
      rows++;
      if (batch.length >= 1 << 18) {
        bytes += Buffer.byteLength(batch);
        if (!stream.write(batch)) await once(stream, 'drain');
        batch = '';
        onProgress?.(rows);
      }
    }
    bytes += Buffer.byteLength(batch);
    stream.write(batch);
    if (partial) {
      await new Promise<void>((resolve, reject) => (stream as fs.WriteStream).end((error?: Error | null) => (error ? reject(error) : resolve())));
      fs.renameSync(partial, target!);
    }
  } catch (error) {
    if (partial) fs.rmSync(partial, { force: true });
    throw error;
  }
  return { rows, bytes };
}

export async function main(argv = process.argv.slice(2)): Promise<number> {
  const parsed = parseSynthArgs(argv);
  if (!parsed.ok) {
    console.error(parsed.problem);
    return 2;
  }
  const started = Date.now();
  const { rows, bytes } = await writeSyntheticReviews(parsed.args);
  if (parsed.args.out !== '-') {
    console.error(`wrote ${rows} synthetic reviews (${(bytes / 2 ** 20).toFixed(1)} MB) to ${parsed.args.out} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  return 0;
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
