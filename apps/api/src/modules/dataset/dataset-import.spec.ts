import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { DEFAULT_SPLIT, type DatasetSplit, generateSyntheticReviews, syntheticReviewLine } from '@tunelab/core';
import { describe, expect, it } from 'vitest';
import { DatasetImportError } from './dataset.errors';
import { importDataset, type ImportRequest, type ImportResult } from './dataset-import';

const FIXTURE = path.resolve(__dirname, '../../../test/fixtures/kinopoisk-tricky.jsonl');
const KINOPOISK = { text: 'content', label: 'grade3', id: 'review_id' };

const tempDir = (prefix = 'tunelab-import-') => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

function request(file: string, overrides: Partial<ImportRequest> = {}): ImportRequest {
  return { file, format: 'jsonl', compression: null, columns: KINOPOISK, labelRule: 'grade3', textRule: null, split: { ...DEFAULT_SPLIT }, dataDir: tempDir(), parallelism: 0, ...overrides };
}

const run = (file: string, overrides: Partial<ImportRequest> = {}) => importDataset(request(file, overrides), fs.statSync(file).size);

async function failure(file: string, overrides: Partial<ImportRequest> = {}): Promise<{ error: DatasetImportError; dataDir: string }> {
  const req = request(file, overrides);
  const error = await importDataset(req, fs.statSync(file).size).then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof DatasetImportError)) throw new Error(`expected a DatasetImportError, got ${String(error)}`);
  return { error, dataDir: req.dataDir };
}

/** Whatever the import left under <dataDir>/datasets. */
function leftovers(dataDir: string): string[] {
  const root = path.join(dataDir, 'datasets');
  return fs.existsSync(root) ? fs.readdirSync(root) : [];
}

const readSplit = (dataDir: string, result: ImportResult, name: string) => fs.readFileSync(path.join(dataDir, result.splits.find((split) => split.name === name)!.file), 'utf8');
const rowsOf = (text: string) => text.trim().split('\n').map((line) => JSON.parse(line) as { id: string; text: string; label: number });

function syntheticFile(n: number, seed = 1, options: { labelNoise?: number } = {}): string {
  const file = path.join(tempDir('tunelab-synth-'), 'reviews.jsonl');
  fs.writeFileSync(file, [...generateSyntheticReviews({ n, seed, ...options })].map(syntheticReviewLine).join(''));
  return file;
}

const reasons = (result: ImportResult) => Object.fromEntries(result.report.dropped.map((entry) => [entry.reason, entry.lines]));

