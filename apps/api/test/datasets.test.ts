import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_SPLIT, generateSyntheticReviews, syntheticReviewLine } from '@tunelab/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDataset } from '../src/modules/dataset/dataset-import';
import { startApi, type ApiProcess } from './kit/api-process';
import { ApiClient } from './kit/client';
import { databaseLabel } from './kit/databases';
import { CREATE_STUDY, DATASET_FIELDS, REGISTER_DATASET } from './kit/documents';
import { seed, THREE_METHODS } from './kit/seed';

const FIXTURE = path.resolve(__dirname, 'fixtures/kinopoisk-tricky.jsonl');
const QUALITY = `query ($id: ID!) { dataset(id: $id) { quality {
  synthetic labelRule textRule rowsRead rowsKept rowsDropped keptPerLabel { label count }
  dropped { reason description count lines } unusableLabels { value count }
  gradeAgreement { threshold compared disagreements share goodBelowThreshold badAtOrAboveThreshold lines }
  scoreMentions { rows share stripped } textLength { unit min max mean p50 p90 p95 p99 histogram { from to count } } tokenLength { min }
  majorityClass { label accuracy testAccuracy } splits { name rows labels { label count } } } } }`;
const DATASETS = `query ($projectId: ID!) { datasets(projectId: $projectId) { id name } }`;

const tempDir = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));
const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

function syntheticFile(n: number, seedValue: number): string {
  const file = path.join(tempDir('tunelab-synth-'), 'synthetic-reviews.jsonl');
  fs.writeFileSync(file, [...generateSyntheticReviews({ n, seed: seedValue })].map(syntheticReviewLine).join(''));
  return file;
}

/** The data dir's datasets folder: committed fingerprints only, never a staging folder. */
const datasetDirs = (api: ApiProcess) => {
  const root = path.join(api.dataDir, 'datasets');
  return fs.existsSync(root) ? fs.readdirSync(root).sort() : [];
};

