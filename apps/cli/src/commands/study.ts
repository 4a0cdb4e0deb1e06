import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { projects, println, type Context } from '../context';
import { ApiError, CliError, EXIT, usageError } from '../errors';
import { table } from '../format';
import { CREATE_PROJECT, CREATE_STUDY, DATASET_IMPORTS, REGISTER_DATASET, type ProjectNode } from '../operations';
import { formatProblems, locateApiField, parseStudyFile, type DatasetImportSpec, type StudyFile } from '../study-file';
import { formatProblem } from '../yaml-schema';
import { printQuality, type DatasetView } from './data';

export function registerStudyCommands(program: Command, context: Context): void {
  const study = program.command('study').description('studies: a dataset, methods with hyperparameters, and seeds');
  study
    .command('create')
    .description('create a study (and its project and dataset when missing) from a YAML file; queues one run per method and seed')
    .requiredOption('-f, --file <study.yaml>', 'the study file (see examples/demo-study.yaml)')
    .option('--name <name>', 'the study name (overrides the file\'s name, e.g. to run the same file again)')
    .option('--dry-run', 'check the file and print what would be sent, without sending it')
    .option('--json', 'print the created study as JSON')
    .addHelpText('after', '\nThe file: project, dataset (an existing name, or name + source + labelRule/textRule/split to import),\nname, description, maxSeqLength, metrics, primaryMetric, methods [{method, baseModel, hyperparameters}], seeds.\nEvery problem is reported with its line (exit 2) before anything is sent.')
    .action((options: { file: string; name?: string; dryRun?: boolean; json?: boolean }) => createStudy(context, options));
}

