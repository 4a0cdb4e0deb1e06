import { isUtf8 } from 'node:buffer';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { DEFAULT_SPLIT, qualityReportProblem } from '@tunelab/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkProperty, FUZZ_SEED as SEED } from '@tunelab/core/dist/testing/fuzz';
import { DatasetImportError } from '../src/modules/dataset/dataset.errors';
import { importDataset, type ImportRequest, type ImportResult } from '../src/modules/dataset/dataset-import';
import { startApi, type ApiProcess } from './kit/api-process';
import { ApiClient } from './kit/client';
import { databaseLabel } from './kit/databases';
import { REGISTER_DATASET } from './kit/documents';
import { seed } from './kit/seed';

/**
 * Hostile dataset files (issue 11). The importer is fuzzed in-process with generated JSONL, CSV, gzip and
 * Parquet files — broken quotes and JSON, invalid UTF-8, BOMs, CRLF and CR endings, wrong JSON types, missing
 * columns, empty files, huge lines — and a few fixed hostile files go end to end through registerDataset.
 * Properties: the import either succeeds with a report in which every row read is kept or dropped once
 * (rowsRead = rowsKept + rowsDropped, malformed and non-UTF-8 lines listed by line number), or it is refused
 * with a DatasetImportError naming the input field (and the file or line); never any other error, and a
 * refused import leaves no files. Seeded: a failure prints the seed and the shrunk file.
 */
const RUNS = 200;
const FIELDS = new Set(['source', 'format', 'columns.text', 'columns.label', 'columns.id', 'labelRule', 'split']);
const KINOPOISK = { text: 'content', label: 'grade3', id: 'review_id' };

const tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'tunelab-fuzz-import-'));
let fileCounter = 0;
const tempFile = (name: string, content: Buffer | string) => {
  const dir = path.join(tempRoot, `case-${++fileCounter}`);
  fs.mkdirSync(dir);
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
};
afterAll(() => fs.rmSync(tempRoot, { recursive: true, force: true }));
const freshDataDir = () => fs.mkdtempSync(path.join(tempRoot, 'data-'));
const leftovers = (dataDir: string) => (fs.existsSync(path.join(dataDir, 'datasets')) ? fs.readdirSync(path.join(dataDir, 'datasets')) : []);

const check = (property: fc.IRawProperty<any>, seed: number, numRuns = RUNS) => checkProperty(property, seed, numRuns);

type Outcome = { ok: true; result: ImportResult; dataDir: string } | { ok: false; error: DatasetImportError; dataDir: string };

/** Runs one import; anything but a result or a DatasetImportError fails the property. */
async function attempt(file: string, overrides: Partial<ImportRequest>): Promise<Outcome> {
  const dataDir = freshDataDir();
  const request: ImportRequest = { file, format: 'jsonl', compression: null, columns: KINOPOISK, labelRule: 'grade3', textRule: null, split: { ...DEFAULT_SPLIT }, dataDir, parallelism: 0, ...overrides };
  try {
    return { ok: true, result: await importDataset(request, fs.statSync(file).size), dataDir };
  } catch (error) {
    if (!(error instanceof DatasetImportError)) throw new Error(`the import threw ${(error as Error)?.name}: ${String((error as Error)?.message ?? error).slice(0, 500)}`);
    expect(FIELDS.has(error.field), `unknown field ${error.field}`).toBe(true);
    expect(error.message.length).toBeGreaterThan(0);
    expect(error.message.length, 'an error message that echoes the file').toBeLessThan(5000);
    // Nothing half-written stays behind.
    expect(leftovers(dataDir)).toEqual([]);
    return { ok: false, error, dataDir };
  }
}

