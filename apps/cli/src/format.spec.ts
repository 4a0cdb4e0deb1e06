import { describe, expect, it } from 'vitest';
import { bar, formatDuration, formatRunLine, labelWidth, meanStd, table } from './format';

describe('format', () => {
  it('lays out a table, numbers right-aligned', () => {
    expect(table(['method', 'f1'], [['lora', '0.81'], ['full', '0.9']])).toBe(['method    f1', 'lora    0.81', 'full     0.9'].join('\n'));
  });

  it('writes durations the way a person reads them', () => {
    expect([8, 75, 3725, null, -1].map(formatDuration)).toEqual(['8s', '1m15s', '1h02m', '—', '—']);
  });

  it('draws a progress bar', () => {
    expect(bar(0.5, 4)).toBe('[██░░]');
    expect(bar(2, 2)).toBe('[██]');
    expect(bar(Number.NaN, 2)).toBe('[░░]');
  });

  it('shows a running run with epoch, step, speed, ETA, loss and the eval metric', () => {
    const line = formatRunLine({
      id: 'r1',
      method: 'lora',
      seed: 1,
      status: 'RUNNING',
      progress: { epoch: 1.55, step: 40, totalSteps: 100, samplesPerSecond: 52.06, etaSeconds: 70 },
      loss: 0.41234,
      metric: 0.8,
      metricKey: 'eval/f1_macro',
    });
    expect(line).toBe('LoRA · seed 1  RUNNING    [████████░░░░░░░░░░░░]  40%  epoch 1.6  step 40/100  52.1 samples/s  ETA 1m10s  loss 0.4123  f1_macro 0.8000');
  });

  it('shows queued, finished and failed runs without a bar, padded to one width', () => {
    const runs = [
      { id: 'a', method: 'full', seed: 1, status: 'QUEUED' },
      { id: 'b', method: 'mamba', seed: 12, status: 'FAILED', errorCode: 'OOM' },
    ];
    const w = labelWidth(runs);
    expect(formatRunLine(runs[0], w)).toBe('Full FT · seed 1  QUEUED');
    expect(formatRunLine(runs[1], w)).toBe('Mamba · seed 12   FAILED     OOM');
  });

  it('writes mean ± std', () => {
    expect(meanStd(0.81234, 0.01)).toBe('0.8123 ± 0.0100');
    expect(meanStd(0.8, null)).toBe('0.8000');
    expect(meanStd(null, null)).toBe('—');
  });
});
