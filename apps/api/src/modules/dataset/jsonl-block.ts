import { isUtf8 } from 'node:buffer';
import { transcode } from 'node:buffer';
import { decodeUtf8 } from './utf8';
import { type DatasetColumns, exampleLine, newRowFacts, parseJsonObjectLine, recordFromObject, type RowFacts, RowPreparer } from '@tunelab/core';

/**
 * The row-local work on a block of complete JSONL lines — decode, JSON.parse, the text and label rules, the
 * hashes for the duplicate checks, the example lines — packed into typed arrays and one buffer. It runs in
 * worker threads (jsonl-parse.worker.ts) or inline; ExampleFilter.accept then judges the rows in file order.
 */
export interface JsonlBlockOptions {
  columns: DatasetColumns;
  labelRule: string;
  textRule: string | null;
  /** grade10 comparison threshold (ExampleFilter.threshold). */
  threshold: number;
}

export const ROW_KIND = { record: 0, malformed: 1, invalidUtf8: 2 } as const;
export const ROW_FLAG = { synthetic: 1, textMissing: 2, labelMissing: 4, hasGrades: 8, hasId: 16, mentionsScore: 32, hasExample: 64 } as const;

export interface ParsedBlock {
  /** Physical lines in the block (blank ones included). */
  lineCount: number;
  rows: number;
  kinds: Uint8Array;
  /** 1-based line numbers within the block. */
  lines: Uint32Array;
  flags: Uint8Array;
  agreement: Uint8Array;
  outcome: Uint8Array;
  /** Four per row: id hash, text hash. */
  hashes: Uint32Array;
  textLengths: Uint32Array;
  /**
   * The example lines (exampleLine, UTF-8) of the rows flagged hasExample, in row order. Each ends with a
   * newline and holds no other (JSON escapes them), so the reader walks them line by line.
   */
  examples: Uint8Array;
  unusable: { row: number; value: string }[];
  problems: { row: number; problem: string }[];
  /** Keys of the first object in the block. */
  fields: string[] | null;
}

// ignoreBOM keeps a BOM as a character, like decodeUtf8: a line that starts with one is judged the same whether or
// not another line of its block is broken UTF-8 (the file's own BOM is removed by the reader before this).
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

export class JsonlBlockParser {
  private readonly preparer: RowPreparer;
  private readonly facts = newRowFacts();

  constructor(private readonly options: JsonlBlockOptions) {
    this.preparer = new RowPreparer({ labelRule: options.labelRule, textRule: options.textRule });
  }

  parse(block: Uint8Array): ParsedBlock {
    const bytes = Buffer.from(block.buffer, block.byteOffset, block.byteLength);
    // Rows ≤ lines ≤ newlines + 1.
    let capacity = 1;
    for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) capacity++;
    const out = new BlockBuilder(capacity);
    let lineNumber = 0;

    const handleLine = (line: string) => {
      if (line.length === 0 || (line.charCodeAt(0) <= 32 && line.trim() === '')) return;
      const parsed = parseJsonObjectLine(line);
      if (!parsed.ok) {
        out.problem(lineNumber, parsed.problem);
        return;
      }
      out.fields ??= Object.keys(parsed.object);
      const record = recordFromObject(parsed.object, lineNumber, this.options.columns);
      const example = this.preparer.prepare(record, this.facts, this.options.threshold);
      out.record(this.facts, example === null ? null : exampleLine(example));
    };

    if (isUtf8(bytes)) {
      // Decoding the whole block at once is much faster than line by line.
      const text = decodeUtf8(bytes);
      let start = 0;
      while (start < text.length) {
        let end = text.indexOf('\n', start);
        if (end < 0) end = text.length;
        lineNumber++;
        handleLine(text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end));
        start = end + 1;
      }
    } else {
      let start = 0;
      while (start < bytes.length) {
        let end = bytes.indexOf(10, start);
        if (end < 0) end = bytes.length;
        lineNumber++;
        const line = bytes.subarray(start, end);
        if (isUtf8(line)) handleLine(decoder.decode(line).replace(/\r$/, ''));
        else out.invalidUtf8(lineNumber);
        start = end + 1;
      }
    }
    return out.finish(lineNumber);
  }
}

