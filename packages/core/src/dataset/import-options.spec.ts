import { describe, expect, it } from 'vitest';
import { formatFromName, resolveImportOptions } from './import-options';
import { parseJsonObjectLine, recordFromObject } from './records';

describe('import options', () => {
  it('tells the format and compression from the file name', () => {
    expect(formatFromName('data/kinopoisk.jsonl')).toEqual({ format: 'jsonl', compression: null });
    expect(formatFromName('Reviews.JSONL.gz')).toEqual({ format: 'jsonl', compression: 'gzip' });
    expect(formatFromName('hf://datasets/a/b/train.parquet')).toEqual({ format: 'parquet', compression: null });
    expect(formatFromName('x.csv')).toEqual({ format: 'csv', compression: null });
    expect(formatFromName('x.txt')).toEqual({ format: null, compression: null });
  });

  it("defaults JSONL to Kinopoisk's columns, the label column following the rule", () => {
    expect(resolveImportOptions({ source: 'k.jsonl', labelRule: 'grade3' })).toEqual({
      ok: true,
      value: { format: 'jsonl', compression: null, columns: { text: 'content', label: 'grade3', id: 'review_id' } },
    });
    const grade10 = resolveImportOptions({ source: 'k.jsonl', labelRule: 'grade10>=7' });
    expect(grade10.ok && grade10.value.columns.label).toBe('grade10');
    const custom = resolveImportOptions({ source: 'k.jsonl', labelRule: 'custom:{"a":1}', columns: { text: ' review ', label: 'sentiment' } });
    expect(custom.ok && custom.value.columns).toEqual({ text: 'review', label: 'sentiment', id: 'review_id' });
  });

  it('needs the text and label columns for CSV and Parquet', () => {
    const missing = resolveImportOptions({ source: 'x.csv', labelRule: 'grade3' });
    expect(!missing.ok && missing.issues.map((issue) => issue.field)).toEqual(['columns.text', 'columns.label']);
    const given = resolveImportOptions({ source: 'x.bin', format: 'PARQUET', labelRule: 'grade3', columns: { text: 't', label: 'l' } });
    expect(given).toEqual({ ok: true, value: { format: 'parquet', compression: null, columns: { text: 't', label: 'l', id: null } } });
  });

  it('reports an unknown format, an unknown extension and bad column names', () => {
    const unknown = resolveImportOptions({ source: 'x.txt', labelRule: 'grade3' });
    expect(!unknown.ok && unknown.issues[0]).toMatchObject({ field: 'format', message: expect.stringContaining('set format to jsonl, csv or parquet') });
    const bad = resolveImportOptions({ source: 'x.csv', format: 'xml', labelRule: 'grade3', columns: { text: '  ', label: 'l' } });
    expect(!bad.ok && bad.issues.map((issue) => issue.field)).toEqual(['format', 'columns.text']);
    const gz = resolveImportOptions({ source: 'x.parquet.gz', labelRule: 'grade3', columns: { text: 't', label: 'l' } });
    expect(!gz.ok && gz.issues[0]?.field).toBe('source');
  });
});

describe('JSONL rows', () => {
  it('parses objects and says why other lines are not', () => {
    expect(parseJsonObjectLine('{"a":1}')).toEqual({ ok: true, object: { a: 1 } });
    expect(parseJsonObjectLine('[1]')).toEqual({ ok: false, problem: 'not a JSON object (got an array)' });
    expect(parseJsonObjectLine('null')).toEqual({ ok: false, problem: 'not a JSON object (got null)' });
    expect(parseJsonObjectLine('{"a":')).toMatchObject({ ok: false, problem: expect.stringMatching(/^not valid JSON/) });
  });

  it('picks the mapped columns and the Kinopoisk grades', () => {
    const row = { review_id: 7, content: 'text', grade3: 'Good', grade10: '', synthetic: true };
    expect(recordFromObject(row, 3, { text: 'content', label: 'grade3', id: 'review_id' })).toEqual({
      line: 3,
      id: 7,
      text: 'text',
      label: 'Good',
      grade3: 'Good',
      grade10: '',
      synthetic: true,
    });
    expect(recordFromObject({ t: 'x', l: 1 }, 1, { text: 't', label: 'l', id: null })).toEqual({ line: 1, id: undefined, text: 'x', label: 1 });
  });
});
