import {
  assignSplits,
  type Compression,
  DATASET_FORMATS,
  type DatasetColumns,
  type DatasetFormat,
  type DatasetSplit,
  DROP_REASON_LABELS,
  type DropReason,
  ExampleFilter,
  newRowFacts,
  type Outcome,
  type GradeAgreementKind,
  type QualityReport,
  SPLIT_NAMES,
} from '@tunelab/core';
import { DatasetImportError, describeColumns } from './dataset.errors';
import { type ParsedBlock, ROW_FLAG, ROW_KIND } from './jsonl-block';
import { defaultParallelism } from './jsonl-block-pool';
import { readCsv } from './source-reader.csv';
import { readJsonl } from './source-reader.jsonl';
import { readParquet } from './source-reader.parquet';
import type { RecordSink, SourceReader, SourceStats } from './source-reader';
import { buildManifest, removeStaleStaging, SplitStaging, type StoredSplit } from './split-store';

/**
 * One import: stream the source through the row pipeline (ExampleFilter) into a staging folder, check that
 * what is left can train a classifier, assign stratified splits, write the split files and commit them under
 * their fingerprint. Any failure removes the staging folder: nothing half-written is ever left.
 */
export interface ImportRequest {
  file: string;
  format: DatasetFormat;
  compression: Compression;
  columns: DatasetColumns;
  labelRule: string;
  textRule: string | null;
  split: DatasetSplit;
  dataDir: string;
  /** JSONL parser threads (default: one per core but one, at least one, at most four; 0 parses on the calling thread). */
  parallelism?: number;
  /** Parquet: the deadline for decoding one slice of rows (default 30 s); a damaged file is refused when it passes. */
  decodeDeadlineMs?: number;
  onProgress?: (progress: ImportProgress) => void;
}

export type ImportPhase = 'queued' | 'reading' | 'splitting' | 'done';

export interface ImportProgress {
  phase: ImportPhase;
  bytesRead: number;
  totalBytes: number;
  rowsRead: number;
  rowsKept: number;
}

export interface ImportResult {
  fingerprint: string;
  contentSha256: string;
  report: QualityReport;
  splits: StoredSplit[];
  /** False when the same split files already existed (materialised once). */
  created: boolean;
  source: SourceStats;
}

const READERS: Record<DatasetFormat, SourceReader> = { jsonl: readJsonl, csv: readCsv, parquet: readParquet };

const describe = (reason: DropReason) => DROP_REASON_LABELS[reason];

export async function importDataset(request: ImportRequest, totalBytes: number): Promise<ImportResult> {
  if (!(DATASET_FORMATS as readonly string[]).includes(request.format)) throw new Error(`unknown format ${request.format}`);
  await removeStaleStaging(request.dataDir);
  const filter = new ExampleFilter({ labelRule: request.labelRule, textRule: request.textRule });
  const staging = await SplitStaging.open(request.dataDir);
  let firstMalformed: { line: number; problem: string } | null = null;
  const progress = (phase: ImportPhase, bytesRead: number) =>
    request.onProgress?.({ phase, bytesRead, totalBytes, rowsRead: filter.report.rowsRead, rowsKept: filter.report.rowsKept });
  try {
    const facts = newRowFacts();
    const sink: RecordSink = {
      record: (record) => {
        const example = filter.add(record);
        if (example) staging.add(example);
      },
      block: (block, lineBase) => {
        const problem = acceptBlock(block, lineBase, filter, staging, facts);
        if (problem) firstMalformed ??= problem;
      },
      malformed: (line, problem) => {
        firstMalformed ??= { line, problem };
        filter.malformed(line);
      },
      invalidUtf8: (line) => filter.invalidUtf8(line),
      checkpoint: async (bytesRead) => {
        await staging.flush();
        progress('reading', bytesRead);
      },
    };
    const source = await readSource(request, sink, filter);
    checkUsable(request, filter, source, firstMalformed);

    progress('splitting', source.bytes);
    const contentSha256 = await staging.finishRows();
    const assignment = assignSplits(staging.rowLabels(), request.split, contentSha256);
    const written = await staging.split(assignment, request.split);
    for (const entry of written) {
      const fraction = request.split[`${entry.name}Fraction` as const];
      if (entry.rows === 0 && fraction > 0) {
        throw new DatasetImportError(
          'split',
          `the ${entry.name} split would be empty: ${filter.report.rowsKept} kept rows are too few for a ${entry.name}Fraction of ${fraction}; import more rows or change the fractions`,
        );
      }
    }
    const report = filter.report.finish(SPLIT_NAMES.flatMap((name) => written.filter((entry) => entry.name === name)).map(({ name, rows, labels }) => ({ name, rows, labels })));
    const committed = await staging.commit(buildManifest({ contentSha256, labelRule: request.labelRule, textRule: request.textRule, split: request.split, splits: written }));
    progress('done', source.bytes);
    return { fingerprint: committed.fingerprint, contentSha256, report, splits: committed.splits, created: committed.created, source };
  } finally {
    await staging.discard();
  }
}

