import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, parseSynthArgs, writeSyntheticReviews } from './synth-reviews';

const tempFile = (name: string) => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tunelab-synth-')), name);

describe('synth-reviews', () => {
  it('parses its options and refuses bad ones', () => {
    expect(parseSynthArgs(['--n', '5000', '--seed', '1', '--out', 'x.jsonl'])).toEqual({
      ok: true,
      args: { n: 5000, seed: 1, out: 'x.jsonl', labelNoise: undefined, scoreShare: undefined },
    });
    expect(parseSynthArgs(['--n', '10', '--out', 'x', '--noise', '0.2', '--score-share', '0.5'])).toMatchObject({ ok: true, args: { seed: 1, labelNoise: 0.2, scoreShare: 0.5 } });
    expect(parseSynthArgs(['--seed', '1'])).toMatchObject({ ok: false, problem: expect.stringContaining('--n and --out are required') });
    expect(parseSynthArgs(['--n', 'many', '--out', 'x'])).toMatchObject({ ok: false, problem: expect.stringContaining('n must be a whole number') });
    expect(parseSynthArgs(['--n', '5', '--out', 'x', '--bogus'])).toMatchObject({ ok: false, problem: expect.stringContaining('--bogus') });
  });

  it('writes the same bytes for the same options, one synthetic Kinopoisk row per line', async () => {
    const a = tempFile('a.jsonl');
    const b = tempFile('b.jsonl');
    expect(await main(['--n', '500', '--seed', '1', '--out', a])).toBe(0);
    await writeSyntheticReviews({ n: 500, seed: 1, out: b });
    expect(fs.readFileSync(a).equals(fs.readFileSync(b))).toBe(true);
    const lines = fs.readFileSync(a, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(500);
    expect(JSON.parse(lines[0]!)).toMatchObject({ part: 'synthetic', synthetic: true, review_id: 1_000_000 });
    await writeSyntheticReviews({ n: 500, seed: 2, out: b });
    expect(fs.readFileSync(a).equals(fs.readFileSync(b))).toBe(false);
    expect(fs.readdirSync(path.dirname(a))).toEqual(['a.jsonl']);
  });

  it('exits 2 with the usage on bad options', async () => {
    expect(await main(['--n', '0', '--out', tempFile('x.jsonl')])).toBe(2);
  });
});