describe(`registerDataset: import, quality report, fingerprinted splits (${databaseLabel})`, () => {
  let api: ApiProcess;
  let client: ApiClient;
  let projectId: string;
  let hfHome: string;

  beforeAll(async () => {
    hfHome = tempDir('tunelab-hf-home-');
    const cached = path.join(hfHome, 'hub/datasets--blinoff--kinopoisk/snapshots/0123abcd/kinopoisk.jsonl');
    fs.mkdirSync(path.dirname(cached), { recursive: true });
    fs.copyFileSync(FIXTURE, cached);
    api = await startApi({ env: { HF_HOME: hfHome, HF_HUB_OFFLINE: '1' } });
    client = new ApiClient(api.url, api.adminToken);
    projectId = await seed(client).project();
  });
  afterAll(() => api?.stop());

  const register = (input: Record<string, unknown>) => client.request(REGISTER_DATASET, { input: { projectId, ...input } }).then((data) => data.registerDataset);

  it('imports the tricky Kinopoisk fixture: the exact report, and split files the trainer can fetch', async () => {
    const dataset = await register({ name: 'tricky', source: FIXTURE });
    expect(dataset).toMatchObject({
      format: 'JSONL',
      labelRule: 'grade3',
      textRule: null,
      synthetic: false,
      imported: true,
      columns: { text: 'content', label: 'grade3', id: 'review_id' },
      rowCounts: { train: 7, test: 2, dropped: 10 },
      sourceBytes: fs.statSync(FIXTURE).size,
      sourceSha256: sha256(FIXTURE),
      split: { seed: 42, trainFraction: 0.8, validationFraction: 0, testFraction: 0.2 },
    });
    expect(dataset.fingerprint).toMatch(/^[0-9a-f]{64}$/);

    const { quality } = (await client.request(QUALITY, { id: dataset.id })).dataset;
    expect(quality.rowsRead).toBe(19);
    expect(quality.rowsKept).toBe(9);
    expect(quality.keptPerLabel).toEqual([
      { label: 0, count: 4 },
      { label: 1, count: 5 },
    ]);
    expect(quality.dropped.map(({ reason, count, lines }: { reason: string; count: number; lines: number[] }) => ({ reason, count, lines }))).toEqual([
      { reason: 'malformedLine', count: 2, lines: [6, 14] },
      { reason: 'invalidUtf8', count: 1, lines: [8] },
      { reason: 'emptyText', count: 2, lines: [5, 10] },
      { reason: 'neutral', count: 2, lines: [4, 17] },
      { reason: 'missingOrInvalidGrade', count: 1, lines: [18] },
      { reason: 'unmappedLabel', count: 0, lines: [] },
      { reason: 'duplicateId', count: 1, lines: [7] },
      { reason: 'duplicateText', count: 1, lines: [13] },
    ]);
    expect(quality.dropped[0].description).toMatch(/not a JSON object/);
    expect(quality.gradeAgreement).toEqual({ threshold: 6, compared: 10, disagreements: 2, share: 0.2, goodBelowThreshold: 1, badAtOrAboveThreshold: 1, lines: [11, 12] });
    expect(quality.scoreMentions).toEqual({ rows: 4, share: 0.444444, stripped: false });
    expect(quality.textLength).toMatchObject({ unit: 'characters', min: 40, max: 89, mean: 59, p50: 59 });
    expect(quality.tokenLength).toBeNull();
    expect(quality.majorityClass).toEqual({ label: 1, accuracy: 0.555556, testAccuracy: 0.5 });

    expect(dataset.splits.map((split: { name: string; rows: number }) => [split.name, split.rows])).toEqual([
      ['train', 7],
      ['test', 2],
    ]);
    const test = dataset.splits[1];
    expect(test.path).toBe(path.join(api.dataDir, 'datasets', dataset.fingerprint, 'test.jsonl'));
    expect(test.relativePath).toBe(`datasets/${dataset.fingerprint}/test.jsonl`);
    expect(sha256(test.path)).toBe(test.sha256);
    const expected =
      '{"id":"102","text":"Скучно, затянуто и предсказуемо. Зря потраченный вечер. 2/10","label":0}\n' +
      '{"id":"103","text":"Очень тёплое и доброе кино, пересматриваю каждый Новый год.","label":1}\n';
    expect(fs.readFileSync(test.path, 'utf8')).toBe(expected);
    const served = await fetch(api.url.replace(/\/graphql$/, `/datasets/${dataset.id}/splits/test.jsonl`), { headers: { authorization: `Bearer ${api.adminToken}` } });
    expect(await served.text()).toBe(expected);

    // The API parses in worker threads; the same import on this thread gives the same fingerprint.
    const inline = await importDataset(
      { file: FIXTURE, format: 'jsonl', compression: null, columns: dataset.columns, labelRule: 'grade3', textRule: null, split: { ...DEFAULT_SPLIT }, dataDir: tempDir('tunelab-inline-'), parallelism: 0 },
      fs.statSync(FIXTURE).size,
    );
    expect(inline.fingerprint).toBe(dataset.fingerprint);
  });

  it('imports a synthetic file: marked synthetic, every class within one row of its share in every split', async () => {
    const dataset = await register({ name: 'synthetic', source: syntheticFile(4000, 1), split: { seed: 7, trainFraction: 0.7, validationFraction: 0.1, testFraction: 0.2 } });
    expect(dataset.synthetic).toBe(true);
    const { quality } = (await client.request(QUALITY, { id: dataset.id })).dataset;
    expect(quality.synthetic).toBe(true);
    expect(quality.majorityClass.accuracy).toBeGreaterThan(0.8);
    const fractions: Record<string, number> = { train: 0.7, validation: 0.1, test: 0.2 };
    expect(dataset.splits.map((split: { name: string }) => split.name)).toEqual(['train', 'validation', 'test']);
    for (const split of dataset.splits as { name: string; path: string; labels: { label: number; count: number }[] }[]) {
      for (const { label, count } of split.labels) {
        const classSize = quality.keptPerLabel[label].count;
        expect(Math.abs(count - classSize * fractions[split.name]!), `${split.name}/${label}`).toBeLessThanOrEqual(1);
      }
      const lines = fs.readFileSync(split.path, 'utf8').trimEnd().split('\n');
      expect(Object.keys(JSON.parse(lines[0]!))).toEqual(['id', 'text', 'label']);
    }
  });

  it('is deterministic: registered twice, here or by another API with another data dir, the same fingerprint and byte-identical files', async () => {
    const source = syntheticFile(1500, 3);
    const first = await register({ name: 'det-1', source, textRule: 'strip-score-mentions' });
    const second = await register({ name: 'det-2', source, textRule: 'strip-score-mentions' });
    expect(second.fingerprint).toBe(first.fingerprint);
    expect(second.splits).toEqual(first.splits);

    const other = await startApi();
    try {
      const otherClient = new ApiClient(other.url, other.adminToken);
      const otherProject = await seed(otherClient).project();
      const elsewhere = (await otherClient.request(REGISTER_DATASET, { input: { projectId: otherProject, name: 'det-3', source, textRule: 'strip-score-mentions' } })).registerDataset;
      expect(elsewhere.fingerprint).toBe(first.fingerprint);
      for (const [index, split] of (first.splits as { path: string }[]).entries()) {
        expect(fs.readFileSync(elsewhere.splits[index].path).equals(fs.readFileSync(split.path))).toBe(true);
      }
    } finally {
      await other.stop();
    }
    const other3 = await register({ name: 'det-4', source, textRule: 'strip-score-mentions', split: { seed: 43 } });
    expect(other3.fingerprint).not.toBe(first.fingerprint);
  });

  it.each([
    ['a file that does not exist', { source: '/nonexistent/reviews.jsonl' }, 'input.source', /no file at \/nonexistent\/reviews\.jsonl/],
    ['an invalid label rule', { labelRule: 'grade10>=11' }, 'input.labelRule', /number from 1 to 10/],
    ['a format it cannot tell', { source: '/tmp/reviews.txt' }, 'input.format', /set format to jsonl, csv or parquet/],
    ['CSV without a column mapping', { source: '/tmp/reviews.csv' }, 'input.columns.text', /needs columns.text/],
    ['bad split fractions', { split: { trainFraction: 0.9 } }, 'input.split', /must sum to 1/],
    ['a text column no row has', { columns: { text: 'review' } }, 'input.columns.text', /no row has the text column "review"/],
    ['a rule that keeps one class only', { labelRule: 'custom:{"Good":1}' }, 'input.labelRule', /keeps only label 1/],
    ['a rule that keeps no rows', { labelRule: 'custom:{"pos":1,"neg":0}' }, 'input.labelRule', /keeps no rows: of 19 rows read/],
  ])('refuses %s with BAD_USER_INPUT naming the field, and writes nothing', async (_label, input, field, message) => {
    const before = { datasets: (await client.request(DATASETS, { projectId })).datasets, dirs: datasetDirs(api) };
    const error = await client.expectError(REGISTER_DATASET, { input: { projectId, name: 'refused', source: FIXTURE, ...input } });
    expect(error.code, error.message).toBe('BAD_USER_INPUT');
    expect(error.errors[0]!.extensions?.field).toBe(field);
    expect(error.message).toMatch(message);
    expect((await client.request(DATASETS, { projectId })).datasets).toEqual(before.datasets);
    expect(datasetDirs(api)).toEqual(before.dirs);
  });

  it('refuses a taken name with CONFLICT before importing anything', async () => {
    const dirs = datasetDirs(api);
    const error = await client.expectError(REGISTER_DATASET, { input: { projectId, name: 'tricky', source: syntheticFile(50, 9) } });
    expect(error.code).toBe('CONFLICT');
    expect(datasetDirs(api)).toEqual(dirs);
  });

  it('imports CSV with a column mapping and a custom label rule', async () => {
    const file = path.join(tempDir('tunelab-csv-'), 'reviews.csv');
    fs.writeFileSync(file, 'review,stars\n"Отлично, всем советую",5\n"Ужасно",1\n"Сойдёт",3\n"Великолепно",5\n"Плохо",1\n');
    const dataset = await register({ name: 'csv', source: file, columns: { text: 'review', label: 'stars' }, labelRule: 'custom:{"5":1,"1":0}', split: { trainFraction: 0.5, testFraction: 0.5 } });
    expect(dataset).toMatchObject({ format: 'CSV', columns: { text: 'review', label: 'stars', id: null }, rowCounts: { train: 2, test: 2, dropped: 1 } });
  });

  it('reads hf:// sources from the Hugging Face cache, and says where to put one that is not cached', async () => {
    const dataset = await register({ name: 'from-hub', source: 'hf://datasets/blinoff/kinopoisk/kinopoisk.jsonl' });
    expect(dataset.sourceSha256).toBe(sha256(FIXTURE));
    expect(dataset.rowCounts).toEqual({ train: 7, test: 2, dropped: 10 });

    const error = await client.expectError(REGISTER_DATASET, { input: { projectId, name: 'not-cached', source: 'hf://datasets/blinoff/kinopoisk/other.jsonl' } });
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.errors[0]!.extensions?.field).toBe('input.source');
    expect(error.message).toContain(`Put the file at ${path.join(hfHome, 'hub/datasets--blinoff--kinopoisk/snapshots/main/other.jsonl')}`);
  });

  it('backs a study, lists no imports when idle, and keeps createDataset for definitions without a source', async () => {
    const { id } = await seed(client).registeredDataset(projectId, FIXTURE);
    const study = await client.request(CREATE_STUDY, { input: { projectId, datasetId: id, name: 'on real splits', methods: THREE_METHODS, seeds: [1] } });
    expect(study.createStudy.runs).toHaveLength(3);
    expect((await client.request(`{ datasetImports { id } }`)).datasetImports).toEqual([]);
    const recorded = await seed(client).dataset(projectId);
    const view = (await client.request(`query ($id: ID!) { dataset(id: $id) { ${DATASET_FIELDS} quality { rowsRead } } }`, { id: recorded })).dataset;
    expect(view).toMatchObject({ imported: false, splits: [], quality: null, format: null, synthetic: false });
  });
});