async function readSource(request: ImportRequest, sink: RecordSink, filter: ExampleFilter): Promise<SourceStats> {
  try {
    const rules = { labelRule: request.labelRule, textRule: request.textRule, threshold: filter.threshold };
    return await READERS[request.format](
      { file: request.file, compression: request.compression, columns: request.columns, rules, parallelism: request.parallelism ?? defaultParallelism(), decodeDeadlineMs: request.decodeDeadlineMs },
      sink,
    );
  } catch (error) {
    if (error instanceof DatasetImportError) throw error;
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('Z_')) throw new DatasetImportError('source', `${request.file} is not a valid gzip file (${(error as Error).message}); give the uncompressed file or fix the .gz`);
    if (['ENOENT', 'EACCES', 'EISDIR', 'EPERM'].includes(code)) throw new DatasetImportError('source', `cannot read ${request.file} (${(error as Error).message})`);
    if (code.startsWith('CSV_')) throw new DatasetImportError('source', `cannot parse ${request.file} as CSV (${(error as Error).message}); check the delimiter and quoting, or set format`);
    throw error;
  }
}

/** Judges a block's prepared rows in order and stages the kept ones; returns the block's first malformed line. */
function acceptBlock(block: ParsedBlock, lineBase: number, filter: ExampleFilter, staging: SplitStaging, facts: ReturnType<typeof newRowFacts>): { line: number; problem: string } | null {
  let firstProblem: { line: number; problem: string } | null = null;
  let problem = 0;
  let unusable = 0;
  const examples = Buffer.from(block.examples.buffer, block.examples.byteOffset, block.examples.byteLength);
  let exampleStart = 0;
  // Kept example lines are staged in runs: one append per run of consecutive kept rows.
  let runStart = 0;
  let runEnd = 0;
  const flushRun = () => {
    if (runEnd > runStart) staging.addBytes(examples.subarray(runStart, runEnd));
  };
  for (let row = 0; row < block.rows; row++) {
    const line = lineBase + block.lines[row]!;
    const kind = block.kinds[row];
    if (kind === ROW_KIND.malformed) {
      firstProblem ??= { line, problem: block.problems[problem]!.problem };
      problem++;
      filter.malformed(line);
      continue;
    }
    if (kind === ROW_KIND.invalidUtf8) {
      filter.invalidUtf8(line);
      continue;
    }
    const flags = block.flags[row]!;
    facts.line = line;
    facts.synthetic = (flags & ROW_FLAG.synthetic) !== 0;
    facts.textMissing = (flags & ROW_FLAG.textMissing) !== 0;
    facts.labelMissing = (flags & ROW_FLAG.labelMissing) !== 0;
    facts.hasGrades = (flags & ROW_FLAG.hasGrades) !== 0;
    facts.hasId = (flags & ROW_FLAG.hasId) !== 0;
    facts.mentionsScore = (flags & ROW_FLAG.mentionsScore) !== 0;
    facts.agreement = block.agreement[row] as GradeAgreementKind;
    facts.outcome = block.outcome[row] as Outcome;
    facts.textLength = block.textLengths[row]!;
    for (let i = 0; i < 4; i++) facts.hashes[i] = block.hashes[row * 4 + i]!;
    facts.unusableLabel = null;
    if (block.unusable[unusable]?.row === row) facts.unusableLabel = block.unusable[unusable++]!.value;
    const kept = filter.accept(facts);
    if ((flags & ROW_FLAG.hasExample) === 0) continue;
    const exampleEnd = examples.indexOf(10, exampleStart) + 1;
    if (kept) {
      staging.countRow(facts.outcome as 0 | 1);
      if (exampleStart !== runEnd) {
        flushRun();
        runStart = exampleStart;
      }
      runEnd = exampleEnd;
    }
    exampleStart = exampleEnd;
  }
  flushRun();
  return firstProblem;
}

