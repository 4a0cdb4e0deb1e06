import { describe, expect, it } from 'vitest';
import { MAX_METRIC_BATCH, type MetricPointInput, normalizeMetricPoints } from './metric-points';
import type { FieldIssue, Validated } from './validation';

function issuesOf<T>(result: Validated<T>): FieldIssue[] {
  if (result.ok) throw new Error(`expected issues, got ${JSON.stringify(result.value)}`);
  return result.issues;
}

function valueOf<T>(result: Validated<T>): T {
  if (!result.ok) throw new Error(`expected a value, got ${JSON.stringify(result.issues)}`);
  return result.value;
}

const NOW = 1_700_000_000;

describe('normalizeMetricPoints', () => {
  it('fills epoch with null and wallTime with now', () => {
    expect(valueOf(normalizeMetricPoints([{ key: 'train/loss', step: 0, value: 0.69 }], NOW))).toEqual([
      { key: 'train/loss', step: 0, epoch: null, value: 0.69, wallTime: NOW },
    ]);
    expect(
      valueOf(normalizeMetricPoints([{ key: 'train/loss', step: 1, value: 0.5, epoch: null, wallTime: null }], NOW)),
    ).toEqual([{ key: 'train/loss', step: 1, epoch: null, value: 0.5, wallTime: NOW }]);
  });

  it('keeps given epoch and wallTime', () => {
    expect(
      valueOf(normalizeMetricPoints([{ key: 'eval/f1_macro', step: 10, value: 0.9, epoch: 1.5, wallTime: 1234.5 }], NOW)),
    ).toEqual([{ key: 'eval/f1_macro', step: 10, epoch: 1.5, value: 0.9, wallTime: 1234.5 }]);
  });

  it('keeps the first of a repeated (key, step), like insert-or-ignore', () => {
    const records = valueOf(
      normalizeMetricPoints(
        [
          { key: 'train/loss', step: 1, value: 1 },
          { key: 'eval/loss', step: 1, value: 2 },
          { key: 'train/loss', step: 1, value: 3 },
          { key: 'train/loss', step: 2, value: 4 },
        ],
        NOW,
      ),
    );
    expect(records.map((r) => [r.key, r.step, r.value])).toEqual([
      ['train/loss', 1, 1],
      ['eval/loss', 1, 2],
      ['train/loss', 2, 4],
    ]);
  });

  it('does not confuse keys that share a prefix with the step', () => {
    const records = valueOf(
      normalizeMetricPoints(
        [
          { key: 'a/b1', step: 0, value: 1 },
          { key: 'a/b', step: 10, value: 2 },
        ],
        NOW,
      ),
    );
    expect(records).toHaveLength(2);
  });

  it('rejects an empty batch and an oversized one, saying to split it', () => {
    expect(issuesOf(normalizeMetricPoints([], NOW))).toEqual([
      expect.objectContaining({ field: 'points', message: expect.stringMatching(/^points must contain at least one metric point/) }),
    ]);
    const big = Array.from({ length: MAX_METRIC_BATCH + 1 }, (_, step) => ({ key: 'train/loss', step, value: 1 }));
    expect(issuesOf(normalizeMetricPoints(big, NOW))).toEqual([
      {
        field: 'points',
        message: 'points holds 10001 entries but at most 10000 are accepted per call; split the batch into calls of at most 10000 points',
      },
    ]);
    expect(normalizeMetricPoints(big.slice(1), NOW).ok).toBe(true);
  });

  it('checks each field of a point', () => {
    const cases: [Partial<MetricPointInput>, string][] = [
      [{ key: 'Loss' }, 'points[0].key'],
      [{ step: -1 }, 'points[0].step'],
      [{ step: 1.5 }, 'points[0].step'],
      [{ step: 2 ** 53 + 2 }, 'points[0].step'],
      [{ value: Number.NaN }, 'points[0].value'],
      [{ value: Number.POSITIVE_INFINITY }, 'points[0].value'],
      [{ value: '1' as unknown as number }, 'points[0].value'],
      [{ epoch: -1 }, 'points[0].epoch'],
      [{ epoch: Number.NaN }, 'points[0].epoch'],
      [{ wallTime: 0 }, 'points[0].wallTime'],
      [{ wallTime: Number.POSITIVE_INFINITY }, 'points[0].wallTime'],
    ];
    for (const [patch, field] of cases) {
      const issues = issuesOf(normalizeMetricPoints([{ key: 'train/loss', step: 0, value: 1, ...patch }], NOW));
      expect(issues.map((issue) => issue.field), JSON.stringify(patch)).toEqual([field]);
      expect(issues[0]?.message.startsWith(field)).toBe(true);
    }
    expect(normalizeMetricPoints([{ key: 'train/loss', step: 2 ** 53, value: 0, epoch: 0 }], NOW).ok).toBe(true);
  });

  it('reports a bad key at every point that uses it', () => {
    const issues = issuesOf(
      normalizeMetricPoints(
        [
          { key: 'Bad', step: 0, value: 1 },
          { key: 'train/loss', step: 0, value: 1 },
          { key: 'Bad', step: 1, value: 1 },
        ],
        NOW,
      ),
    );
    expect(issues.map((issue) => issue.field)).toEqual(['points[0].key', 'points[2].key']);
    expect(issues[1]?.message).toMatch(/^points\[2\]\.key must be split\/name/);
  });

  it('rejects a point that is not an object', () => {
    expect(issuesOf(normalizeMetricPoints([null as unknown as MetricPointInput], NOW))[0]?.field).toBe('points[0]');
  });

  it('reports at most 20 issues plus a count of the rest', () => {
    const points = Array.from({ length: 50 }, (_, step) => ({ key: 'train/loss', step, value: Number.NaN }));
    const issues = issuesOf(normalizeMetricPoints(points, NOW));
    expect(issues).toHaveLength(21);
    expect(issues.slice(0, 20).map((issue) => issue.field)).toEqual(Array.from({ length: 20 }, (_, i) => `points[${i}].value`));
    expect(issues[20]).toEqual({ field: 'points', message: 'and 30 more issues in this batch; fix the ones listed and resend' });
  });

  it('adds no count when there are exactly 20 issues', () => {
    const points = Array.from({ length: 20 }, (_, step) => ({ key: 'train/loss', step, value: Number.NaN }));
    expect(issuesOf(normalizeMetricPoints(points, NOW))).toHaveLength(20);
  });

  it('normalizes a typical 1,000-point batch of several keys', () => {
    const keys = ['train/loss', 'train/learning_rate', 'train/grad_norm', 'system/gpu_mem_bytes'];
    const points: MetricPointInput[] = [];
    for (let step = 0; step < 250; step++) {
      for (const key of keys) points.push({ key, step, value: step / 7, epoch: step / 100, wallTime: step % 2 === 0 ? null : NOW - 5 });
    }
    expect(points).toHaveLength(1000);
    const records = valueOf(normalizeMetricPoints(points, NOW));
    expect(records).toHaveLength(1000);
    expect(records[0]).toEqual({ key: 'train/loss', step: 0, epoch: 0, value: 0, wallTime: NOW });
    expect(records[999]).toEqual({ key: 'system/gpu_mem_bytes', step: 249, epoch: 2.49, value: 249 / 7, wallTime: NOW - 5 });
    expect(new Set(records.map((r) => `${r.key}@${r.step}`)).size).toBe(1000);
  });
});