describe('importing the tricky Kinopoisk fixture', () => {
  it('produces exactly this report with grade3', async () => {
    const req = request(FIXTURE);
    const result = await importDataset(req, fs.statSync(FIXTURE).size);
    expect(result.report).toEqual({
      version: 1,
      synthetic: false,
      labelRule: 'grade3',
      textRule: null,
      rowsRead: 19,
      rowsKept: 9,
      keptPerLabel: [
        { label: 0, count: 4 },
        { label: 1, count: 5 },
      ],
      rowsDropped: 10,
      dropped: [
        { reason: 'malformedLine', count: 2, lines: [6, 14] },
        { reason: 'invalidUtf8', count: 1, lines: [8] },
        { reason: 'emptyText', count: 2, lines: [5, 10] },
        { reason: 'neutral', count: 2, lines: [4, 17] },
        { reason: 'missingOrInvalidGrade', count: 1, lines: [18] },
        { reason: 'unmappedLabel', count: 0, lines: [] },
        { reason: 'duplicateId', count: 1, lines: [7] },
        { reason: 'duplicateText', count: 1, lines: [13] },
      ],
      unusableLabels: [{ value: 'Excellent', count: 1 }],
      gradeAgreement: { threshold: 6, compared: 10, disagreements: 2, share: 0.2, goodBelowThreshold: 1, badAtOrAboveThreshold: 1, lines: [11, 12] },
      scoreMentions: { rows: 4, share: 0.444444, stripped: false },
      textLength: {
        unit: 'characters',
        min: 40,
        max: 89,
        mean: 59,
        p50: 59,
        p90: 89,
        p95: 89,
        p99: 89,
        histogram: [
          { from: 0, to: 100, count: 9 },
          { from: 100, to: 250, count: 0 },
          { from: 250, to: 500, count: 0 },
          { from: 500, to: 1000, count: 0 },
          { from: 1000, to: 2000, count: 0 },
          { from: 2000, to: 4000, count: 0 },
          { from: 4000, to: 8000, count: 0 },
          { from: 8000, to: null, count: 0 },
        ],
      },
      tokenLength: null,
      majorityClass: { label: 1, accuracy: 0.555556, testAccuracy: 0.5 },
      splits: [
        { name: 'train', rows: 7, labels: [{ label: 0, count: 3 }, { label: 1, count: 4 }] },
        { name: 'test', rows: 2, labels: [{ label: 0, count: 1 }, { label: 1, count: 1 }] },
      ],
    });
    expect(result.splits.map((split) => [split.name, split.file, split.rows])).toEqual([
      ['train', `datasets/${result.fingerprint}/train.jsonl`, 7],
      ['test', `datasets/${result.fingerprint}/test.jsonl`, 2],
    ]);
    expect(readSplit(req.dataDir, result, 'test')).toBe(
      '{"id":"102","text":"Скучно, затянуто и предсказуемо. Зря потраченный вечер. 2/10","label":0}\n' +
        '{"id":"103","text":"Очень тёплое и доброе кино, пересматриваю каждый Новый год.","label":1}\n',
    );
    expect(rowsOf(readSplit(req.dataDir, result, 'train')).map((row) => row.id)).toEqual(['101', '111', '112', '115', '116', '119', '120']);
    // The Good review with grade10 "0.0" is kept as positive by grade3.
    expect(rowsOf(readSplit(req.dataDir, result, 'test')).find((row) => row.id === '103')?.label).toBe(1);
    expect(result.source).toEqual({ bytes: fs.statSync(FIXTURE).size, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), fields: expect.arrayContaining(['content', 'grade3']) });
  });

  it('with grade10>=7 drops rows without a 1–10 grade (the Good review with "0.0" too) instead of calling them negative', async () => {
    const result = await run(FIXTURE, { labelRule: 'grade10>=7', columns: { ...KINOPOISK, label: 'grade10' } });
    expect(reasons(result)).toMatchObject({ neutral: [], missingOrInvalidGrade: [3, 4, 16], emptyText: [5, 10] });
    expect(result.report.unusableLabels).toEqual([
      { value: '(missing)', count: 2 },
      { value: '0.0', count: 1 },
    ]);
    expect(result.report.keptPerLabel).toEqual([
      { label: 0, count: 4 },
      { label: 1, count: 5 },
    ]);
    expect(result.report.gradeAgreement).toMatchObject({ threshold: 7, compared: 10, disagreements: 2 });
  });

  it('with strip-score-mentions removes the scores, and texts that differed only in their score become duplicates', async () => {
    const req = request(FIXTURE, { textRule: 'strip-score-mentions' });
    const result = await importDataset(req, fs.statSync(FIXTURE).size);
    expect(reasons(result).duplicateText).toEqual([13, 20]);
    expect(result.report.scoreMentions).toEqual({ rows: 3, share: 0.375, stripped: true });
    const texts = [...rowsOf(readSplit(req.dataDir, result, 'train')), ...rowsOf(readSplit(req.dataDir, result, 'test'))].map((row) => row.text);
    expect(texts).toContain('Потрясающий фильм, актёры играют великолепно, сюжет держит до последней минуты.');
    expect(texts).toContain('Красивая картинка не спасает пустой сценарий.');
    expect(texts).toContain('Один из 10 лучших фильмов года. Смотрите обязательно.');
    expect(texts.join('\n')).not.toMatch(/из 10$|\/10|Оценка/m);
  });

  it('reads a copy with a byte-order mark to the same fingerprint and report', async () => {
    const file = path.join(tempDir(), 'bom.jsonl');
    fs.writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fs.readFileSync(FIXTURE)]));
    const plain = await run(FIXTURE);
    const bom = await run(file);
    expect(bom.fingerprint).toBe(plain.fingerprint);
    expect(bom.report).toEqual(plain.report);
  });

  it('reads a gzipped copy to the same fingerprint', async () => {
    const dir = tempDir();
    const gz = path.join(dir, 'kinopoisk.jsonl.gz');
    fs.writeFileSync(gz, gzipSync(fs.readFileSync(FIXTURE)));
    const plain = await run(FIXTURE);
    const zipped = await run(gz, { compression: 'gzip' });
    expect(zipped.fingerprint).toBe(plain.fingerprint);
    expect(zipped.source.bytes).toBe(fs.statSync(gz).size);
  });
});

