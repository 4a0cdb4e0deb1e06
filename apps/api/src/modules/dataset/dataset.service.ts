import fs from 'node:fs';
import path from 'node:path';
import type { EntityManager } from '@mikro-orm/knex';
import { type FieldIssue, qualityReportProblem, resolveImportOptions, validateDatasetSpec } from '@tunelab/core';
import type { Viewer } from '../../graphql/context';
import { badInput } from '../../graphql/errors';
import type { ProjectService } from '../project/project.service';
import { DatasetImportError, datasetErrors } from './dataset.errors';
import { Dataset } from './dataset.entity';
import { importDataset, type ImportResult } from './dataset-import';
import { DatasetImportTracker } from './dataset-import-tracker';
import { resolveSource } from './dataset-source';
import type { HfEnv } from './hf-cache';
import type { CreateDatasetInput } from './dto/create-dataset.input';
import type { RegisterDatasetInput } from './dto/register-dataset.input';
import { removeSplitDirectory } from './split-store';

/** GraphQL gives null for omitted input fields; the core rules take undefined as "use the default". */
function withoutNulls<T extends object>(value: T | null | undefined): { [K in keyof T]?: Exclude<T[K], null> } | null {
  if (!value) return null;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as { [K in keyof T]?: Exclude<T[K], null> };
}

const SPLIT_FINGERPRINT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export interface DatasetServiceOptions {
  /** Where split files go: <dataDir>/datasets. */
  dataDir: string;
  /** Relative local sources are resolved against this; default the process's working directory. */
  cwd?: string;
  /** HF_HOME, HF_HUB_CACHE, HF_HUB_OFFLINE, HF_ENDPOINT, HF_TOKEN; default process.env. */
  env?: HfEnv;
  /** Directories any team's token may import local files from; other local files need the site admin's token. */
  importRoots?: string[];
}

/** Runs one import at a time: imports are CPU- and disk-bound, and two of the same data share their files. */
class ImportQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => {});
    return result;
  }
}

export class DatasetService {
  readonly dataDir: string;
  readonly imports = new DatasetImportTracker();
  private readonly queue = new ImportQueue();
  private readonly cwd: string;
  private readonly env: HfEnv;
  private readonly importRoots: string[];

  constructor(
    private readonly projects: ProjectService,
    options: DatasetServiceOptions,
  ) {
    this.dataDir = options.dataDir;
    this.cwd = options.cwd ?? process.cwd();
    this.env = options.env ?? (process.env as HfEnv);
    this.importRoots = options.importRoots ?? [];
  }

  async list(em: EntityManager, viewer: Viewer, projectId: string): Promise<Dataset[]> {
    const project = await this.projects.get(em, viewer, projectId);
    return em.find(Dataset, { project }, { orderBy: { createdAt: 'desc', id: 'asc' } });
  }

  async get(em: EntityManager, viewer: Viewer, id: string, field = 'id'): Promise<Dataset> {
    const dataset = await em.findOne(Dataset, { id, project: { team: viewer.teamId } });
    if (!dataset) throw field === 'id' ? datasetErrors.notFound(id) : badInput([{ field, message: `dataset ${id} does not exist in your team; create it with registerDataset or pass the id of an existing one` }]);
    return dataset;
  }

  /** Records a dataset definition without importing anything (its splits are prepared elsewhere). */
  async create(em: EntityManager, viewer: Viewer, input: CreateDatasetInput): Promise<Dataset> {
    const project = await this.projects.get(em, viewer, input.projectId);
    const spec = validateDatasetSpec({ name: input.name, source: input.source, labelRule: input.labelRule, textRule: input.textRule, split: withoutNulls(input.split) });
    const issues: FieldIssue[] = spec.ok ? [] : spec.issues.map((issue) => ({ ...issue, field: `input.${issue.field}` }));
    // The fingerprint names the split folder trainers read (datasets/<fingerprint>/) and fills a varchar(128).
    if (input.fingerprint != null && !SPLIT_FINGERPRINT.test(input.fingerprint)) {
      issues.push({ field: 'input.fingerprint', message: "must be the split's fingerprint: 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit" });
    }
    // Read back as a typed report (the quality field, study reports): only a report of the importer's shape.
    const reportProblem = input.qualityReport == null ? null : qualityReportProblem(input.qualityReport);
    if (reportProblem) issues.push({ field: 'input.qualityReport', message: reportProblem });
    if (!spec.ok || issues.length) throw badInput(issues);
    const { name, source, labelRule, textRule, split } = spec.value;
    if (await em.count(Dataset, { project, name })) throw datasetErrors.nameTaken(name);
    const dataset = em.create(Dataset, {
      project,
      name,
      source,
      labelRule,
      textRule,
      splitSeed: split.seed,
      trainFraction: split.trainFraction,
      validationFraction: split.validationFraction,
      testFraction: split.testFraction,
      fingerprint: input.fingerprint ?? null,
      rowCounts: input.rowCounts ?? null,
      qualityReport: input.qualityReport ?? null,
    });
    await em.flush();
    return dataset;
  }