class BlockBuilder {
  rows = 0;
  fields: string[] | null = null;
  private readonly kinds: Uint8Array;
  private readonly lines: Uint32Array;
  private readonly flags: Uint8Array;
  private readonly agreement: Uint8Array;
  private readonly outcome: Uint8Array;
  private readonly hashes: Uint32Array;
  private readonly textLengths: Uint32Array;
  /** The example lines as UTF-16: copying strings in is a memcpy, and one transcode makes the UTF-8. */
  private examples = Buffer.allocUnsafeSlow(1 << 21);
  private examplesLength = 0;
  private readonly unusable: { row: number; value: string }[] = [];
  private readonly problems: { row: number; problem: string }[] = [];

  constructor(capacity: number) {
    this.kinds = new Uint8Array(capacity);
    this.lines = new Uint32Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.agreement = new Uint8Array(capacity);
    this.outcome = new Uint8Array(capacity);
    this.hashes = new Uint32Array(capacity * 4);
    this.textLengths = new Uint32Array(capacity);
  }

  private next(line: number, kind: number): number {
    const row = this.rows++;
    this.kinds[row] = kind;
    this.lines[row] = line;
    return row;
  }

  problem(line: number, problem: string): void {
    this.problems.push({ row: this.next(line, ROW_KIND.malformed), problem });
  }

  invalidUtf8(line: number): void {
    this.next(line, ROW_KIND.invalidUtf8);
  }

  record(facts: RowFacts, example: string | null): void {
    const row = this.next(facts.line, ROW_KIND.record);
    this.flags[row] =
      (facts.synthetic ? ROW_FLAG.synthetic : 0) |
      (facts.textMissing ? ROW_FLAG.textMissing : 0) |
      (facts.labelMissing ? ROW_FLAG.labelMissing : 0) |
      (facts.hasGrades ? ROW_FLAG.hasGrades : 0) |
      (facts.hasId ? ROW_FLAG.hasId : 0) |
      (facts.mentionsScore ? ROW_FLAG.mentionsScore : 0) |
      (example !== null ? ROW_FLAG.hasExample : 0);
    this.agreement[row] = facts.agreement;
    this.outcome[row] = facts.outcome;
    this.hashes.set(facts.hashes, row * 4);
    this.textLengths[row] = facts.textLength;
    if (facts.unusableLabel !== null) this.unusable.push({ row, value: facts.unusableLabel });
    if (example !== null) {
      if (this.examplesLength + example.length * 2 > this.examples.length) {
        const grown = Buffer.allocUnsafeSlow(Math.max(this.examples.length * 2, this.examplesLength + example.length * 2));
        this.examples.copy(grown, 0, 0, this.examplesLength);
        this.examples = grown;
      }
      this.examplesLength += this.examples.write(example, this.examplesLength, 'utf16le');
    }
  }

  finish(lineCount: number): ParsedBlock {
    const rows = this.rows;
    // Example lines are JSON.stringify output: no lone surrogates, so the transcode is exact.
    const examples = transcode(this.examples.subarray(0, this.examplesLength), 'utf16le', 'utf8');
    return {
      lineCount,
      rows,
      kinds: this.kinds.slice(0, rows),
      lines: this.lines.slice(0, rows),
      flags: this.flags.slice(0, rows),
      agreement: this.agreement.slice(0, rows),
      outcome: this.outcome.slice(0, rows),
      hashes: this.hashes.slice(0, rows * 4),
      textLengths: this.textLengths.slice(0, rows),
      examples: new Uint8Array(examples.buffer, examples.byteOffset, examples.byteLength),
      unusable: this.unusable,
      problems: this.problems,
      fields: this.fields,
    };
  }
}

/** The buffers to transfer (not copy) when posting a block between threads. */
export function transferables(block: ParsedBlock): ArrayBuffer[] {
  const buffers = [block.kinds, block.lines, block.flags, block.agreement, block.outcome, block.hashes, block.textLengths].map((array) => array.buffer as ArrayBuffer);
  // A small example buffer may sit in Node's shared pool, which must not be transferred: it is copied instead.
  if (block.examples.byteLength === block.examples.buffer.byteLength) buffers.push(block.examples.buffer as ArrayBuffer);
  return buffers;
}