describe('splits and fingerprints', () => {
  const synthetic = syntheticFile(3000, 4);

  it('stratifies: every class within one row of its exact share in every split', async () => {
    const split: DatasetSplit = { seed: 7, trainFraction: 0.7, validationFraction: 0.1, testFraction: 0.2 };
    const result = await run(synthetic, { split });
    const kept = result.report.keptPerLabel;
    for (const entry of result.splits) {
      const fraction = split[`${entry.name}Fraction` as const];
      for (const { label, count } of entry.labels) expect(Math.abs(count - kept[label]!.count * fraction), `${entry.name}/${label}`).toBeLessThanOrEqual(1);
    }
  });

  it('gives the same fingerprint and byte-identical files for the same inputs, and disjoint splits', async () => {
    const first = request(synthetic);
    const second = request(synthetic);
    const a = await importDataset(first, fs.statSync(synthetic).size);
    const b = await importDataset(second, fs.statSync(synthetic).size);
    expect(b.fingerprint).toBe(a.fingerprint);
    for (const name of ['train', 'test', 'manifest.json']) {
      const file = name.endsWith('.json') ? path.join('datasets', a.fingerprint, name) : a.splits.find((split) => split.name === name)!.file;
      expect(fs.readFileSync(path.join(second.dataDir, file)).equals(fs.readFileSync(path.join(first.dataDir, file))), name).toBe(true);
    }
    const train = new Set(rowsOf(readSplit(first.dataDir, a, 'train')).map((row) => row.id));
    const test = rowsOf(readSplit(first.dataDir, a, 'test')).map((row) => row.id);
    expect(test.some((id) => train.has(id))).toBe(false);
    expect(train.size + test.length).toBe(a.report.rowsKept);
  });

  it('materialises a fingerprint once: a second identical import reuses the files', async () => {
    const dataDir = tempDir();
    const a = await run(synthetic, { dataDir });
    const mtime = fs.statSync(path.join(dataDir, a.splits[0]!.file)).mtimeMs;
    const b = await run(synthetic, { dataDir });
    expect([a.created, b.created]).toEqual([true, false]);
    expect(fs.statSync(path.join(dataDir, b.splits[0]!.file)).mtimeMs).toBe(mtime);
    expect(leftovers(dataDir)).toEqual([a.fingerprint]);
  });

  it('changes the fingerprint with the data, the seed, the fractions and the rules', async () => {
    const base = (await run(synthetic)).fingerprint;
    const variants = await Promise.all([
      run(syntheticFile(3000, 5)),
      run(synthetic, { split: { ...DEFAULT_SPLIT, seed: 43 } }),
      run(synthetic, { split: { ...DEFAULT_SPLIT, trainFraction: 0.75, testFraction: 0.25 } }),
      run(synthetic, { labelRule: 'grade10>=7', columns: { ...KINOPOISK, label: 'grade10' } }),
      run(synthetic, { textRule: 'strip-score-mentions' }),
    ]);
    const fingerprints = variants.map((result) => result.fingerprint);
    expect(new Set([base, ...fingerprints]).size).toBe(6);
  });

  it('carves validation out of train: the test file stays byte-identical', async () => {
    const without = await run(synthetic);
    const withValidation = await run(synthetic, { split: { seed: 42, trainFraction: 0.7, validationFraction: 0.1, testFraction: 0.2 } });
    const sha = (result: ImportResult, name: string) => result.splits.find((split) => split.name === name)?.sha256;
    expect(sha(withValidation, 'test')).toBe(sha(without, 'test'));
    expect(withValidation.splits.map((split) => split.name)).toEqual(['train', 'validation', 'test']);
    expect(without.splits.map((split) => split.name)).toEqual(['train', 'test']);
  });

  it('marks synthetic data in the report', async () => {
    expect((await run(synthetic)).report.synthetic).toBe(true);
  });
});