function checkResult(outcome: Extract<Outcome, { ok: true }>) {
  const { report, splits, fingerprint } = outcome.result;
  expect(report.rowsKept + report.rowsDropped).toBe(report.rowsRead);
  // Stored as JSON and read back as the typed report (the quality field, study reports).
  expect(qualityReportProblem(JSON.parse(JSON.stringify(report)))).toBeNull();
  expect(report.dropped.reduce((sum, entry) => sum + entry.count, 0)).toBe(report.rowsDropped);
  expect(splits.reduce((sum, split) => sum + split.rows, 0)).toBe(report.rowsKept);
  let rows = 0;
  for (const split of splits) {
    const text = fs.readFileSync(path.join(outcome.dataDir, split.file), 'utf8');
    for (const line of text.split('\n').slice(0, -1)) {
      const example = JSON.parse(line) as { id: unknown; text: unknown; label: unknown };
      expect(typeof example.id === 'string' && typeof example.text === 'string' && (example.label === 0 || example.label === 1)).toBe(true);
      rows++;
    }
  }
  expect(rows).toBe(report.rowsKept);
  expect(leftovers(outcome.dataDir)).toEqual([fingerprint]);
}

const dropped = (result: ImportResult, reason: string) => result.report.dropped.find((entry) => entry.reason === reason)!;

// ---------------------------------------------------------------------------------------------------------------
// Values and lines.

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
const hostileText = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('Отличный фильм!', 'Скучно и долго.', 'Шедевр, 10 из 10', 'Так себе.', 'Провал', '«Кино» — "на один раз"', 'مرحبا \u202eRTL', '🤖🎬') },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.array(fc.oneof(fc.string({ maxLength: 3 }), loneSurrogate, fc.constantFrom('\u0000', '\r', '\n', '\ufeff', ',', '"', '\\')), { maxLength: 8 }).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: fc.integer({ min: 1000, max: 50_000 }).map((n) => 'длинный отзыв '.repeat(Math.ceil(n / 14)).slice(0, n)) },
);
const jsonish: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 4 })), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), { maxKeys: 2 }),
);
/** A Kinopoisk-like row: mostly plausible, with hostile types in any field, and fields missing. */
const kinopoiskRow = fc.record(
  {
    review_id: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: 60 }) }, { weight: 1, arbitrary: jsonish }),
    grade3: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('Good', 'Bad', 'Neutral', ' good ', 'BAD') }, { weight: 1, arbitrary: jsonish }),
    grade10: fc.oneof(fc.constantFrom('10.0', '3', '', 7, 0), jsonish),
    content: fc.oneof({ weight: 4, arbitrary: hostileText }, { weight: 1, arbitrary: jsonish }),
    synthetic: fc.boolean(),
  },
  { requiredKeys: [] },
);

type JsonlLine = { kind: 'row' | 'malformed' | 'invalidUtf8' | 'blank'; bytes: Buffer };

/** Classifies a line as the importer must: blank, not UTF-8, not a JSON object, or a row. The oracle. */
function classify(bytes: Buffer): JsonlLine['kind'] {
  if (!isUtf8(bytes)) return 'invalidUtf8';
  const text = bytes.toString('utf8');
  if (text.trim() === '' && (text.length === 0 || text.charCodeAt(0) <= 32)) return 'blank';
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? 'row' : 'malformed';
  } catch {
    return 'malformed';
  }
}

