import { generateSyntheticReviews, syntheticReviewLine } from '@tunelab/core';
import { describe, expect, it } from 'vitest';
import { JsonlBlockParser, ROW_KIND } from './jsonl-block';
import { decodeUtf8, encodeUtf8 } from './utf8';

describe('JSONL blocks', () => {
  it('decode and encode exactly like TextDecoder and Buffer.from (a BOM is kept: the reader strips the one of the file): Cyrillic, ASCII, emoji, other planes', () => {
    const samples = [
      [...generateSyntheticReviews({ n: 50, seed: 2 })].map(syntheticReviewLine).join(''),
      'plain ascii {"a":1}\n',
      'эмодзи 😀🎬 и 𝔘𝔫𝔦𝔠𝔬𝔡𝔢, ёЁ, «кавычки», \u2028, 中文\n',
      '\ufeff{"content":"с BOM"}\n',
    ];
    for (const sample of samples) {
      const bytes = Buffer.from(sample, 'utf8');
      expect(decodeUtf8(bytes)).toBe(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes));
      const long = sample.repeat(Math.ceil(5000 / sample.length));
      expect(encodeUtf8(long).equals(Buffer.from(long, 'utf8'))).toBe(true);
    }
  });

  it('number rows by physical line, skip blank lines, and mark malformed and non-UTF-8 lines', () => {
    const parser = new JsonlBlockParser({ columns: { text: 'content', label: 'grade3', id: 'review_id' }, labelRule: 'grade3', textRule: null, threshold: 6 });
    const block = Buffer.concat([
      Buffer.from('{"review_id":1,"grade3":"Good","content":"да"}\n\n[1]\r\n'),
      Buffer.from([0x7b, 0x22, 0xcf, 0x22, 0x7d, 0x0a]),
      Buffer.from('{"review_id":2,"grade3":"Bad","content":"нет"}\n'),
    ]);
    const parsed = parser.parse(new Uint8Array(block));
    expect(parsed.lineCount).toBe(5);
    expect([...parsed.kinds]).toEqual([ROW_KIND.record, ROW_KIND.malformed, ROW_KIND.invalidUtf8, ROW_KIND.record]);
    expect([...parsed.lines]).toEqual([1, 3, 4, 5]);
    expect(Buffer.from(parsed.examples).toString()).toBe('{"id":"1","text":"да","label":1}\n{"id":"2","text":"нет","label":0}\n');
    expect(parsed.problems).toEqual([{ row: 1, problem: 'not a JSON object (got an array)' }]);
    expect(parsed.fields).toEqual(['review_id', 'grade3', 'content']);
  });
});
