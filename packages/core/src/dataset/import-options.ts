import { labelRuleProblem } from '../label-rule';
import { defaultKinopoiskLabelColumn, parseLabelRule } from './labeling';
import type { DatasetColumns } from './records';
import { describeValue, type FieldIssue, invalid, valid, type Validated } from '../validation';

/**
 * How a source file is read: its format (from the input or the file name) and which columns hold the text,
 * the label and the id. JSONL defaults to Kinopoisk's layout; CSV and Parquet need the text and label columns.
 */
export const DATASET_FORMATS = ['jsonl', 'csv', 'parquet'] as const;
export type DatasetFormat = (typeof DATASET_FORMATS)[number];

export type Compression = 'gzip' | null;

export interface ImportOptionsInput {
  source: string;
  format?: string | null;
  columns?: { text?: string | null; label?: string | null; id?: string | null } | null;
  /** A valid label rule (checked by validateDatasetSpec). */
  labelRule: string;
}

export interface ImportOptions {
  format: DatasetFormat;
  compression: Compression;
  columns: DatasetColumns;
}

export const KINOPOISK_TEXT_COLUMN = 'content';
export const KINOPOISK_ID_COLUMN = 'review_id';

const EXTENSIONS: Record<string, DatasetFormat> = { '.jsonl': 'jsonl', '.ndjson': 'jsonl', '.json': 'jsonl', '.csv': 'csv', '.parquet': 'parquet' };
const MAX_COLUMN_NAME = 200;

/** The format and compression a file name implies: "reviews.jsonl.gz" → jsonl, gzip. */
export function formatFromName(name: string): { format: DatasetFormat | null; compression: Compression } {
  const lower = name.toLowerCase();
  const compression: Compression = lower.endsWith('.gz') ? 'gzip' : null;
  const base = compression ? lower.slice(0, -'.gz'.length) : lower;
  const extension = Object.keys(EXTENSIONS).find((ext) => base.endsWith(ext));
  return { format: extension ? EXTENSIONS[extension]! : null, compression };
}

function columnProblem(value: unknown, field: string): string | null {
  if (typeof value !== 'string' || value.trim() === '') return `${field} must be a column name (got ${describeValue(value)})`;
  if (value.length > MAX_COLUMN_NAME) return `${field} must be at most ${MAX_COLUMN_NAME} characters (got ${value.length})`;
  return null;
}

export function resolveImportOptions(input: ImportOptionsInput): Validated<ImportOptions> {
  const issues: FieldIssue[] = [];
  const fromName = formatFromName(input.source);
  let format: DatasetFormat | null = fromName.format;
  if (input.format !== null && input.format !== undefined) {
    const given = String(input.format).trim().toLowerCase();
    if ((DATASET_FORMATS as readonly string[]).includes(given)) format = given as DatasetFormat;
    else issues.push({ field: 'format', message: `format must be one of ${DATASET_FORMATS.join(', ')} (got ${describeValue(input.format)})` });
  } else if (format === null) {
    issues.push({
      field: 'format',
      message: `cannot tell the format from the file name ${describeValue(input.source)}; set format to jsonl, csv or parquet (or name the file *.jsonl, *.csv, *.parquet)`,
    });
  }
  if (format === 'parquet' && fromName.compression) {
    issues.push({ field: 'source', message: 'a Parquet file compresses its own pages; give the .parquet file itself, not a .gz of it' });
  }

  const given = input.columns ?? {};
  const columns: Partial<DatasetColumns> = {};
  for (const key of ['text', 'label', 'id'] as const) {
    const value = given[key];
    if (value === null || value === undefined) continue;
    const problem = columnProblem(value, `columns.${key}`);
    if (problem) issues.push({ field: `columns.${key}`, message: problem });
    else columns[key] = value.trim();
  }
  if (format === 'jsonl') {
    columns.text ??= KINOPOISK_TEXT_COLUMN;
    // Rows without the id column are numbered by their line.
    columns.id ??= KINOPOISK_ID_COLUMN;
    // An invalid rule is reported by validateDatasetSpec; the column then does not matter.
    columns.label ??= labelRuleProblem(input.labelRule) === null ? defaultKinopoiskLabelColumn(parseLabelRule(input.labelRule)) : 'grade3';
  } else if (format !== null) {
    for (const key of ['text', 'label'] as const) {
      if (columns[key] === undefined && !issues.some((issue) => issue.field === `columns.${key}`)) {
        issues.push({ field: `columns.${key}`, message: `a ${format.toUpperCase()} source needs columns.${key}: the name of the column holding the ${key === 'text' ? 'review text' : 'raw label'}` });
      }
    }
    columns.id ??= null;
  }
  if (issues.length > 0 || format === null) return invalid(issues);
  return valid({ format, compression: fromName.compression, columns: columns as DatasetColumns });
}