const jsonlLine: fc.Arbitrary<JsonlLine> = fc
  .oneof(
    { weight: 12, arbitrary: kinopoiskRow.map((row) => Buffer.from(JSON.stringify(row))) },
    // Broken JSON: a row cut short, with garbage after it, or not an object at all.
    { weight: 2, arbitrary: fc.tuple(kinopoiskRow, fc.nat()).map(([row, cut]) => { const text = JSON.stringify(row); return Buffer.from(text.slice(0, 1 + (cut % text.length))); }) },
    { weight: 1, arbitrary: fc.constantFrom('null', '[]', '[{"content":"x"}]', '"text"', '42', '{"content": "x"} trailing', 'id,text,label', '{', '}').map((text) => Buffer.from(text)) },
    // A byte-order mark in the middle of the file starts a line that is not JSON (only the file's first BOM is skipped).
    { weight: 2, arbitrary: kinopoiskRow.map((row) => Buffer.from(`\ufeff${JSON.stringify(row)}`)) },
    // Bytes that are not UTF-8: Windows-1251, a lone continuation byte, a truncated sequence, an overlong NUL.
    { weight: 2, arbitrary: fc.tuple(kinopoiskRow, fc.constantFrom([0xcf, 0xeb, 0xee, 0xf5, 0xee], [0x80], [0xe2, 0x82], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xff, 0xfe])).map(([row, bad]) => { const text = Buffer.from(JSON.stringify(row)); const at = Math.floor(text.length / 2); return Buffer.concat([text.subarray(0, at), Buffer.from(bad), text.subarray(at)]); }) },
    { weight: 2, arbitrary: fc.constantFrom('', ' ', '\t', '  \t ').map((text) => Buffer.from(text)) },
  )
  .map((bytes) => ({ kind: classify(bytes), bytes }) as JsonlLine);

/** Enough well-formed rows of both labels that many imports get through to the split. */
const baseRows = fc.integer({ min: 0, max: 40 }).map((n) =>
  Array.from({ length: n }, (_, i) => ({ kind: 'row' as const, bytes: Buffer.from(JSON.stringify({ review_id: 1000 + i, grade3: i % 2 ? 'Good' : 'Bad', content: `Отзыв номер ${i}: ${i % 2 ? 'понравилось' : 'не понравилось'}` })) })),
);

const jsonlFile = fc.record({
  lines: fc.tuple(baseRows, fc.array(jsonlLine, { maxLength: 40 })).chain(([base, extra]) => fc.shuffledSubarray([...base, ...extra], { minLength: base.length + extra.length })),
  ending: fc.constantFrom('\n', '\r\n', 'mixed'),
  bom: fc.boolean(),
  finalNewline: fc.boolean(),
  gzip: fc.boolean(),
  labelRule: fc.constantFrom('grade3', 'grade10>=7', 'custom:{"Good":1,"Bad":0}'),
  textRule: fc.constantFrom(null, 'strip-score-mentions'),
});

function jsonlBytes(spec: { lines: JsonlLine[]; ending: string; bom: boolean; finalNewline: boolean }): Buffer {
  const parts: Buffer[] = spec.bom ? [Buffer.from([0xef, 0xbb, 0xbf])] : [];
  spec.lines.forEach((line, index) => {
    parts.push(line.bytes);
    if (index < spec.lines.length - 1 || spec.finalNewline) parts.push(Buffer.from(spec.ending === 'mixed' ? (index % 2 ? '\r\n' : '\n') : spec.ending));
  });
  return Buffer.concat(parts);
}

