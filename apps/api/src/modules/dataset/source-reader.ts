import fs from 'node:fs';
import { pipeline, Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { createHash } from 'node:crypto';
import type { Compression, DatasetColumns, SourceRecord } from '@tunelab/core';
import type { ParsedBlock } from './jsonl-block';

/**
 * A source reader streams one file and hands every row to a sink: a record, a malformed line or a line that
 * is not UTF-8. After each chunk it awaits `checkpoint`, which is where the importer flushes what it wrote
 * and reports progress — so memory stays bounded by one chunk whatever the file's size.
 */
export interface RecordSink {
  record(record: SourceRecord): void;
  /** Rows prepared off the main thread (JSONL); line numbers in the block start after `lineBase`. */
  block(block: ParsedBlock, lineBase: number): void;
  malformed(line: number, problem: string): void;
  invalidUtf8(line: number): void;
  checkpoint(bytesRead: number): Promise<void>;
}

export interface SourceStats {
  /** Bytes of the file as stored (compressed, for .gz). */
  bytes: number;
  /** SHA-256 of the file as stored: which file was imported. */
  sha256: string;
  /** The field names of the first row (JSONL), the header (CSV) or the schema (Parquet), for messages. */
  fields: string[];
}

export interface ReadOptions {
  file: string;
  compression: Compression;
  columns: DatasetColumns;
  /** For readers that prepare rows themselves (JSONL). */
  rules: { labelRule: string; textRule: string | null; threshold: number };
  /** Parser threads (JSONL); 0 parses on the calling thread. */
  parallelism: number;
  /** Parquet: how long decoding one slice of rows may take before the file is refused as damaged (default 30 s). */
  decodeDeadlineMs?: number;
}

export type SourceReader = (options: ReadOptions, sink: RecordSink) => Promise<SourceStats>;

/** Read size: large enough that per-chunk overhead vanishes, small enough to bound memory. */
export const CHUNK_BYTES = 1 << 20;

/** A line longer than this is not a review; refusing it keeps memory bounded on a file without newlines. */
export const MAX_LINE_BYTES = 64 << 20;

/**
 * The file's bytes (gunzipped for .gz), with the stored bytes counted and hashed on the way.
 * Errors of any stage surface in the iteration.
 */
export function readBytes(file: string, compression: Compression): { chunks: AsyncIterable<Buffer>; bytesRead: () => number; sha256: () => string } {
  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  const input = fs.createReadStream(file, { highWaterMark: CHUNK_BYTES });
  const chunks = compression === 'gzip' ? pipeline(input, tap, createGunzip({ chunkSize: CHUNK_BYTES }), () => {}) : pipeline(input, tap, () => {});
  let digest: string | null = null;
  return {
    chunks: chunks as AsyncIterable<Buffer>,
    bytesRead: () => bytes,
    /** Call once the chunks are consumed. */
    sha256: () => (digest ??= hash.digest('hex')),
  };
}
