import { describe, expect, it } from 'vitest';
import {
  ageSeconds,
  describeProgress,
  formatEpoch,
  formatEpochOf,
  formatEta,
  formatProgressPercent,
  formatRate,
  formatSteps,
  formatUpdated,
  newerProgress,
  progressFraction,
  type TrainingProgress,
} from './training-progress';

const report = (step: number, updatedAt: string, extra: Partial<TrainingProgress> = {}): TrainingProgress => ({
  step,
  totalSteps: 1000,
  epoch: 1.26,
  samplesPerSecond: 12.34,
  tokensPerSecond: 4100,
  etaSeconds: 185,
  updatedAt,
  ...extra,
});

describe('training progress', () => {
  it('turns steps into a fraction and a percentage that reaches 100% only at the end', () => {
    expect(progressFraction({ step: 420, totalSteps: 1000 })).toBe(0.42);
    expect(progressFraction({ step: 5, totalSteps: 0 })).toBeNull();
    expect(progressFraction({ step: 12, totalSteps: 10 })).toBe(1);
    expect(formatProgressPercent({ step: 420, totalSteps: 1000 })).toBe('42%');
    expect(formatProgressPercent({ step: 1, totalSteps: 3 })).toBe('33.3%');
    expect(formatProgressPercent({ step: 9999, totalSteps: 10000 })).toBe('99.9%');
    expect(formatProgressPercent({ step: 10, totalSteps: 10 })).toBe('100%');
    expect(formatProgressPercent({ step: 0, totalSteps: 0 })).toBe('—');
  });

  it('formats epochs, steps and speeds', () => {
    expect(formatEpoch(1.5, 3)).toBe('epoch 1.5 of 3');
    expect(formatEpoch(0.3333, 3)).toBe('epoch 0.33 of 3');
    expect(formatEpoch(2, null)).toBe('epoch 2');
    expect(formatEpochOf(1.5, 3)).toBe('1.5 of 3');
    expect(formatSteps({ step: 420, totalSteps: 12000 })).toBe('420 / 12,000');
    expect(formatRate(12.34, 'samples')).toBe('12.3 samples/s');
    expect(formatRate(4100, 'tokens')).toBe('4,100 tokens/s');
    expect(formatRate(41_234, 'tokens')).toBe('41.2K tokens/s');
    expect(formatRate(null, 'samples')).toBe('—');
  });

  it('formats the ETA to the second below a minute', () => {
    expect(formatEta(7.4)).toBe('7 s');
    expect(formatEta(59.6)).toBe('1 m 00 s');
    expect(formatEta(185)).toBe('3 m 05 s');
    expect(formatEta(7384)).toBe('2 h 03 m');
    expect(formatEta(null)).toBe('—');
  });

  it('says how old a report is, never in the future', () => {
    const now = Date.parse('2025-11-28T10:00:00Z');
    expect(ageSeconds('2025-11-28T09:59:48Z', now)).toBe(12);
    expect(formatUpdated('2025-11-28T09:59:48Z', now)).toBe('updated 12 s ago');
    expect(formatUpdated('2025-11-28T09:55:00Z', now)).toBe('updated 5 min ago');
    // The API's clock is ahead of the browser's.
    expect(ageSeconds('2025-11-28T10:00:03Z', now)).toBe(0);
    expect(formatUpdated('2025-11-28T10:00:03Z', now)).toBe('updated 0 s ago');
  });

  it('keeps the newer of two reports', () => {
    const older = report(100, '2025-11-28T10:00:00.000Z');
    const newer = report(120, '2025-11-28T10:00:05.000Z');
    expect(newerProgress(older, newer)).toBe(newer);
    expect(newerProgress(newer, older)).toBe(newer);
    expect(newerProgress(null, older)).toBe(older);
    expect(newerProgress(older, null)).toBe(older);
    expect(newerProgress(null, null)).toBeNull();
    const sameTimeFurther = report(101, older.updatedAt);
    expect(newerProgress(older, sameTimeFurther)).toBe(sameTimeFurther);
    expect(newerProgress(older, report(100, older.updatedAt))).toBe(older);
  });

  it('describes a report in one line', () => {
    expect(describeProgress(report(420, '2025-11-28T10:00:00Z'), 3)).toBe('42% — step 420 of 1,000, epoch 1.26 of 3, ETA 3 m 05 s');
    expect(describeProgress(report(0, '2025-11-28T10:00:00Z', { etaSeconds: null, epoch: 0 }), 3)).toBe('0% — step 0 of 1,000, epoch 0 of 3');
    expect(describeProgress(report(5, '2025-11-28T10:00:00Z', { totalSteps: 0, etaSeconds: null, epoch: 0.1 }), 3)).toBe('step 5 of 0, epoch 0.1 of 3');
  });
});