/** Refuses what cannot train a classifier: no rows, a wrong column, zero rows kept, one class only. */
function checkUsable(request: ImportRequest, filter: ExampleFilter, source: SourceStats, firstMalformed: { line: number; problem: string } | null): void {
  const report = filter.report;
  if (report.rowsRead === 0) throw new DatasetImportError('source', `${request.file} has no rows`);
  const records = report.rowsRead - report.droppedOf('malformedLine') - report.droppedOf('invalidUtf8');
  const fields = source.fields.length ? `; its rows have ${describeColumns(source.fields)}` : '';
  if (records > 0 && filter.missing.text === records) {
    throw new DatasetImportError('columns.text', `no row has the text column ${JSON.stringify(request.columns.text)}${fields}; set columns.text`);
  }
  if (records > 0 && filter.missing.label === records) {
    throw new DatasetImportError('columns.label', `no row has the label column ${JSON.stringify(request.columns.label)}${fields}; set columns.label`);
  }
  const summary = () => {
    const parts = report
      .finish()
      .dropped.filter((entry) => entry.count > 0)
      .map((entry) => `${entry.count} ${describe(entry.reason)}${entry.reason === 'malformedLine' || entry.reason === 'invalidUtf8' ? ` (lines ${entry.lines.slice(0, 5).join(', ')}${entry.count > 5 ? ', …' : ''})` : ''}`);
    return `of ${report.rowsRead} rows read, ${parts.join('; ')}`;
  };
  if (report.rowsKept === 0) {
    const dropped = report.finish().dropped.slice().sort((a, b) => b.count - a.count)[0]!;
    if (dropped.reason === 'malformedLine' || dropped.reason === 'invalidUtf8') {
      const first = firstMalformed ? ` Line ${firstMalformed.line}: ${firstMalformed.problem}.` : '';
      throw new DatasetImportError('source', `no row could be read: ${summary()}.${first} Is the file ${request.format.toUpperCase()}? Set format if not`);
    }
    if (dropped.reason === 'emptyText') {
      throw new DatasetImportError('columns.text', `no row has text in column ${JSON.stringify(request.columns.text)}: ${summary()}; set columns.text`);
    }
    const values = report.finish().unusableLabels;
    const hint = values.length
      ? ` Column ${JSON.stringify(request.columns.label)} holds values such as ${values.slice(0, 4).map((entry) => JSON.stringify(entry.value)).join(', ')}; ` +
        `map them to 1 (positive) and 0 (negative) with a custom rule: custom:{${values.slice(0, 2).map((entry) => `${JSON.stringify(entry.value)}:…`).join(',')}}`
      : '';
    throw new DatasetImportError('labelRule', `labelRule ${request.labelRule} keeps no rows: ${summary()}.${hint}`);
  }
  for (const label of [0, 1] as const) {
    if (report.keptOf(label) === report.rowsKept) {
      throw new DatasetImportError(
        'labelRule',
        `labelRule ${request.labelRule} keeps only label ${label} (${report.rowsKept} rows; ${summary()}); a classifier needs both labels: check the label column ${JSON.stringify(request.columns.label)} and the rule`,
      );
    }
  }
}
