import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import type { SourceRecord } from '@tunelab/core';
import { type CsvError, parse } from 'csv-parse';
import { DatasetImportError } from './dataset.errors';
import { type ReadOptions, readBytes, type RecordSink, type SourceStats } from './source-reader';

/**
 * CSV with a header row, parsed by csv-parse (RFC 4180 quoting, multi-line fields, BOM). The header must
 * hold the mapped columns. A record csv-parse cannot parse (a stray quote) is a counted malformed line; bytes
 * that are not UTF-8 stop the import with the line where they are, since a CSV line cannot be skipped safely.
 */
export async function readCsv(options: ReadOptions, sink: RecordSink): Promise<SourceStats> {
  const bytes = readBytes(options.file, options.compression);
  const validated = Readable.from(utf8Checked(bytes.chunks));
  let header: string[] | null = null;
  let indexes: { text: number; label: number; id: number } | null = null;
  let lastSkipped = -1;
  const parser = parse({
    bom: true,
    info: true,
    relax_column_count: true,
    // A quote inside an unquoted field (`хорошо "очень" хорошо`) is kept as text, as spreadsheets write it.
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error: CsvError | undefined) => {
      const line = Number((error as { lines?: number } | undefined)?.lines ?? 0);
      // One broken record can raise several errors on its line: it is one dropped row.
      if (line !== lastSkipped) sink.malformed(line, error?.message ?? 'unparseable CSV record');
      lastSkipped = line;
      return undefined;
    },
  });
  validated.on('error', (error) => parser.destroy(error));
  validated.pipe(parser);

  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    if (header === null) {
      header = record.map((name) => name.trim());
      const find = (column: string | null, key: 'text' | 'label' | 'id') => {
        if (column === null) return -1;
        const index = header!.indexOf(column);
        if (index < 0) {
          throw new DatasetImportError(`columns.${key}`, `the CSV header has no column ${JSON.stringify(column)}; its columns are ${header!.map((name) => JSON.stringify(name)).join(', ')}`);
        }
        return index;
      };
      indexes = { text: find(options.columns.text, 'text'), label: find(options.columns.label, 'label'), id: find(options.columns.id, 'id') };
      continue;
    }
    const row: SourceRecord = {
      line: info.lines,
      id: indexes!.id < 0 ? undefined : record[indexes!.id],
      text: record[indexes!.text],
      label: record[indexes!.label],
    };
    sink.record(row);
    if (info.lines % 2048 === 0) await sink.checkpoint(bytes.bytesRead());
  }
  if (header === null) throw new DatasetImportError('source', `${options.file} has no header row: a CSV source needs one naming its columns`);
  await sink.checkpoint(bytes.bytesRead());
  return { bytes: bytes.bytesRead(), sha256: bytes.sha256(), fields: header };
}

/** Passes the bytes through, failing at the first byte sequence that is not UTF-8 (with its line). */
async function* utf8Checked(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let carry = Buffer.alloc(0);
  let lines = 0;
  for await (const chunk of chunks) {
    const buffer = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    // A multi-byte character may straddle chunks: hold back an incomplete tail.
    let end = buffer.length;
    for (let back = 1; back <= 3 && back <= buffer.length; back++) {
      const byte = buffer[buffer.length - back]!;
      if ((byte & 0xc0) === 0x80) continue;
      const width = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
      if (width > back) end = buffer.length - back;
      break;
    }
    const complete = buffer.subarray(0, end);
    if (!isUtf8(complete)) throw notUtf8(complete, lines);
    for (let i = complete.indexOf(10); i >= 0; i = complete.indexOf(10, i + 1)) lines++;
    carry = Buffer.from(buffer.subarray(end));
    yield complete;
  }
  if (carry.length && !isUtf8(carry)) throw notUtf8(carry, lines);
  if (carry.length) yield carry;
}

function notUtf8(block: Buffer, linesBefore: number): DatasetImportError {
  let line = linesBefore;
  let start = 0;
  while (start <= block.length) {
    let end = block.indexOf(10, start);
    if (end < 0) end = block.length;
    line++;
    if (!isUtf8(block.subarray(start, end))) break;
    start = end + 1;
  }
  return new DatasetImportError('source', `the CSV file is not valid UTF-8 at line ${line}; re-save it as UTF-8 (e.g. iconv -f cp1251 -t utf-8)`);
}
