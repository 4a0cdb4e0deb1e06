import { HYPERPARAMETER_KEYS, METHODS, POOLINGS, TEXT_RULES } from '@tunelab/core';
import { checkYaml, formatProblem, type Position, type Problem, type Spec } from './yaml-schema';

/**
 * A study as a file: the project, the dataset (an existing one by name, or a source to import with its rules),
 * the methods with their hyperparameters, and the seeds. See examples/*.yaml and docs/scripting.md.
 */
export interface StudyFile {
  project: { name: string; description?: string };
  dataset: { kind: 'existing'; name: string } | { kind: 'import'; input: DatasetImportSpec };
  study: {
    name: string;
    description?: string;
    maxSeqLength?: number;
    metrics?: string[];
    primaryMetric?: string;
    seeds?: number[];
    methods: { method: string; baseModel: string; hyperparameters?: Record<string, unknown> }[];
  };
  /** Where each field was in the file, by the path the API uses for it (methods[1].hyperparameters.loraR). */
  positions: Map<string, Position>;
}

/** The fields of RegisterDatasetInput the file sets (projectId comes from the project). */
export interface DatasetImportSpec {
  name: string;
  source: string;
  format?: 'JSONL' | 'CSV' | 'PARQUET';
  columns?: { text?: string; label?: string; id?: string };
  labelRule?: string;
  textRule?: string;
  split?: { seed?: number; trainFraction?: number; validationFraction?: number; testFraction?: number };
}

const INT_HYPERPARAMETERS = new Set(['batchSize', 'epochs', 'gradientAccumulationSteps', 'loraR']);

const HYPERPARAMETERS: Spec = {
  kind: 'object',
  fields: Object.fromEntries(
    HYPERPARAMETER_KEYS.map((key): [string, Spec] => [
      key,
      key === 'loraTargetModules'
        ? { kind: 'list', of: { kind: 'string', nonEmpty: true }, nonEmpty: true }
        : key === 'pooling'
          ? { kind: 'string', oneOf: POOLINGS }
          : { kind: INT_HYPERPARAMETERS.has(key) ? 'int' : 'number' },
    ]),
  ),
};

const DATASET_IMPORT: Extract<Spec, { kind: 'object' }> = {
  kind: 'object',
  required: ['name', 'source'],
  fields: {
    name: { kind: 'string', nonEmpty: true },
    source: { kind: 'string', nonEmpty: true },
    format: { kind: 'string', oneOf: ['JSONL', 'CSV', 'PARQUET'] },
    columns: { kind: 'object', fields: { text: { kind: 'string' }, label: { kind: 'string' }, id: { kind: 'string' } } },
    labelRule: { kind: 'string', nonEmpty: true },
    textRule: { kind: 'string', oneOf: TEXT_RULES },
    split: {
      kind: 'object',
      fields: { seed: { kind: 'int' }, trainFraction: { kind: 'number' }, validationFraction: { kind: 'number' }, testFraction: { kind: 'number' } },
    },
  },
};

export const STUDY_FILE_SPEC: Spec = {
  kind: 'object',
  required: ['project', 'dataset', 'name', 'methods'],
  fields: {
    project: {
      kind: 'stringOrObject',
      object: { kind: 'object', required: ['name'], fields: { name: { kind: 'string', nonEmpty: true }, description: { kind: 'string' } } },
    },
    dataset: { kind: 'stringOrObject', object: DATASET_IMPORT },
    name: { kind: 'string', nonEmpty: true },
    description: { kind: 'string' },
    maxSeqLength: { kind: 'int' },
    metrics: { kind: 'list', of: { kind: 'string', nonEmpty: true }, nonEmpty: true },
    primaryMetric: { kind: 'string', nonEmpty: true },
    seeds: { kind: 'list', of: { kind: 'int' }, nonEmpty: true },
    methods: {
      kind: 'list',
      nonEmpty: true,
      of: {
        kind: 'object',
        required: ['method', 'baseModel'],
        fields: { method: { kind: 'string', oneOf: METHODS }, baseModel: { kind: 'string', nonEmpty: true }, hyperparameters: HYPERPARAMETERS },
      },
    },
  },
};

interface RawStudyFile {
  project: string | { name: string; description?: string };
  dataset: string | DatasetImportSpec;
  name: string;
  description?: string;
  maxSeqLength?: number;
  metrics?: string[];
  primaryMetric?: string;
  seeds?: number[];
  methods: { method: string; baseModel: string; hyperparameters?: Record<string, unknown> }[];
}

export type ParsedStudyFile = { ok: true; study: StudyFile } | { ok: false; problems: Problem[] };

export function parseStudyFile(text: string): ParsedStudyFile {
  const checked = checkYaml<RawStudyFile>(text, STUDY_FILE_SPEC);
  if (!checked.ok) return checked;
  const raw = checked.value;
  const { project, dataset, methods, ...rest } = raw;
  return {
    ok: true,
    study: {
      project: typeof project === 'string' ? { name: project } : project,
      dataset: typeof dataset === 'string' ? { kind: 'existing', name: dataset } : { kind: 'import', input: dataset },
      study: { ...rest, methods },
      positions: checked.positions,
    },
  };
}

/**
 * The file position of a field the API named in a BAD_USER_INPUT error: `input.methods[1].hyperparameters.learningRate`
 * of createStudy is `methods[1].hyperparameters.learningRate` in the file, `input.split.testFraction` of
 * registerDataset is `dataset.split.testFraction`. Falls back to the closest enclosing field the file has.
 */
export function locateApiField(study: StudyFile, field: string, within: 'study' | 'dataset'): Position | null {
  let path = field.replace(/^input\.?/, '');
  if (within === 'dataset') path = path ? `dataset.${path}` : 'dataset';
  for (;;) {
    const position = study.positions.get(path);
    if (position) return position;
    const shorter = path.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
    if (shorter === path) return null;
    path = shorter;
  }
}

export function formatProblems(file: string, problems: Problem[]): string {
  return problems.map((problem) => formatProblem(file, problem)).join('\n');
}
