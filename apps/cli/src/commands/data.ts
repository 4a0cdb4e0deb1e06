import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { generateSyntheticReviews, syntheticOptionsProblem, syntheticReviewLine } from '@tunelab/core';
import { InvalidArgumentError, type Command } from 'commander';
import { projects, println, resolveByIdOrName, type Context } from '../context';
import { CliError, EXIT, usageError } from '../errors';
import { table } from '../format';
import { DATASET, REGISTER_DATASET } from '../operations';
import { resolveSource, withImportProgress } from './study';

export interface DatasetView {
  id: string;
  name: string;
  source: string;
  format: string | null;
  fingerprint: string | null;
  synthetic: boolean;
  imported: boolean;
  splits: { name: string; rows: number; sha256: string }[];
  quality: {
    rowsRead: number;
    rowsKept: number;
    rowsDropped: number;
    synthetic: boolean;
    labelRule: string;
    textRule: string | null;
    dropped: { reason: string; count: number; description: string; lines: number[] }[];
    keptPerLabel: { label: number; count: number }[];
    majorityClass: { label: number; accuracy: number; testAccuracy: number | null };
    scoreMentions: { rows: number; share: number; stripped: boolean };
    textLength: { unit: string; min: number; mean: number; p50: number; p90: number; p95: number; p99: number; max: number };
    gradeAgreement: { threshold: number; compared: number; disagreements: number; share: number } | null;
    unusableLabels: { value: string; count: number }[];
  } | null;
}

const number = (name: string) => (value: string) => {
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new InvalidArgumentError(`${name} must be a number`);
  return parsed;
};

export function registerDataCommands(program: Command, context: Context): void {
  const data = program.command('data').description('datasets: import a source, write synthetic reviews, inspect the quality report');

  data
    .command('import')
    .description('import a source the API can read (a local path, or hf://datasets/<owner>/<name>/<file>) into fingerprinted splits')
    .argument('<source>', 'a file path (sent as an absolute path when it exists here) or hf://…')
    .requiredOption('-p, --project <project>', 'project id or name (created when no project has that name)')
    .requiredOption('-n, --name <name>', 'the dataset name')
    .option('--label-rule <rule>', "grade3 (default), 'grade10>=N' or 'custom:{\"pos\":1,\"neg\":0}'")
    .option('--text-rule <rule>', 'strip-score-mentions')
    .option('--format <format>', 'JSONL, CSV or PARQUET (default from the file name)')
    .option('--text-column <column>', 'the text column (CSV, Parquet)')
    .option('--label-column <column>', 'the label column (CSV, Parquet)')
    .option('--id-column <column>', 'a unique id column')
    .option('--split-seed <int>', 'split seed (default 42)', number('--split-seed'))
    .option('--train <fraction>', 'train fraction (default 0.8)', number('--train'))
    .option('--validation <fraction>', 'validation fraction (default 0)', number('--validation'))
    .option('--test <fraction>', 'test fraction (default 0.2)', number('--test'))
    .option('--json', 'print the dataset as JSON')
    .action(async (source: string, options: Record<string, any>) => {
      const projectId = await projectIdFor(context, options.project);
      const columns = { text: options.textColumn, label: options.labelColumn, id: options.idColumn };
      const split = { seed: options.splitSeed, trainFraction: options.train, validationFraction: options.validation, testFraction: options.test };
      const input = {
        projectId,
        name: options.name,
        source: resolveSource(source, context.cwd),
        format: options.format?.toUpperCase(),
        labelRule: options.labelRule,
        textRule: options.textRule,
        columns: Object.values(columns).some((v) => v !== undefined) ? columns : undefined,
        split: Object.values(split).some((v) => v !== undefined) ? split : undefined,
      };
      println(context.stderr, `importing "${input.name}" from ${input.source}…`);
      const { registerDataset } = await withImportProgress(context, input.name, () => context.api().request<{ registerDataset: DatasetView }>(REGISTER_DATASET, { input }));
      if (options.json) return void println(context.stdout, JSON.stringify(registerDataset, null, 2));
      println(context.stdout, `dataset ${registerDataset.id} "${registerDataset.name}" imported`);
      printQuality(context.stdout, registerDataset);
    });

  data
    .command('synth')
    .description('write synthetic Kinopoisk-format Russian reviews (JSONL, every row marked synthetic); no API needed')
    .option('-n, --n <rows>', 'number of reviews', number('--n'), 1500)
    .option('-s, --seed <int>', 'the same seed writes the same bytes', number('--seed'), 1)
    .option('--noise <share>', 'label noise (default 0.05)', number('--noise'))
    .option('--score-share <share>', 'share of texts stating their score (default 0.3)', number('--score-share'))
    .requiredOption('-o, --out <file>', 'the file to write, or - for stdout')
    .action(async (options: { n: number; seed: number; noise?: number; scoreShare?: number; out: string }) => {
      const synth = { n: options.n, seed: options.seed, labelNoise: options.noise, scoreShare: options.scoreShare };
      const problem = syntheticOptionsProblem(synth);
      if (problem) throw usageError(problem);
      const rows = await writeLines(options.out === '-' ? null : path.resolve(context.cwd, options.out), context.stdout, (function* () {
        for (const row of generateSyntheticReviews(synth)) yield syntheticReviewLine(row);
      })());
      if (options.out !== '-') println(context.stderr, `wrote ${rows} synthetic reviews to ${options.out}`);
    });

  data
    .command('inspect')
    .description("print a dataset's quality report: rows kept and dropped (with line numbers), labels, majority baseline, text lengths")
    .argument('<dataset>', 'dataset id or name')
    .option('--json', 'print the dataset as JSON')
    .action(async (ref: string, options: { json?: boolean }) => {
      const id = await resolveByIdOrName(
        ref,
        'dataset',
        () => context.api().request(DATASET, { id: ref }),
        async () => (await projects(context)).flatMap((p) => p.datasets.map((d) => ({ id: d.id, name: d.name, where: `project "${p.name}"` }))),
      );
      const { dataset } = await context.api().request<{ dataset: DatasetView & { project: { name: string } } }>(DATASET, { id });
      if (options.json) return void println(context.stdout, JSON.stringify(dataset, null, 2));
      println(context.stdout, `dataset ${dataset.id} "${dataset.name}" (project "${dataset.project.name}")`);
      println(context.stdout, `source ${dataset.source}${dataset.format ? ` (${dataset.format})` : ''}${dataset.synthetic ? ', synthetic' : ''}`);
      if (!dataset.imported) return void println(context.stdout, 'not imported (recorded with createDataset): no split files, no quality report');
      println(context.stdout, `fingerprint ${dataset.fingerprint}`);
      printQuality(context.stdout, dataset);
    });
}

