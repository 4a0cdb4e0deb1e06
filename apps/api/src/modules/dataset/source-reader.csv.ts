import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import type { SourceRecord } from '@tunelab/core';
import { type CsvError, parse } from 'csv-parse';
import { DatasetImportError, describeColumns } from './dataset.errors';
import { type ReadOptions, readBytes, type RecordSink, type SourceStats } from './source-reader';

/**
 * CSV with a header row, parsed by csv-parse (RFC 4180 quoting, multi-line fields, BOM). The header must
 * hold the mapped columns. A record csv-parse cannot parse (a stray quote) is a counted malformed line; bytes
 * that are not UTF-8 stop the import with the line where they are, since a CSV line cannot be skipped safely.
 */
export async function readCsv(options: ReadOptions, sink: RecordSink): Promise<SourceStats> {
  const bytes = readBytes(options.file, options.compression);
  const lines = new LineLocator();
  const validated = Readable.from(utf8Checked(bytes.chunks, lines));
  let header: string[] | null = null;
  let indexes: { text: number; label: number; id: number } | null = null;
  let lastSkipped = -1;
  // Where the next record starts: the end of the last one (csv-parse's info.bytes, BOM included).
  let recordStart = 0;
  /** The line each record starts on, in record order (on_record runs as csv-parse reads; records arrive later). */
  const startLines: number[] = [];
  const parser = parse({
    bom: true,
    info: true,
    relax_column_count: true,
    // A quote inside an unquoted field (`хорошо "очень" хорошо`) is kept as text, as spreadsheets write it.
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    // csv-parse counts a CRLF inside quotes as two lines (and an unclosed quote's lines to the end of the file),
    // so lines are counted here from the bytes: a record's line is the line it starts on.
    on_record: (parsed, context) => {
      startLines.push(lines.startingAt(recordStart));
      recordStart = context.bytes;
      return parsed;
    },
    on_skip: (error: CsvError | undefined) => {
      const context = error as { lines?: number; bytes?: number } | undefined;
      // One broken record can raise several errors: it is one dropped row.
      if (context?.lines !== lastSkipped) sink.malformed(lines.startingAt(Math.max(recordStart, context?.bytes ?? 0)), error?.message ?? 'unparseable CSV record');
      lastSkipped = context?.lines ?? -1;
      return undefined;
    },
  });
  validated.on('error', (error) => parser.destroy(error));
  validated.pipe(parser);

  for await (const { record } of parser as AsyncIterable<{ record: string[] }>) {
    const line = startLines.shift()!;
    if (header === null) {
      header = record.map((name) => name.trim());
      const find = (column: string | null, key: 'text' | 'label' | 'id') => {
        if (column === null) return -1;
        const index = header!.indexOf(column);
        if (index < 0) {
          throw new DatasetImportError(`columns.${key}`, `the CSV header has no column ${JSON.stringify(column)}; its columns are ${describeColumns(header!)}`);
        }
        return index;
      };
      indexes = { text: find(options.columns.text, 'text'), label: find(options.columns.label, 'label'), id: find(options.columns.id, 'id') };
      continue;
    }
    const row: SourceRecord = {
      line,
      id: indexes!.id < 0 ? undefined : record[indexes!.id],
      text: record[indexes!.text],
      label: record[indexes!.label],
    };
    sink.record(row);
    if (line % 2048 === 0) await sink.checkpoint(bytes.bytesRead());
  }
  if (header === null) throw new DatasetImportError('source', `${options.file} has no header row: a CSV source needs one naming its columns`);
  await sink.checkpoint(bytes.bytesRead());
  return { bytes: bytes.bytesRead(), sha256: bytes.sha256(), fields: header };
}

/**
 * Physical line numbers of byte offsets, for offsets that only grow: CRLF, LF and a lone CR each end a line.
 * Holds only the bytes not yet passed.
 */
class LineLocator {
  private chunks: Buffer[] = [];
  /** Offset of chunks[0][0]. */
  private base = 0;
  private offset = 0;
  private line = 1;
  private afterCr = false;

  add(chunk: Buffer): void {
    this.chunks.push(chunk);
  }

  /** The line of the first byte at or after `offset` that does not end a line (empty lines are skipped). */
  startingAt(offset: number): number {
    while (this.chunks.length) {
      const chunk = this.chunks[0]!;
      for (let i = this.offset - this.base; i < chunk.length; i++, this.offset++) {
        const byte = chunk[i];
        const breaks = byte === 0x0a || byte === 0x0d;
        if (this.offset >= offset && !breaks) return this.line;
        if (byte === 0x0a && this.afterCr) this.afterCr = false;
        else if (breaks) {
          this.line++;
          this.afterCr = byte === 0x0d;
        } else this.afterCr = false;
      }
      this.base += chunk.length;
      this.chunks.shift();
    }
    return this.line;
  }
}

/** Passes the bytes through (and to `locator`), failing at the first byte sequence that is not UTF-8 (with its line). */
async function* utf8Checked(chunks: AsyncIterable<Buffer>, locator: LineLocator): AsyncGenerator<Buffer> {
  let carry = Buffer.alloc(0);
  let offset = 0;
  const pass = (complete: Buffer) => {
    locator.add(complete);
    if (!isUtf8(complete)) throw notUtf8(locator.startingAt(offset + firstInvalidSegment(complete)));
    offset += complete.length;
    return complete;
  };
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
    carry = Buffer.from(buffer.subarray(end));
    yield pass(buffer.subarray(0, end));
  }
  if (carry.length) yield pass(carry);
}

/** Where in `block` the first run of bytes between line ends that is not UTF-8 starts (no sequence spans CR or LF). */
function firstInvalidSegment(block: Buffer): number {
  let start = 0;
  while (start < block.length) {
    let end = start;
    while (end < block.length && block[end] !== 0x0a && block[end] !== 0x0d) end++;
    if (!isUtf8(block.subarray(start, end))) return start;
    start = end + 1;
  }
  return 0;
}

function notUtf8(line: number): DatasetImportError {
  return new DatasetImportError('source', `the CSV file is not valid UTF-8 at line ${line}; re-save it as UTF-8 (e.g. iconv -f cp1251 -t utf-8)`);
}
