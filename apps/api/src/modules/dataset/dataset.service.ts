import path from 'node:path';
import type { EntityManager } from '@mikro-orm/knex';
import { type FieldIssue, resolveImportOptions, validateDatasetSpec } from '@tunelab/core';
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

export interface DatasetServiceOptions {
  /** Where split files go: <dataDir>/datasets. */
  dataDir: string;
  /** Relative local sources are resolved against this; default the process's working directory. */
  cwd?: string;
  /** HF_HOME, HF_HUB_CACHE, HF_HUB_OFFLINE, HF_ENDPOINT, HF_TOKEN; default process.env. */
  env?: HfEnv;
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

  constructor(
    private readonly projects: ProjectService,
    options: DatasetServiceOptions,
  ) {
    this.dataDir = options.dataDir;
    this.cwd = options.cwd ?? process.cwd();
    this.env = options.env ?? (process.env as HfEnv);
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
    if (!spec.ok) throw badInput(spec.issues.map((issue) => ({ ...issue, field: `input.${issue.field}` })));
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

function rowCountsOf(result: ImportResult): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const split of result.splits) counts[split.name] = split.rows;
  counts.dropped = result.report.rowsDropped;
  return counts;
}
