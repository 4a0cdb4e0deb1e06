import { isUtf8 } from 'node:buffer';
import { DatasetImportError } from './dataset.errors';
import type { ReadOptions, RecordSink, SourceStats } from './source-reader';
import { createHash } from 'node:crypto';
import fs from 'node:fs';

/** Rows decoded per read: bounds memory on row groups of millions of rows. */
const ROWS_PER_READ = 8192;

/**
 * Parquet via hyparquet (pure JavaScript; snappy and uncompressed pages). Reads only the mapped columns,
 * a slice of rows at a time; strings come as bytes and are checked for UTF-8 here, so a broken value is a
 * counted drop with its row number. Row numbers are 1-based.
 */
export async function readParquet(options: ReadOptions, sink: RecordSink): Promise<SourceStats> {
  const { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } = await import('hyparquet');
  const file = await asyncBufferFromFile(options.file);
  let metadata: Awaited<ReturnType<typeof parquetMetadataAsync>>;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (error) {
    throw new DatasetImportError('source', `${options.file} is not a readable Parquet file (${(error as Error).message}); set format if it is JSONL or CSV`);
  }
  const fields = parquetSchema(metadata).children.map((child) => child.element.name);
  const wanted: { key: 'text' | 'label' | 'id'; column: string }[] = [];
  for (const key of ['text', 'label', 'id'] as const) {
    const column = options.columns[key];
    if (column === null) continue;
    if (!fields.includes(column)) {
      throw new DatasetImportError(`columns.${key}`, `the Parquet file has no column ${JSON.stringify(column)}; its columns are ${fields.map((name) => JSON.stringify(name)).join(', ')}`);
    }
    wanted.push({ key, column });
  }
  const columns = [...new Set(wanted.map((entry) => entry.column))];
  const totalRows = Number(metadata.num_rows);
  const totalBytes = file.byteLength;

  for (let rowStart = 0; rowStart < totalRows; rowStart += ROWS_PER_READ) {
    const rowEnd = Math.min(totalRows, rowStart + ROWS_PER_READ);
    let rows: Record<string, unknown>[];
    try {
      rows = await parquetReadObjects({ file, metadata, columns, rowStart, rowEnd, utf8: false });
    } catch (error) {
      throw new DatasetImportError('source', `cannot read rows ${rowStart + 1}–${rowEnd} of the Parquet file (${(error as Error).message}); re-save it with snappy or no compression`);
    }
    rows.forEach((row, offset) => {
      const line = rowStart + offset + 1;
      const values: Record<string, unknown> = {};
      for (const { key, column } of wanted) {
        const value = row[column];
        if (value instanceof Uint8Array) {
          if (!isUtf8(value)) {
            values.invalid = true;
            break;
          }
          values[key] = Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8');
        } else {
          values[key] = value;
        }
      }
      if (values.invalid) sink.invalidUtf8(line);
      else sink.record({ line, id: values.id, text: values.text, label: values.label });
    });
    await sink.checkpoint(Math.round((rowEnd / Math.max(1, totalRows)) * totalBytes));
  }
  return { bytes: totalBytes, sha256: await fileSha256(options.file), fields };
}

async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
