import { describe, expect, it } from 'vitest';
import { describeSeries, groupMetrics, groupOf, unitOf } from './metric-groups';
import type { SeriesView } from './metric-series';

function view(key: string, steps: number[] = [1], values: number[] = steps.map(() => 0.5)): SeriesView {
  const points = steps.map((step, i) => ({ x: step, y: values[i], min: values[i], max: values[i], count: 1, xStart: step, xEnd: step }));
  return { key, totalPoints: steps.length, lastStep: steps.at(-1) ?? null, last: values.at(-1) ?? null, points };
}

describe('metric groups', () => {
  it('reads the unit from the key suffix', () => {
    expect(unitOf('system/rss_bytes')).toBe('bytes');
    expect(unitOf('system/gpu0_utilization_percent')).toBe('percent');
    expect(unitOf('system/cpu_percent')).toBe('percent');
    expect(unitOf('system/gpu0_power_watts')).toBe('watts');
    expect(unitOf('eval/latency_ms')).toBe('milliseconds');
    expect(unitOf('eval/f1_macro')).toBe('plain');
  });

  it('puts every loss in one chart and the learning rate in its own', () => {
    expect(groupOf('train/loss').id).toBe('loss');
    expect(groupOf('eval/loss').id).toBe('loss');
    expect(groupOf('eval/cross_entropy_loss').id).toBe('loss');
    expect(groupOf('train/learning_rate').id).toBe('learning-rate');
    expect(groupOf('train/lr').id).toBe('learning-rate');
  });

  it('orders the charts loss, evaluation, learning rate, training, system', () => {
    const keys = [
      'system/rss_bytes',
      'system/cpu_percent',
      'train/grad_norm',
      'train/learning_rate',
      'eval/accuracy',
      'eval/f1_macro',
      'train/loss',
      'system/gpu0_utilization_percent',
      'system/gpu0_memory_used_bytes',
    ];
    const groups = groupMetrics(keys.sort().map((key) => view(key)));
    expect(groups.map((g) => [g.id, g.title, g.series.map((s) => s.key)])).toEqual([
      ['loss', 'Loss', ['train/loss']],
      ['eval', 'Evaluation metrics', ['eval/accuracy', 'eval/f1_macro']],
      ['learning-rate', 'Learning rate', ['train/learning_rate']],
      ['train', 'Training', ['train/grad_norm']],
      ['system:bytes', 'System · memory', ['system/gpu0_memory_used_bytes', 'system/rss_bytes']],
      ['system:percent', 'System · utilisation (%)', ['system/cpu_percent', 'system/gpu0_utilization_percent']],
    ]);
    expect(groups.find((g) => g.id === 'system:bytes')?.unit).toBe('bytes');
  });

  it('gives system readings stepped by Unix seconds a time axis, and training steps a step axis', () => {
    const [timed] = groupMetrics([view('system/cpu_percent', [1_764_320_000, 1_764_320_005])]);
    expect(timed.xAxis).toBe('time');
    const [stepped] = groupMetrics([view('system/gpu_mem_bytes', [10, 20])]);
    expect(stepped.xAxis).toBe('step');
    expect(groupMetrics([view('train/loss', [1_764_320_000])])[0].xAxis).toBe('step');
  });

  it('files keys without a split under Other', () => {
    expect(groupOf('accuracy')).toMatchObject({ id: 'other', title: 'Other' });
  });

  it('describes a series in one sentence for screen readers', () => {
    expect(describeSeries(view('train/loss', [1, 10, 20], [2, 0.9, 0.4472]), 'plain', 'step')).toBe(
      'train/loss: 3 points from step 1 to 20; latest 0.4472 at step 20; lowest 0.4472, highest 2.0000.',
    );
    expect(describeSeries(view('system/rss_bytes', [1_764_320_000, 1_764_320_060], [1024 ** 3, 2 * 1024 ** 3]), 'bytes', 'time')).toBe(
      'system/rss_bytes: 2 points over 60 s; latest 2.0 GiB; lowest 1.0 GiB, highest 2.0 GiB.',
    );
    expect(describeSeries(view('eval/f1_macro', []), 'plain', 'step')).toBe('eval/f1_macro: no points yet.');
  });
});