describe('CSV and Parquet with a column mapping', () => {
  it('reads CSV with quoting and multi-line fields, mapping labels with a custom rule', async () => {
    const file = path.join(tempDir(), 'reviews.csv');
    fs.writeFileSync(
      file,
      '\ufeffid,review,sentiment\n' +
        '1,"Отличный фильм, смотреть всем",positive\n' +
        '2,"Скучно.\nОчень скучно.",negative\n' +
        '3,"Нормально, ""на один раз""",neutral\n' +
        '4,,positive\n' +
        '5,"Шедевр",positive\n' +
        '6,"Провал",negative\n',
    );
    const req = request(file, { format: 'csv', columns: { text: 'review', label: 'sentiment', id: 'id' }, labelRule: 'custom:{"positive":1,"negative":0}', split: { seed: 1, trainFraction: 0.5, validationFraction: 0, testFraction: 0.5 } });
    const result = await importDataset(req, fs.statSync(file).size);
    expect(result.report).toMatchObject({ rowsRead: 6, rowsKept: 4, gradeAgreement: null, unusableLabels: [{ value: 'neutral', count: 1 }] });
    expect(reasons(result)).toMatchObject({ unmappedLabel: [5], emptyText: [6] });
    const rows = [...rowsOf(readSplit(req.dataDir, result, 'train')), ...rowsOf(readSplit(req.dataDir, result, 'test'))].sort((a, b) => a.id.localeCompare(b.id));
    expect(rows).toEqual([
      { id: '1', text: 'Отличный фильм, смотреть всем', label: 1 },
      { id: '2', text: 'Скучно.\nОчень скучно.', label: 0 },
      { id: '5', text: 'Шедевр', label: 1 },
      { id: '6', text: 'Провал', label: 0 },
    ]);
  });

  it('keeps quotes inside unquoted fields and counts a record it cannot parse as one malformed line', async () => {
    const file = path.join(tempDir(), 'messy.csv');
    fs.writeFileSync(file, 'text,label\n"хорошо",1\nплохо "с кавычкой" внутри,0\n"ещё хорошо",1\n"плохо",0\n"незакрытая,1\n');
    const req = request(file, { format: 'csv', columns: { text: 'text', label: 'label', id: null }, labelRule: 'custom:{"1":1,"0":0}', split: { seed: 1, trainFraction: 0.5, validationFraction: 0, testFraction: 0.5 } });
    const result = await importDataset(req, fs.statSync(file).size);
    expect(result.report).toMatchObject({ rowsRead: 5, rowsKept: 4 });
    expect(reasons(result).malformedLine).toEqual([6]);
    const texts = [...rowsOf(readSplit(req.dataDir, result, 'train')), ...rowsOf(readSplit(req.dataDir, result, 'test'))].map((row) => row.text);
    expect(texts).toContain('плохо "с кавычкой" внутри');
  });

  it('names a missing CSV column and refuses bytes that are not UTF-8, leaving nothing behind', async () => {
    const file = path.join(tempDir(), 'reviews.csv');
    fs.writeFileSync(file, 'text,label\nхорошо,1\n');
    const missing = await failure(file, { format: 'csv', columns: { text: 'review', label: 'label', id: null } });
    expect(missing.error.field).toBe('columns.text');
    expect(missing.error.message).toBe('the CSV header has no column "review"; its columns are "text", "label"');
    expect(leftovers(missing.dataDir)).toEqual([]);

    fs.writeFileSync(file, Buffer.concat([Buffer.from('text,label\nхорошо,1\n'), Buffer.from('Плохо', 'latin1'), Buffer.from([0xcf, 0xeb]), Buffer.from(',0\n')]));
    const latin = await failure(file, { format: 'csv', columns: { text: 'text', label: 'label', id: null }, labelRule: 'custom:{"1":1,"0":0}' });
    expect(latin.error).toMatchObject({ field: 'source', message: expect.stringContaining('not valid UTF-8 at line 3') });
    expect(leftovers(latin.dataDir)).toEqual([]);
  });

  it('reads Parquet columns, numbering rows from 1', async () => {
    const { parquetWriteFile } = await import('hyparquet-writer');
    const file = path.join(tempDir(), 'reviews.parquet');
    parquetWriteFile({
      filename: file,
      columnData: [
        { name: 'text', data: ['Хороший фильм', 'Плохой фильм', '', 'Так себе', 'Отлично'], type: 'STRING' },
        { name: 'label', data: [1, 0, 1, 2, 1], type: 'INT32' },
      ],
    });
    const req = request(file, { format: 'parquet', columns: { text: 'text', label: 'label', id: null }, labelRule: 'custom:{"1":1,"0":0}', split: { seed: 1, trainFraction: 0.5, validationFraction: 0, testFraction: 0.5 } });
    const result = await importDataset(req, fs.statSync(file).size);
    expect(result.report).toMatchObject({ rowsRead: 5, rowsKept: 3 });
    expect(reasons(result)).toMatchObject({ emptyText: [3], unmappedLabel: [4] });
    const ids = [...rowsOf(readSplit(req.dataDir, result, 'train')), ...rowsOf(readSplit(req.dataDir, result, 'test'))].map((row) => row.id).sort();
    expect(ids).toEqual(['line-1', 'line-2', 'line-5']);

    const missing = await failure(file, { format: 'parquet', columns: { text: 'review', label: 'label', id: null }, labelRule: 'custom:{"1":1}' });
    expect(missing.error).toMatchObject({ field: 'columns.text', message: 'the Parquet file has no column "review"; its columns are "text", "label"' });
  });
});

