import { isUtf8 } from 'node:buffer';
import { DatasetImportError, describeColumns } from './dataset.errors';
import type { ReadOptions, RecordSink, SourceStats } from './source-reader';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Rows decoded per read: bounds memory on row groups of millions of rows. */
const ROWS_PER_READ = 8192;
/** A slice of 8,192 rows decodes in well under a second; one that takes this long is a damaged file. */
const DECODE_DEADLINE_MS = 30_000;
/** The decoder thread's heap: far above what a slice needs, far below what a damaged page header can ask for. */
const DECODER_HEAP_MB = 512;

/**
 * The thread that decodes row slices. hyparquet trusts the counts in a page header, so one damaged byte can make it
 * fill an array of billions of entries: on the API's own thread that would stall every request for hours. Here it
 * runs out its deadline or its heap, and the import is refused.
 */
const DECODER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
const opened = import(pathToFileURL(workerData.hyparquet).href).then(async (hyparquet) => {
  const file = await hyparquet.asyncBufferFromFile(workerData.file);
  return { hyparquet, file, metadata: await hyparquet.parquetMetadataAsync(file) };
});
parentPort.on('message', async ({ columns, rowStart, rowEnd }) => {
  try {
    const { hyparquet, file, metadata } = await opened;
    parentPort.postMessage({ rows: await hyparquet.parquetReadObjects({ file, metadata, columns, rowStart, rowEnd, utf8: false }) });
  } catch (error) {
    parentPort.postMessage({ error: String((error && error.message) || error) });
  }
});`;

class ParquetDecoder {
  private readonly worker: Worker;

  constructor(file: string) {
    this.worker = new Worker(DECODER_SOURCE, {
      eval: true,
      workerData: { file, hyparquet: createRequire(__filename).resolve('hyparquet') },
      resourceLimits: { maxOldGenerationSizeMb: DECODER_HEAP_MB },
    });
  }

  read(columns: string[], rowStart: number, rowEnd: number, deadlineMs: number): Promise<Record<string, unknown>[]> {
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      };
      const onMessage = (message: { rows?: Record<string, unknown>[]; error?: string }) => {
        done();
        if (message.error !== undefined) reject(new Error(message.error));
        else resolve(message.rows!);
      };
      const onError = (error: Error) => {
        done();
        reject(error);
      };
      const onExit = (code: number) => {
        done();
        reject(new Error(`the decoder stopped with code ${code}`));
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`decoding took longer than ${Math.round(deadlineMs / 1000)} s`));
      }, deadlineMs);
      this.worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      this.worker.postMessage({ columns, rowStart, rowEnd });
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/**
 * Parquet via hyparquet (pure JavaScript; snappy and uncompressed pages). Reads only the mapped columns,
 * a slice of rows at a time; strings come as bytes and are checked for UTF-8 here, so a broken value is a
 * counted drop with its row number. Row numbers are 1-based.
 */
export async function readParquet(options: ReadOptions, sink: RecordSink): Promise<SourceStats> {
  const { asyncBufferFromFile, parquetMetadataAsync, parquetSchema } = await import('hyparquet');
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
      throw new DatasetImportError(`columns.${key}`, `the Parquet file has no column ${JSON.stringify(column)}; its columns are ${describeColumns(fields)}`);
    }
    wanted.push({ key, column });
  }
  const columns = [...new Set(wanted.map((entry) => entry.column))];
  const totalRows = Number(metadata.num_rows);
  const totalBytes = file.byteLength;

  const decoder = new ParquetDecoder(options.file);
  try {
    for (let rowStart = 0; rowStart < totalRows; rowStart += ROWS_PER_READ) {
      const rowEnd = Math.min(totalRows, rowStart + ROWS_PER_READ);
      let rows: Record<string, unknown>[];
      try {
        rows = await decoder.read(columns, rowStart, rowEnd, options.decodeDeadlineMs ?? DECODE_DEADLINE_MS);
      } catch (error) {
        throw new DatasetImportError('source', `cannot read rows ${rowStart + 1}–${rowEnd} of the Parquet file (${(error as Error).message}); is it damaged? Re-save it with snappy or no compression`);
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
  } finally {
    await decoder.close();
  }
  return { bytes: totalBytes, sha256: await fileSha256(options.file), fields };
}

async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
