import { describe, expect, it } from 'vitest';
import { unstorableTextProblem } from './unstorable-text';

describe('unstorable text', () => {
  it('names the first string holding U+0000 or a lone surrogate, by its path', () => {
    expect(unstorableTextProblem({ input: { name: 'ok', tags: ['fine', 'a\u0000b'] } }, 'args')).toEqual({ field: 'args.input.tags[1]', message: expect.stringContaining('U+0000') });
    expect(unstorableTextProblem({ input: { gpus: [{ name: 'gpu \ud800' }] } }, 'args')?.field).toBe('args.input.gpus[0].name');
    expect(unstorableTextProblem({ runId: '\udc00x' }, 'args')?.message).toContain('lone UTF-16 surrogate');
    expect(unstorableTextProblem({ metrics: { 'a\u0000': 1 } }, 'args')?.field).toBe('args.metrics key');
  });

  it('lets real text through: emoji pairs, RTL marks, Cyrillic, numbers, null', () => {
    expect(unstorableTextProblem({ input: { name: '👨‍👩‍👧 фильм \u202e', n: 3, none: null, list: [] } }, 'args')).toBeNull();
  });
});