  /**
   * Imports a source: validates everything first, then streams it through the label and text rules into
   * fingerprinted split files, and stores the dataset with its quality report. Refused input and failed
   * imports store nothing and leave no files.
   */
  async register(em: EntityManager, viewer: Viewer, input: RegisterDatasetInput): Promise<Dataset> {
    const project = await this.projects.get(em, viewer, input.projectId);
    const spec = validateDatasetSpec({ name: input.name, source: input.source, labelRule: input.labelRule, textRule: input.textRule, split: withoutNulls(input.split) });
    const issues: FieldIssue[] = spec.ok ? [] : [...spec.issues];
    const labelRule = spec.ok ? spec.value.labelRule : 'grade3';
    const options = resolveImportOptions({ source: String(input.source ?? ''), format: input.format, columns: input.columns, labelRule });
    // With no usable source there is no file name to tell the format from: one issue about the source is enough.
    const sourceRefused = issues.some((issue) => issue.field === 'source');
    if (!options.ok) {
      issues.push(...options.issues.filter((issue) => !issues.some((known) => known.field === issue.field) && !(sourceRefused && issue.field === 'format' && !input.format)));
    }
    if (!spec.ok || !options.ok) throw badInput(issues.map((issue) => ({ ...issue, field: `input.${issue.field}` })));
    const { name, source, textRule, split } = spec.value;
    const protectedSource = protectedSourceProblem(source, this.cwd, this.dataDir) ?? importRootProblem(source, this.cwd, viewer, this.importRoots);
    if (protectedSource) throw badInput([{ field: 'input.source', message: protectedSource }]);
    if (await em.count(Dataset, { project, name })) throw datasetErrors.nameTaken(name);

    const tracked = this.imports.start(viewer.teamId, { projectId: project.id, name, source });
    let stored = false;
    try {
      const dataset = await this.queue.run(async () => {
        let result: ImportResult;
        try {
          const resolved = await resolveSource(source, { cwd: this.cwd, env: this.env });
          result = await importDataset(
            { file: resolved.file, ...options.value, labelRule, textRule, split, dataDir: this.dataDir, onProgress: (progress) => tracked.update(progress) },
            resolved.bytes,
          );
        } catch (error) {
          if (error instanceof DatasetImportError) throw datasetErrors.importFailed(error);
          throw error;
        }
        try {
          if (await em.count(Dataset, { project, name })) throw datasetErrors.nameTaken(name);
          const created = em.create(Dataset, {
            project,
            name,
            source,
            labelRule,
            textRule,
            splitSeed: split.seed,
            trainFraction: split.trainFraction,
            validationFraction: split.validationFraction,
            testFraction: split.testFraction,
            format: options.value.format,
            columns: options.value.columns,
            synthetic: result.report.synthetic,
            fingerprint: result.fingerprint,
            contentFingerprint: result.contentSha256,
            rowCounts: rowCountsOf(result),
            qualityReport: result.report as unknown as Record<string, unknown>,
            splitFiles: result.splits.map((entry) => ({ ...entry, labels: entry.labels.map((label) => ({ ...label })) })),
            sourceSha256: result.source.sha256,
            sourceBytes: result.source.bytes,
            importedAt: new Date(),
          });
          await em.flush();
          return created;
        } catch (error) {
          // Files this import created belong to no dataset now; files it reused belong to an earlier one.
          if (result.created && !(await em.fork().count(Dataset, { fingerprint: result.fingerprint }))) await removeSplitDirectory(this.dataDir, result.fingerprint);
          throw error;
        }
      });
      stored = true;
      return dataset;
    } finally {
      tracked.end(stored ? 'stored' : 'failed');
    }
  }

  /** Absolute path of a stored split file. */
  splitPath(relative: string): string {
    return path.join(this.dataDir, relative);
  }
}

/**
 * Local sources the API must not read for anyone: its own files in the data directory — the site admin's token and
 * the SQLite database at its top, every team's split files and models below it — since an import's errors and
 * report quote what they read. Other folders under it (the trainer's work dir of `npm start`, with the demo's
 * reviews) are ordinary files. Symlinks are followed.
 */
function protectedSourceProblem(source: string, cwd: string, dataDir: string): string | null {
  if (source.startsWith('hf://')) return null;
  const file = realPath(path.resolve(cwd, source));
  const root = realPath(dataDir);
  const ownFile = path.dirname(file) === root || ['datasets', 'models'].some((dir) => isInside(path.join(root, dir), file));
  if (ownFile) return `${source} is one of the API's own files (its token, database, or a team's splits or models); import a data file from elsewhere`;
  if (['/proc', '/sys', '/dev'].some((system) => isInside(system, file))) return `${source} is a system file, not a dataset; give the path of a data file`;
  return null;
}

/**
 * A team's token imports local files only from the directories the operator opened to every team
 * (TUNELAB_IMPORT_ROOTS): an import quotes what it reads, so a free path would let any team read the server's files.
 * The site admin's token (the one `npm start` gives the dashboard and the CLI) may import from anywhere else.
 */
function importRootProblem(source: string, cwd: string, viewer: Viewer, roots: string[]): string | null {
  if (source.startsWith('hf://') || viewer.siteAdmin) return null;
  const file = realPath(path.resolve(cwd, source));
  if (roots.some((root) => isInside(realPath(root), file))) return null;
  const allowed = roots.length ? `one of TUNELAB_IMPORT_ROOTS (${roots.join(', ')})` : 'a directory the API opens to teams with TUNELAB_IMPORT_ROOTS (none is set)';
  return `${source} is outside ${allowed}; put the file there, use an hf://datasets/… source, or import it with the site admin's token`;
}

function realPath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative === '' || !(relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative));
}

function rowCountsOf(result: ImportResult): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const split of result.splits) counts[split.name] = split.rows;
  counts.dropped = result.report.rowsDropped;
  return counts;
}