async function projectIdFor(context: Context, ref: string): Promise<string> {
  const all = await projects(context);
  const found = all.find((project) => project.id === ref) ?? all.find((project) => project.name === ref);
  if (found) return found.id;
  const { createProject } = await context.api().request(`mutation ($input: CreateProjectInput!) { createProject(input: $input) { id } }`, { input: { name: ref } });
  println(context.stderr, `created project "${ref}" (${createProject.id})`);
  return createProject.id;
}

/** Writes lines to a temporary name and renames it, so a file is never half there. */
async function writeLines(target: string | null, stdout: NodeJS.WritableStream, lines: Iterable<string>): Promise<number> {
  const partial = target ? `${target}.partial-${process.pid}` : null;
  let stream: NodeJS.WritableStream = stdout;
  if (partial) {
    try {
      fs.mkdirSync(path.dirname(partial), { recursive: true });
      stream = fs.createWriteStream(partial);
    } catch (error) {
      throw new CliError(`cannot write ${target}: ${(error as Error).message}`, EXIT.usage);
    }
  }
  let rows = 0;
  let batch = '';
  try {
    for (const line of lines) {
      batch += line;
      rows++;
      if (batch.length >= 1 << 18) {
        if (!stream.write(batch)) await once(stream, 'drain');
        batch = '';
      }
    }
    if (partial) {
      await new Promise<void>((resolve, reject) => (stream as fs.WriteStream).end(batch, (error?: Error | null) => (error ? reject(error) : resolve())));
      fs.renameSync(partial, target!);
    } else {
      stream.write(batch);
    }
  } catch (error) {
    if (partial) fs.rmSync(partial, { force: true });
    throw error;
  }
  return rows;
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

export function printQuality(out: NodeJS.WritableStream, dataset: DatasetView): void {
  const q = dataset.quality;
  if (!q) return;
  println(out, `rows: ${q.rowsRead} read, ${q.rowsKept} kept, ${q.rowsDropped} dropped  (label rule ${q.labelRule}${q.textRule ? `, text rule ${q.textRule}` : ''})`);
  const dropped = q.dropped.filter((d) => d.count > 0);
  if (dropped.length) {
    println(out, table(['dropped', 'rows', 'first lines'], dropped.map((d) => [d.reason, String(d.count), d.lines.slice(0, 8).join(', ')])));
  }
  println(out, `labels kept: ${q.keptPerLabel.map((l) => `${l.label === 1 ? 'positive' : 'negative'} (${l.label}) ${l.count}`).join(', ')}`);
  const baseline = q.majorityClass;
  println(out, `majority-class baseline: ${percent(baseline.accuracy)} accuracy${baseline.testAccuracy != null ? ` (${percent(baseline.testAccuracy)} on the test split)` : ''}: every model must beat it`);
  const t = q.textLength;
  println(out, `text length (${t.unit}): min ${t.min}, mean ${t.mean.toFixed(0)}, p50 ${t.p50}, p90 ${t.p90}, p99 ${t.p99}, max ${t.max}`);
  println(out, `self-reported scores in texts: ${q.scoreMentions.rows} (${percent(q.scoreMentions.share)})${q.scoreMentions.stripped ? ', stripped' : ''}`);
  if (q.gradeAgreement) println(out, `grade3 vs grade10 >= ${q.gradeAgreement.threshold}: ${q.gradeAgreement.disagreements} of ${q.gradeAgreement.compared} disagree (${percent(q.gradeAgreement.share)})`);
  if (q.unusableLabels.length) println(out, `unusable labels: ${q.unusableLabels.map((l) => `${l.value} (${l.count})`).join(', ')}`);
  if (dataset.splits.length) println(out, table(['split', 'rows', 'sha256'], dataset.splits.map((s) => [s.name, String(s.rows), s.sha256.slice(0, 16)])));
  if (q.synthetic) println(out, 'synthetic: these are generated reviews, not real ones');
}