describe('importing hostile JSONL files', () => {
  it('counts every non-blank line once: kept, or dropped with its line number; or refuses the file by field', async () => {
    await check(
      fc.asyncProperty(jsonlFile, async (spec) => {
        const bytes = jsonlBytes(spec);
        const file = tempFile(spec.gzip ? 'reviews.jsonl.gz' : 'reviews.jsonl', spec.gzip ? gzipSync(bytes) : bytes);
        const columns = { ...KINOPOISK, label: spec.labelRule.startsWith('grade10') ? 'grade10' : 'grade3' };
        const outcome = await attempt(file, { compression: spec.gzip ? 'gzip' : null, labelRule: spec.labelRule, textRule: spec.textRule, columns });
        // The oracle: one leading BOM is the file's; every physical line counts for numbering, blank ones too.
        const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
        const expected = { read: 0, malformed: [] as number[], invalidUtf8: [] as number[] };
        let start = 0;
        for (let line = 1; start < body.length; line++) {
          let end = body.indexOf(10, start);
          if (end < 0) end = body.length;
          const kind = classify(body.subarray(start, end > start && body[end - 1] === 13 ? end - 1 : end));
          start = end + 1;
          if (kind === 'blank') continue;
          expected.read++;
          if (kind === 'malformed') expected.malformed.push(line);
          if (kind === 'invalidUtf8') expected.invalidUtf8.push(line);
        }
        if (!outcome.ok) {
          if (expected.read === 0) expect(outcome.error).toMatchObject({ field: 'source', message: expect.stringMatching(/has no rows/) });
          if (outcome.error.field === 'source' && expected.read > 0) expect(outcome.error.message).toMatch(/line|Line/);
          return;
        }
        checkResult(outcome);
        const { report } = outcome.result;
        expect(report.rowsRead).toBe(expected.read);
        expect(dropped(outcome.result, 'malformedLine')).toMatchObject({ count: expected.malformed.length, lines: expected.malformed.slice(0, 20) });
        expect(dropped(outcome.result, 'invalidUtf8')).toMatchObject({ count: expected.invalidUtf8.length, lines: expected.invalidUtf8.slice(0, 20) });
      }),
      SEED,
    );
  });

  it('treats a CR-only file as one line, a file of blank lines as empty, and a 5 MB review as a review', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => JSON.stringify({ review_id: i, grade3: i % 2 ? 'Good' : 'Bad', content: `текст ${i}` }));
    const crOnly = await attempt(tempFile('cr.jsonl', rows.join('\r')), {});
    expect(crOnly.ok).toBe(false);
    if (!crOnly.ok) expect(crOnly.error).toMatchObject({ field: 'source', message: expect.stringMatching(/1 malformed \(lines 1\)\. Line 1: not valid JSON/) });

    const blank = await attempt(tempFile('blank.jsonl', '\n\r\n  \n\t\n'), {});
    expect(blank.ok).toBe(false);
    if (!blank.ok) expect(blank.error).toMatchObject({ field: 'source', message: expect.stringMatching(/has no rows/) });

    const huge = JSON.stringify({ review_id: 'huge', grade3: 'Good', content: 'огромный отзыв '.repeat(350_000) });
    const big = await attempt(tempFile('big.jsonl', [huge, ...rows].join('\n')), {});
    expect(big.ok).toBe(true);
    if (big.ok) {
      checkResult(big);
      expect(big.result.report).toMatchObject({ rowsRead: 11, rowsKept: 11 });
      expect(big.result.report.textLength.max).toBeGreaterThan(5_000_000);
    }
  });

  it('refuses a line longer than 64 MB by its line number instead of reading it into memory', async () => {
    const file = tempFile('no-newlines.jsonl', '');
    const handle = fs.openSync(file, 'w');
    fs.writeSync(handle, `${JSON.stringify({ review_id: 1, grade3: 'Good', content: 'ok' })}\n`);
    const chunk = Buffer.alloc(1 << 20, 'x');
    for (let i = 0; i < 65; i++) fs.writeSync(handle, chunk);
    fs.closeSync(handle);
    const outcome = await attempt(file, {});
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error).toMatchObject({ field: 'source', message: expect.stringMatching(/line 2 is longer than 64 MB/) });
    fs.rmSync(file);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// CSV.

const csvField = fc.oneof(
  { weight: 6, arbitrary: hostileText.map((text) => text.replace(/[\r\n",]/g, ' ')) },
  // Quoted, with commas, doubled quotes and newlines inside.
  { weight: 3, arbitrary: hostileText.map((text) => `"${text.replace(/"/g, '""')}"`) },
  // Broken quoting: unterminated, a quote after the closing one, a quote in an unquoted field.
  { weight: 1, arbitrary: fc.constantFrom('"незакрытая', '"ab"c', 'пло"хо', '""', '"', '"a""', 'x"y"z') },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '1', '0', 'Good', 'Bad') },
);
const csvFile = fc.record({
  header: fc.shuffledSubarray(['text', 'label', 'id', 'extra']),
  rows: fc.array(fc.array(csvField, { minLength: 0, maxLength: 5 }), { maxLength: 40 }),
  goodRows: fc.integer({ min: 0, max: 30 }),
  ending: fc.constantFrom('\n', '\r\n', '\r'),
  bom: fc.boolean(),
  blankLines: fc.boolean(),
  invalidUtf8At: fc.option(fc.nat(), { nil: null }),
  gzip: fc.boolean(),
});

type CsvSpec = typeof csvFile extends fc.Arbitrary<infer T> ? T : never;

function csvBytes(spec: CsvSpec): Buffer {
  const lines: string[] = [spec.header.join(',')];
  const labelAt = spec.header.indexOf('label');
  const textAt = spec.header.indexOf('text');
  for (let i = 0; i < spec.goodRows; i++) {
    const row = spec.header.map((name) => (name === 'id' ? String(500 + i) : name === 'extra' ? 'x' : ''));
    if (textAt >= 0) row[textAt] = `"Отзыв, номер ${i}"`;
    if (labelAt >= 0) row[labelAt] = i % 2 ? '1' : '0';
    lines.push(row.join(','));
  }
  for (const row of spec.rows) lines.push(row.join(','));
  if (spec.blankLines) lines.splice(Math.min(2, lines.length), 0, '', '');
  let bytes = Buffer.from((spec.bom ? '\ufeff' : '') + lines.join(spec.ending) + spec.ending, 'utf8');
  if (spec.invalidUtf8At !== null && bytes.length > 0) {
    const at = spec.invalidUtf8At % bytes.length;
    bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([0xcf, 0xeb]), bytes.subarray(at)]);
  }
  return bytes;
}

/** The 1-based line (CRLF, LF and a lone CR each end one) of the first bytes that are not UTF-8; no sequence spans them. */
function firstInvalidLine(bytes: Buffer): number | null {
  let line = 1;
  let start = 0;
  while (start <= bytes.length) {
    let end = start;
    while (end < bytes.length && bytes[end] !== 10 && bytes[end] !== 13) end++;
    if (!isUtf8(bytes.subarray(start, end))) return line;
    if (end >= bytes.length) return null;
    line++;
    start = bytes[end] === 13 && bytes[end + 1] === 10 ? end + 2 : end + 1;
  }
  return null;
}

describe('importing hostile CSV files', () => {
  it('reads or refuses by field; bytes that are not UTF-8 are refused at their line', async () => {
    await check(
      fc.asyncProperty(csvFile, async (spec) => {
        const bytes = csvBytes(spec);
        const file = tempFile(spec.gzip ? 'reviews.csv.gz' : 'reviews.csv', spec.gzip ? gzipSync(bytes) : bytes);
        const outcome = await attempt(file, {
          format: 'csv',
          compression: spec.gzip ? 'gzip' : null,
          columns: { text: 'text', label: 'label', id: spec.header.includes('id') ? 'id' : null },
          labelRule: 'custom:{"1":1,"0":0,"Good":1,"Bad":0}',
        });
        const badLine = firstInvalidLine(bytes);
        if (badLine !== null) {
          expect(outcome.ok, 'a CSV file that is not UTF-8 was imported').toBe(false);
          if (!outcome.ok) expect(outcome.error).toMatchObject({ field: 'source', message: expect.stringContaining(`not valid UTF-8 at line ${badLine}`) });
          return;
        }
        if (!outcome.ok) {
          if (!spec.header.includes('text') && spec.header.length > 0) expect(['columns.text', 'source']).toContain(outcome.error.field);
          return;
        }
        checkResult(outcome);
        const physicalLines = bytes.toString('utf8').split(/\r\n|\r|\n/).length;
        for (const entry of outcome.result.report.dropped) {
          for (const line of entry.lines) expect(line >= 1 && line <= physicalLines, `${entry.reason} at line ${line} of ${physicalLines}`).toBe(true);
        }
      }),
      SEED + 1,
    );
  });

  it('numbers lines as they are in a CRLF file with multi-line fields and an unclosed quote', async () => {
    // csv-parse counts a CRLF inside quotes as two lines; the report must name the lines a person sees.
    const file = tempFile('crlf.csv', ['text,label', '"a', 'b",1', '', '"c",0', '"",1', '"d",0', '"e",1', '"незакрытая', '', ''].join('\r\n'));
    const outcome = await attempt(file, { format: 'csv', columns: { text: 'text', label: 'label', id: null }, labelRule: 'custom:{"1":1,"0":0}', split: { seed: 1, trainFraction: 0.5, validationFraction: 0, testFraction: 0.5 } });
    expect(outcome.ok, outcome.ok ? '' : outcome.error.message).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.result.report).toMatchObject({ rowsRead: 6, rowsKept: 4 });
    expect(dropped(outcome.result, 'emptyText').lines).toEqual([6]);
    expect(dropped(outcome.result, 'malformedLine').lines).toEqual([9]);
  });

  it('finds a non-UTF-8 byte at a 1 MB chunk boundary on the right line', async () => {
    const line = `"${'а'.repeat(1000)}",1\n`; // 2,006 bytes
    for (const offset of [-1, 0, 1, 2]) {
      const body = Buffer.from(`text,label\n${line.repeat(600)}`);
      const at = (1 << 20) + offset;
      // Replace one byte inside a text field with a byte that cannot start or continue this sequence.
      const broken = Buffer.from(body);
      const lineStart = broken.lastIndexOf(10, at) + 1;
      const target = Math.max(at, lineStart + 1);
      broken[target] = 0xff;
      const expectedLine = broken.subarray(0, target).toString('latin1').split('\n').length;
      const outcome = await attempt(tempFile('boundary.csv', broken), { format: 'csv', columns: { text: 'text', label: 'label', id: null }, labelRule: 'custom:{"1":1,"0":0}' });
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.error.message).toContain(`not valid UTF-8 at line ${expectedLine}`);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// gzip garbage and Parquet.

describe('importing corrupt gzip and Parquet files', () => {
  let parquet: Buffer;

  beforeAll(async () => {
    const { parquetWriteBuffer } = await import('hyparquet-writer');
    const n = 40;
    parquet = Buffer.from(
      parquetWriteBuffer({
        columnData: [
          { name: 'text', data: Array.from({ length: n }, (_, i) => `Отзыв ${i}`), type: 'STRING' },
          { name: 'label', data: Array.from({ length: n }, (_, i) => i % 2), type: 'INT32' },
        ],
      }),
    );
  });

  it('refuses a Parquet file whose damaged page header sets the decoder spinning, within the deadline', async () => {
    // One byte of the label column's page header (found by this fuzzer): hyparquet then fills billions of values.
    const damaged = Buffer.from(parquet);
    damaged[283] = 186;
    const started = Date.now();
    const outcome = await attempt(tempFile('spinning.parquet', damaged), {
      format: 'parquet',
      columns: { text: 'text', label: 'label', id: null },
      labelRule: 'custom:{"1":1,"0":0}',
      decodeDeadlineMs: 1000,
    });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error).toMatchObject({ field: 'source', message: expect.stringMatching(/cannot read rows 1–40 of the Parquet file/) });
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('refuses damaged compressed and Parquet files by field, never with another error', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => JSON.stringify({ review_id: i, grade3: i % 2 ? 'Good' : 'Bad', content: `отзыв ${i}` })).join('\n');
    const gz = gzipSync(rows);
    await check(
      fc.asyncProperty(
        fc.constantFrom('gzip', 'parquet'),
        fc.oneof(
          fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
          fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
          fc.record({ kind: fc.constant('garbage' as const), bytes: fc.uint8Array({ maxLength: 300 }) }),
          fc.record({ kind: fc.constant('intact' as const) }),
        ),
        async (format, damage) => {
          const original = format === 'gzip' ? gz : parquet;
          let bytes = Buffer.from(original);
          if (damage.kind === 'truncate') bytes = bytes.subarray(0, damage.at % bytes.length);
          if (damage.kind === 'flip') bytes[damage.at % bytes.length] = damage.byte;
          if (damage.kind === 'garbage') bytes = Buffer.from(damage.bytes);
          const file = tempFile(format === 'gzip' ? 'reviews.jsonl.gz' : 'reviews.parquet', bytes);
          const outcome = await attempt(
            file,
            format === 'gzip'
              ? { compression: 'gzip' }
              : // A damaged page header can make the decoder spin: it gets 3 s here (30 s in the API) before the file is refused.
                { format: 'parquet', columns: { text: 'text', label: 'label', id: null }, labelRule: 'custom:{"1":1,"0":0}', decodeDeadlineMs: 3000 },
          );
          if (outcome.ok) checkResult(outcome);
          else if (damage.kind === 'intact') throw new Error(`an intact ${format} file was refused: ${outcome.error.message}`);
        },
      ),
      SEED + 2,
      150,
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// End to end: fixed hostile files through registerDataset on the running API.

const DATASET_COUNT = `query ($projectId: ID!) { datasets(projectId: $projectId) { id } }`;

describe(`registerDataset with hostile files on the running API (${databaseLabel})`, () => {
  let api: ApiProcess;
  let client: ApiClient;
  let projectId: string;

  beforeAll(async () => {
    api = await startApi({ env: { TUNELAB_RATE_LIMIT: '0' } });
    client = new ApiClient(api.url, api.adminToken);
    projectId = await seed(client).project();
  });
  afterAll(() => api?.stop());

  const good = (i: number) => JSON.stringify({ review_id: i, grade3: i % 2 ? 'Good' : 'Bad', content: `отзыв ${i}` });
  const cases: [string, () => string, Record<string, unknown>, string, RegExp][] = [
    ['an empty JSONL file', () => tempFile('empty.jsonl', ''), {}, 'input.source', /has no rows/],
    ['a CSV with only its header', () => tempFile('header.csv', 'text,label\n'), { columns: { text: 'text', label: 'label' } }, 'input.source', /has no rows/],
    ['a CSV in Windows-1251', () => tempFile('cp1251.csv', Buffer.concat([Buffer.from('text,label\n'), Buffer.from([0xcf, 0xeb, 0xee, 0xf5, 0xee]), Buffer.from(',0\n')])), { columns: { text: 'text', label: 'label' } }, 'input.source', /not valid UTF-8 at line 2/],
    ['a CSV missing the label column', () => tempFile('nolabel.csv', 'text,score\nхорошо,1\n'), { columns: { text: 'text', label: 'label' } }, 'input.columns.label', /no column "label"/],
    ['gzip garbage', () => tempFile('garbage.jsonl.gz', Buffer.from('this is not gzip at all')), {}, 'input.source', /not a valid gzip file/],
    ['garbage named .parquet', () => tempFile('garbage.parquet', Buffer.from('PAR1 not really')), { columns: { text: 'text', label: 'label' } }, 'input.source', /not a readable Parquet file/],
    ['JSONL where every line is broken', () => tempFile('broken.jsonl', Buffer.concat([Buffer.from('{"content": "x"\n[1,2]\n'), Buffer.from([0xff, 0xfe, 0x0a])])), {}, 'input.source', /no row could be read.*lines 1, 2.*Line 1/s],
    ['a directory', () => tempRoot, { format: 'JSONL' }, 'input.source', /is not a file/],
  ];

  it.each(cases)('refuses %s with BAD_USER_INPUT naming the field, storing nothing', async (_label, makeFile, input, field, message) => {
    const before = (await client.request(DATASET_COUNT, { projectId })).datasets.length;
    const files = leftovers(api.dataDir);
    const response = await client.raw(REGISTER_DATASET, { input: { projectId, name: `hostile ${_label}`, source: makeFile(), ...input } });
    const error = response.errors?.[0];
    expect(error?.extensions?.code, JSON.stringify(response).slice(0, 500)).toBe('BAD_USER_INPUT');
    expect(error?.extensions?.field).toBe(field);
    expect(error?.message).toMatch(message);
    expect((await client.request(DATASET_COUNT, { projectId })).datasets.length).toBe(before);
    expect(leftovers(api.dataDir)).toEqual(files);
  });

  it('quotes raw labels from the file in the report as text every database stores (no NUL, no half surrogate pair)', async () => {
    const odd = ['\ud800', 'bad\udfff', 'a\u0000b', `${'x'.repeat(99)}🤖`, '\u202eGood'];
    const lines = [
      ...Array.from({ length: 10 }, (_, i) => good(100 + i)),
      ...odd.map((grade3, i) => JSON.stringify({ review_id: 200 + i, grade3, content: `странная оценка ${i}` })),
    ];
    const response = await client.raw(`mutation ($input: RegisterDatasetInput!) { registerDataset(input: $input) { id quality { unusableLabels { value count } } } }`, {
      input: { projectId, name: 'odd labels', source: tempFile('odd-labels.jsonl', lines.join('\n')) },
    });
    expect(response.errors, JSON.stringify(response.errors)?.slice(0, 500)).toBeUndefined();
    const values: string[] = response.data!.registerDataset.quality.unusableLabels.map((entry: { value: string }) => entry.value);
    expect(values).toHaveLength(odd.length);
    for (const value of values) {
      expect(Array.from(value).length).toBeLessThanOrEqual(100);
      expect(/\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value), JSON.stringify(value)).toBe(false);
    }
  });

  it('imports Parquet through the decoder thread of the built API', async () => {
    const { parquetWriteBuffer } = await import('hyparquet-writer');
    const n = 30;
    const file = tempFile(
      'reviews.parquet',
      Buffer.from(
        parquetWriteBuffer({
          columnData: [
            { name: 'text', data: Array.from({ length: n }, (_, i) => `Отзыв ${i}`), type: 'STRING' },
            { name: 'label', data: Array.from({ length: n }, (_, i) => i % 2), type: 'INT32' },
          ],
        }),
      ),
    );
    const data = await client.request(`mutation ($input: RegisterDatasetInput!) { registerDataset(input: $input) { quality { rowsRead rowsKept } } }`, {
      input: { projectId, name: 'parquet', source: file, columns: { text: 'text', label: 'label' }, labelRule: 'custom:{"1":1,"0":0}' },
    });
    expect(data.registerDataset.quality).toEqual({ rowsRead: n, rowsKept: n });
  });

  it('imports a BOM + CRLF file with broken lines, reporting each one by line', async () => {
    const lines = [good(1), good(2), '{"content": broken', good(3), '', good(4), '[]', good(5), good(6), good(7), good(8), good(9), good(10)];
    const file = tempFile('mixed.jsonl', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n')), Buffer.from('\r\n'), Buffer.from([0xc0, 0x80]), Buffer.from('\r\n')]));
    const data = await client.request(`mutation ($input: RegisterDatasetInput!) { registerDataset(input: $input) { id quality { rowsRead rowsKept rowsDropped dropped { reason count lines } } } }`, {
      input: { projectId, name: 'hostile but usable', source: file },
    });
    const quality = data.registerDataset.quality;
    expect(quality).toMatchObject({ rowsRead: 13, rowsKept: 10, rowsDropped: 3 });
    expect(quality.dropped.find((entry: { reason: string }) => entry.reason === 'malformedLine')).toMatchObject({ count: 2, lines: [3, 7] });
    expect(quality.dropped.find((entry: { reason: string }) => entry.reason === 'invalidUtf8')).toMatchObject({ count: 1, lines: [14] });
    const health = await fetch(api.url.replace(/\/graphql$/, '/healthz'));
    expect(health.status).toBe(200);
  });
});
