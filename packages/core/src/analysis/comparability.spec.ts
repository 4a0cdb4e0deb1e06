import { describe, expect, it } from 'vitest';
import { checkComparability, largestGroup } from './comparability';

const run = (runId: string, overrides: Partial<Parameters<typeof checkComparability>[0][number]> = {}) => ({
  runId,
  splitFingerprint: 'f1',
  labelRule: 'grade3',
  textRule: 'strip-score-mentions',
  maxSeqLength: 256,
  ...overrides,
});

describe('checkComparability', () => {
  it('accepts runs on the same split under the same rules', () => {
    expect(checkComparability([run('a'), run('b')])).toEqual({ comparable: true });
  });

  it('says exactly what differs and which runs have which value', () => {
    const result = checkComparability([run('a'), run('b', { textRule: null, maxSeqLength: 128 })]);
    expect(result.comparable).toBe(false);
    if (!result.comparable) {
      expect(result.differences.map((d) => d.field)).toEqual(['textRule', 'maxSeqLength']);
      expect(result.differences[1].values).toEqual([
        { value: 256, runIds: ['a'] },
        { value: 128, runIds: ['b'] },
      ]);
      expect(result.reason).toContain('maxSeqLength differs (256: 1 run, 128: 1 run)');
    }
  });

  it('does not vouch for runs that never recorded their split', () => {
    const result = checkComparability([run('a', { splitFingerprint: null }), run('b', { splitFingerprint: null })]);
    expect(result.comparable).toBe(false);
    if (!result.comparable) expect(result.reason).toMatch(/not recorded the split/);
  });
});

describe('largestGroup', () => {
  it('keeps the most common key, the smallest key on a tie, and returns the rest in order', () => {
    expect(largestGroup(['a1', 'b1', 'a2', 'c1'], (item) => item[0])).toEqual({ group: ['a1', 'a2'], rest: ['b1', 'c1'] });
    expect(largestGroup(['b1', 'a1'], (item) => item[0])).toEqual({ group: ['a1'], rest: ['b1'] });
    expect(largestGroup([], String)).toEqual({ group: [], rest: [] });
  });
});
