import { describe, expect, it } from 'vitest';
import { rankRuns, type RankableRun } from './leaderboard';

function run(id: string, metrics: Record<string, unknown> | null, method = 'lora'): RankableRun {
  return { id, method, seed: 42, finalMetrics: metrics };
}

describe('rankRuns', () => {
  it('ranks best-first for a score', () => {
    const ranked = rankRuns([run('a', { 'eval/f1_macro': 0.8 }), run('b', { 'eval/f1_macro': 0.9 }), run('c', { 'eval/f1_macro': 0.7 })], 'eval/f1_macro');
    expect(ranked.map((r) => [r.rank, r.run.id, r.value])).toEqual([
      [1, 'b', 0.9],
      [2, 'a', 0.8],
      [3, 'c', 0.7],
    ]);
  });

  it('ranks lowest-first for a cost, inferred from the key', () => {
    const ranked = rankRuns([run('a', { 'eval/loss': 0.3 }), run('b', { 'eval/loss': 0.1 })], 'eval/loss');
    expect(ranked.map((r) => r.run.id)).toEqual(['b', 'a']);
  });

  it('honours an explicit direction', () => {
    const ranked = rankRuns([run('a', { 'eval/x': 1 }), run('b', { 'eval/x': 2 })], 'eval/x', 'minimize');
    expect(ranked.map((r) => r.run.id)).toEqual(['a', 'b']);
  });

  it('uses competition ranking for ties and orders ties by id', () => {
    const ranked = rankRuns(
      [run('d', { 'eval/f1_macro': 0.5 }), run('c', { 'eval/f1_macro': 0.8 }), run('b', { 'eval/f1_macro': 0.8 }), run('a', { 'eval/f1_macro': 0.9 })],
      'eval/f1_macro',
    );
    expect(ranked.map((r) => [r.rank, r.run.id])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [2, 'c'],
      [4, 'd'],
    ]);
  });

  it('gives every run rank 1 when all tie', () => {
    const ranked = rankRuns([run('b', { 'eval/f1_macro': 1 }), run('a', { 'eval/f1_macro': 1 })], 'eval/f1_macro');
    expect(ranked.map((r) => [r.rank, r.run.id])).toEqual([
      [1, 'a'],
      [1, 'b'],
    ]);
  });

  it('leaves out runs without a finite numeric value', () => {
    const ranked = rankRuns(
      [
        run('a', null),
        run('b', {}),
        run('c', { 'eval/f1_macro': '0.9' }),
        run('d', { 'eval/f1_macro': Number.NaN }),
        run('e', { 'eval/f1_macro': Number.POSITIVE_INFINITY }),
        run('f', { 'eval/f1_macro': null }),
        run('g', { 'eval/f1_macro': 0.1 }),
      ],
      'eval/f1_macro',
    );
    expect(ranked.map((r) => r.run.id)).toEqual(['g']);
  });

  it('does not read inherited properties as metrics', () => {
    expect(rankRuns([run('a', {})], 'constructor')).toEqual([]);
  });

  it('keeps the caller\'s run type and does not reorder the input', () => {
    const runs = [{ ...run('x', { 'eval/f1_macro': 0.1 }), extra: 1 }, { ...run('y', { 'eval/f1_macro': 0.2 }), extra: 2 }];
    const ranked = rankRuns(runs, 'eval/f1_macro');
    expect(ranked[0]?.run.extra).toBe(2);
    expect(runs.map((r) => r.id)).toEqual(['x', 'y']);
  });

  it('returns an empty list for no runs', () => {
    expect(rankRuns([], 'eval/f1_macro')).toEqual([]);
  });
});