export function readStudyFile(file: string, shown = file): StudyFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw usageError(`cannot read the study file ${shown}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const parsed = parseStudyFile(text);
  if (!parsed.ok) throw usageError(`${shown} is not a valid study file:\n${formatProblems(shown, parsed.problems)}`);
  return parsed.study;
}

/** A relative source that exists here is sent as an absolute path (the API resolves paths from its own directory). */
export function resolveSource(source: string, cwd: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source) || path.isAbsolute(source)) return source;
  const local = path.resolve(cwd, source);
  return fs.existsSync(local) ? local : source;
}

async function createStudy(context: Context, options: { file: string; name?: string; dryRun?: boolean; json?: boolean }): Promise<void> {
  const file = options.file;
  const spec = readStudyFile(path.resolve(context.cwd, file), file);
  if (options.name !== undefined) spec.study.name = options.name;
  const datasetInput = spec.dataset.kind === 'import' ? { ...spec.dataset.input, source: resolveSource(spec.dataset.input.source, context.cwd) } : null;
  if (options.dryRun) {
    println(context.stdout, JSON.stringify({ project: spec.project, dataset: datasetInput ?? { name: (spec.dataset as { name: string }).name }, study: spec.study }, null, 2));
    return;
  }
  const api = context.api();
  const known = await projects(context);
  const project = await ensureProject(context, known, spec.project);
  const datasetId = datasetInput ? await ensureDataset(context, project, datasetInput, spec, file) : existingDataset(project, (spec.dataset as { name: string }).name);
  let created: { id: string; name: string; primaryMetric: string; runs: { id: string; method: string; seed: number; status: string; baseModel: string }[] };
  try {
    created = (await api.request(CREATE_STUDY, { input: { projectId: project.id, datasetId, ...spec.study } })).createStudy;
  } catch (error) {
    throw withFileLines(error, spec, file, 'study');
  }
  if (options.json) {
    println(context.stdout, JSON.stringify(created, null, 2));
    return;
  }
  println(context.stdout, `study ${created.id} "${created.name}" in project "${project.name}": ${created.runs.length} runs queued`);
  println(context.stdout, table(['run', 'method', 'seed', 'status', 'base model'], created.runs.map((run) => [run.id, run.method, String(run.seed), run.status, run.baseModel])));
  println(context.stderr, `follow it live: tunelab runs follow ${created.id}`);
}

async function ensureProject(context: Context, known: ProjectNode[], wanted: StudyFile['project']): Promise<ProjectNode> {
  const found = known.find((project) => project.name === wanted.name);
  if (found) return found;
  const { createProject } = await context.api().request(CREATE_PROJECT, { input: wanted });
  println(context.stderr, `created project "${createProject.name}" (${createProject.id})`);
  return { ...createProject, datasets: [], studies: [] };
}

function existingDataset(project: ProjectNode, name: string): string {
  const found = project.datasets.find((dataset) => dataset.name === name);
  if (found) return found.id;
  const names = project.datasets.map((dataset) => `"${dataset.name}"`).join(', ') || 'none yet';
  throw new CliError(`NOT_FOUND: project "${project.name}" has no dataset "${name}" (it has: ${names}); give the dataset a source to import it`, EXIT.apiError);
}

/** Imports the dataset, or reuses one of that name imported with the same source and rules (running a file twice is fine). */
async function ensureDataset(context: Context, project: ProjectNode, input: DatasetImportSpec, spec: StudyFile, file: string): Promise<string> {
  const found = project.datasets.find((dataset) => dataset.name === input.name);
  if (found) {
    const differences = datasetDifferences(found, input);
    if (differences.length) {
      throw new CliError(
        `CONFLICT: project "${project.name}" already has a dataset "${input.name}" with another ${differences.join(', ')}; rename the dataset in ${file} or use the same settings`,
        EXIT.apiError,
      );
    }
    println(context.stderr, `using dataset "${found.name}" (${found.id}), already imported`);
    return found.id;
  }
  println(context.stderr, `importing dataset "${input.name}" from ${input.source}…`);
  try {
    const dataset = await withImportProgress(context, input.name, () => context.api().request(REGISTER_DATASET, { input: { projectId: project.id, ...input } }));
    printQuality(context.stderr, dataset.registerDataset as DatasetView);
    return dataset.registerDataset.id;
  } catch (error) {
    throw withFileLines(error, spec, file, 'dataset');
  }
}

function datasetDifferences(found: ProjectNode['datasets'][number], input: DatasetImportSpec): string[] {
  const differences: string[] = [];
  if (found.source !== input.source && path.basename(found.source) !== path.basename(input.source)) differences.push(`source (${found.source})`);
  if (found.labelRule !== (input.labelRule ?? 'grade3')) differences.push(`labelRule (${found.labelRule})`);
  if ((found.textRule ?? null) !== (input.textRule ?? null)) differences.push(`textRule (${found.textRule ?? 'none'})`);
  const split = { seed: 42, trainFraction: 0.8, validationFraction: 0, testFraction: 0.2, ...input.split };
  for (const key of Object.keys(split) as (keyof typeof split)[]) {
    if (found.split[key] !== split[key]) differences.push(`split.${key} (${found.split[key]})`);
  }
  return differences;
}

/** Polls datasetImports while the import request runs, printing its phase and bytes read to stderr. */
export async function withImportProgress<T>(context: Context, name: string, work: () => Promise<T>): Promise<T> {
  let done = false;
  const poll = async () => {
    while (!done) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      if (done) return;
      try {
        const { datasetImports } = await context.api().request(DATASET_IMPORTS);
        const mine = (datasetImports as { name: string; phase: string; bytesRead: number; totalBytes: number; rowsRead: number; rowsKept: number }[]).find((i) => i.name === name);
        if (mine && !done) {
          const share = mine.totalBytes > 0 ? ` ${Math.floor((100 * mine.bytesRead) / mine.totalBytes)}%` : '';
          println(context.stderr, `  ${mine.phase}${share}: ${(mine.bytesRead / 2 ** 20).toFixed(1)} of ${(mine.totalBytes / 2 ** 20).toFixed(1)} MB, ${mine.rowsRead} rows read, ${mine.rowsKept} kept`);
        }
      } catch {
        // progress is best effort; the import's own answer decides
      }
    }
  };
  const polling = poll();
  try {
    return await work();
  } finally {
    done = true;
    await polling;
  }
}

/** An API refusal of a field the file set is reported at the file's line (still exit 1: the API refused it). */
function withFileLines(error: unknown, spec: StudyFile, file: string, within: 'study' | 'dataset'): unknown {
  if (!(error instanceof ApiError) || error.code !== 'BAD_USER_INPUT') return error;
  const issues = error.errors.flatMap((e) => e.extensions?.issues ?? (e.extensions?.field ? [{ field: e.extensions.field, message: e.message }] : []));
  if (!issues.length) return error;
  const lines = issues.map((issue) => {
    const position = locateApiField(spec, issue.field, within);
    const path = issue.field.replace(/^input\.?/, within === 'dataset' ? 'dataset.' : '');
    return position ? formatProblem(file, { ...position, path, message: issue.message.startsWith(`${issue.field}: `) ? issue.message.slice(issue.field.length + 2) : issue.message }) : `${file}: ${path}: ${issue.message}`;
  });
  return new CliError(`BAD_USER_INPUT: the API refused ${file}:\n${lines.join('\n')}`, EXIT.apiError);
}
