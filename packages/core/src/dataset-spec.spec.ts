import { describe, expect, it } from 'vitest';
import { type DatasetSpecInput, sourceProblem, validateDatasetSpec } from './dataset-spec';
import type { FieldIssue, Validated } from './validation';

function issuesOf<T>(result: Validated<T>): FieldIssue[] {
  if (result.ok) throw new Error(`expected issues, got ${JSON.stringify(result.value)}`);
  return result.issues;
}

function valueOf<T>(result: Validated<T>): T {
  if (!result.ok) throw new Error(`expected a value, got ${JSON.stringify(result.issues)}`);
  return result.value;
}

const minimal: DatasetSpecInput = { name: 'IMDB', source: 'hf://datasets/stanfordnlp/imdb/plain_text/train.parquet' };

function fieldsOf(input: Partial<DatasetSpecInput>): string[] {
  return issuesOf(validateDatasetSpec({ ...minimal, ...input })).map((issue) => issue.field);
}

describe('validateDatasetSpec', () => {
  it('fills defaults', () => {
    expect(valueOf(validateDatasetSpec(minimal))).toEqual({
      name: 'IMDB',
      source: 'hf://datasets/stanfordnlp/imdb/plain_text/train.parquet',
      labelRule: 'grade3',
      textRule: null,
      split: { seed: 42, trainFraction: 0.8, validationFraction: 0, testFraction: 0.2 },
    });
    expect(valueOf(validateDatasetSpec({ ...minimal, labelRule: null, textRule: null, split: null })).labelRule).toBe('grade3');
  });

  it('trims name, source and rules', () => {
    const spec = valueOf(
      validateDatasetSpec({ name: ' reviews ', source: ' data/reviews.csv ', labelRule: ' grade10>=7 ', textRule: ' strip-score-mentions ' }),
    );
    expect(spec).toMatchObject({ name: 'reviews', source: 'data/reviews.csv', labelRule: 'grade10>=7', textRule: 'strip-score-mentions' });
  });

  it('checks the name', () => {
    expect(fieldsOf({ name: '' })).toEqual(['name']);
    expect(fieldsOf({ name: 'n'.repeat(201) })).toEqual(['name']);
  });

  it('accepts local paths and well-formed Hub sources only', () => {
    for (const source of ['data/imdb.csv', '/abs/path/train.jsonl', './x.parquet', 'hf://datasets/a/b/c.csv', 'hf://datasets/a/b/dir/c.csv']) {
      expect(sourceProblem(source), source).toBeNull();
    }
    for (const source of ['', '   ', 'hf://datasets/a/b', 'hf://models/a/b/c', 'hf://datasets/a//c.csv', 'https://example.com/x.csv', 's3://bucket/x']) {
      expect(sourceProblem(source), source).toMatch(/^source .*; use a local path or hf:\/\/datasets\/<owner>\/<name>\/<file>/);
    }
    expect(fieldsOf({ source: '' })).toEqual(['source']);
  });

  it('checks labelRule and textRule', () => {
    expect(fieldsOf({ labelRule: 'grade10>=11' })).toEqual(['labelRule']);
    expect(fieldsOf({ labelRule: '' })).toEqual(['labelRule']);
    expect(validateDatasetSpec({ ...minimal, labelRule: 'custom:{"pos":1,"neg":0}' }).ok).toBe(true);
    expect(fieldsOf({ textRule: 'lowercase' })).toEqual(['textRule']);
    expect(issuesOf(validateDatasetSpec({ ...minimal, textRule: 'lowercase' }))[0]?.message).toBe(
      'textRule must be null or one of strip-score-mentions (got "lowercase"); omit it to keep the text as is',
    );
  });

  it('merges a partial split over the defaults', () => {
    expect(valueOf(validateDatasetSpec({ ...minimal, split: { seed: 7 } })).split).toEqual({
      seed: 7,
      trainFraction: 0.8,
      validationFraction: 0,
      testFraction: 0.2,
    });
    expect(valueOf(validateDatasetSpec({ ...minimal, split: { trainFraction: 0.7, validationFraction: 0.1 } })).split).toEqual({
      seed: 42,
      trainFraction: 0.7,
      validationFraction: 0.1,
      testFraction: 0.2,
    });
  });

  it('tolerates float rounding in the sum but not real mismatches', () => {
    expect(validateDatasetSpec({ ...minimal, split: { trainFraction: 0.6, validationFraction: 0.1, testFraction: 0.3 } }).ok).toBe(true);
    expect(issuesOf(validateDatasetSpec({ ...minimal, split: { trainFraction: 0.9 } }))).toEqual([
      { field: 'split', message: 'split fractions must sum to 1 (got 0.9 + 0 + 0.2 = 1.1); e.g. set testFraction to 0.1' },
    ]);
    expect(fieldsOf({ split: { trainFraction: 0.8, testFraction: 0.2 + 1e-6 } })).toEqual(['split']);
  });

  it('requires train and test to be non-empty but allows no validation set', () => {
    expect(fieldsOf({ split: { trainFraction: 0, testFraction: 1 } })).toEqual(['split.trainFraction']);
    expect(fieldsOf({ split: { trainFraction: 1, testFraction: 0 } })).toEqual(['split.testFraction']);
    expect(validateDatasetSpec({ ...minimal, split: { trainFraction: 0.5, validationFraction: 0, testFraction: 0.5 } }).ok).toBe(true);
  });

  it('checks each fraction range and the seed', () => {
    expect(fieldsOf({ split: { trainFraction: 1.2, validationFraction: -0.1, testFraction: Number.NaN, seed: -1 } })).toEqual([
      'split.seed',
      'split.trainFraction',
      'split.validationFraction',
      'split.testFraction',
    ]);
    expect(fieldsOf({ split: { seed: 1.5 } })).toEqual(['split.seed']);
  });

  it('reports every problem at once', () => {
    expect(
      issuesOf(validateDatasetSpec({ name: ' ', source: '', labelRule: 'x', textRule: 'y', split: { trainFraction: 2 } })).map(
        (issue) => issue.field,
      ),
    ).toEqual(['name', 'source', 'labelRule', 'textRule', 'split.trainFraction']);
  });
});
