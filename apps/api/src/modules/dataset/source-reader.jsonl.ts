import { DatasetImportError } from './dataset.errors';
import { JsonlBlockPool } from './jsonl-block-pool';
import type { ParsedBlock } from './jsonl-block';
import { MAX_LINE_BYTES, type ReadOptions, readBytes, type RecordSink, type SourceStats } from './source-reader';

const NEWLINE = 0x0a;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * JSON Lines, one object per line (Kinopoisk's kinopoisk.jsonl). The main thread reads the file, cuts it into
 * blocks of complete lines and hands them to parser threads (jsonl-block.ts); parsed blocks come back in any
 * order and go to the sink in file order. A block that is valid UTF-8 (nearly always) is decoded at once,
 * otherwise line by line so that only the broken lines are dropped. Blank lines are skipped; line numbers
 * count every physical line. Memory: a few blocks of about 1 MB in flight, whatever the file's size.
 */
export async function readJsonl(options: ReadOptions, sink: RecordSink): Promise<SourceStats> {
  const bytes = readBytes(options.file, options.compression);
  const pool = new JsonlBlockPool({ columns: options.columns, ...options.rules }, options.parallelism);
  const inFlight: Promise<ParsedBlock>[] = [];
  let lineBase = 0;
  let fields: string[] | null = null;

  /** The carried partial line and the chunk's complete lines, copied once into a block the pool may move to another thread. */
  let firstBlock = true;
  const submit = (carry: Buffer | null, lines: Buffer) => {
    let block = new Uint8Array((carry?.length ?? 0) + lines.length);
    if (carry) block.set(carry);
    block.set(lines, carry?.length ?? 0);
    if (firstBlock) {
      firstBlock = false;
      if (block[0] === BOM[0] && block[1] === BOM[1] && block[2] === BOM[2]) block = block.subarray(3);
    }
    const promise = pool.parse(block);
    promise.catch(() => {});
    inFlight.push(promise);
  };
  const drain = async (keep: number) => {
    while (inFlight.length > keep) {
      const parsed = await inFlight.shift()!;
      fields ??= parsed.fields;
      sink.block(parsed, lineBase);
      lineBase += parsed.lineCount;
      await sink.checkpoint(bytes.bytesRead());
    }
  };

  try {
    let carry: Buffer | null = null;
    for await (const chunk of bytes.chunks as AsyncIterable<Buffer>) {
      const lastNewline = chunk.lastIndexOf(NEWLINE);
      if (lastNewline < 0) {
        carry = carry ? Buffer.concat([carry, chunk]) : chunk;
      } else {
        submit(carry, chunk.subarray(0, lastNewline + 1));
        carry = lastNewline + 1 < chunk.length ? chunk.subarray(lastNewline + 1) : null;
      }
      if (carry && carry.length > MAX_LINE_BYTES) {
        await drain(0);
        throw new DatasetImportError('source', `line ${lineBase + 1} is longer than ${MAX_LINE_BYTES >> 20} MB; is this a JSON Lines file (one object per line)? Set format if it is CSV or Parquet`);
      }
      await drain(pool.depth - 1);
    }
    if (carry && carry.length > 0) submit(null, carry);
    await drain(0);
  } finally {
    await pool.close();
  }
  return { bytes: bytes.bytesRead(), sha256: bytes.sha256(), fields: fields ?? [] };
}