describe('bad input: a clear error naming the field, and nothing written', () => {
  const write = (name: string, content: string | Buffer) => {
    const file = path.join(tempDir(), name);
    fs.writeFileSync(file, content);
    return file;
  };
  const good = (id: number, text: string, grade3 = 'Good') => JSON.stringify({ review_id: id, grade3, content: text });

  it.each([
    ['an empty file', () => write('empty.jsonl', ''), {}, 'source', /has no rows/],
    ['a file where no line is JSON', () => write('x.jsonl', 'id,text\n1,hello\n'), {}, 'source', /no row could be read: of 2 rows read, 2 malformed \(lines 1, 2\)\. Line 1: not valid JSON/],
    ['a text column no row has', () => write('x.jsonl', `${good(1, 'a')}\n${good(2, 'b', 'Bad')}\n`), { columns: { ...KINOPOISK, text: 'review' } }, 'columns.text', /no row has the text column "review"; its rows have "review_id", "grade3", "content"; set columns.text/],
    ['a label column no row has', () => write('x.jsonl', `${good(1, 'a')}\n${good(2, 'b', 'Bad')}\n`), { columns: { ...KINOPOISK, label: 'sentiment' } }, 'columns.label', /no row has the label column "sentiment"/],
    ['one class only', () => write('x.jsonl', `${good(1, 'a')}\n${good(2, 'b')}\n${good(3, 'c', 'Neutral')}\n`), {}, 'labelRule', /keeps only label 1 \(2 rows; of 3 rows read, 1 neutral\); a classifier needs both labels/],
    ['a rule that keeps no rows', () => write('x.jsonl', `${good(1, 'a', 'pos')}\n${good(2, 'b', 'neg')}\n`), {}, 'labelRule', /keeps no rows: of 2 rows read, 2 missing or invalid grade\. Column "grade3" holds values such as "neg", "pos"; map them to 1 \(positive\) and 0 \(negative\) with a custom rule: custom:\{"neg":…,"pos":…\}/],
    ['too few rows for the test split', () => write('x.jsonl', `${good(1, 'a')}\n${good(2, 'b', 'Bad')}\n`), {}, 'split', /the test split would be empty/],
    ['a broken gzip file', () => write('x.jsonl.gz', 'not gzip'), { compression: 'gzip' as const }, 'source', /not a valid gzip file/],
  ])('refuses %s', async (_label, makeFile, overrides, field, message) => {
    const { error, dataDir } = await failure(makeFile(), overrides as Partial<ImportRequest>);
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
    expect(leftovers(dataDir)).toEqual([]);
  });
});
