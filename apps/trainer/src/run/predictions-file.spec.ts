import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPredictionsFile } from './predictions-file';

const write = (content: string) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tunelab-predictions-')), 'test.jsonl');
  fs.writeFileSync(file, content);
  return file;
};

describe('readPredictionsFile', () => {
  it('reads the engine file into columns, in file order', () => {
    const file = write('{"id":"t-1","label":1,"prediction":1,"probabilities":[0.1,0.9]}\n{"id":"t-2","label":0,"prediction":1,"probabilities":[0.4,0.6]}\n');
    expect(readPredictionsFile(file)).toEqual({ ids: ['t-1', 't-2'], labels: [1, 0], predictions: [1, 1] });
  });

  it('names the line that is not a prediction row', () => {
    const file = write('{"id":"t-1","label":1,"prediction":1}\n{"id":"t-2","label":"x"}\n');
    expect(() => readPredictionsFile(file)).toThrow(/test\.jsonl:2 is not/);
  });
});
