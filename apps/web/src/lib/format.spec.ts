import { describe, expect, it } from 'vitest';
import { formatBytes, formatCompact, formatDateTime, formatDuration, formatMetric, formatPercent, formatRelative } from './format';

describe('format', () => {
  it('formats metric values', () => {
    expect(formatMetric(0.8)).toBe('0.8000');
    expect(formatMetric(2.34567)).toBe('2.3457');
    expect(formatMetric(123456.78)).toBe('123,456.8');
    expect(formatMetric(322.377)).toBe('322.4');
    expect(formatMetric(99.12345)).toBe('99.1235');
    expect(formatMetric(0.00001234)).toBe('1.23e-5');
    expect(formatMetric(0)).toBe('0.0000');
    expect(formatMetric(null)).toBe('—');
  });

  it('formats counts, bytes and percentages', () => {
    expect(formatCompact(110_000_000)).toBe('110M');
    expect(formatCompact(294_912)).toBe('294.9K');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3.0 GiB');
    expect(formatPercent(0.8)).toBe('80%');
    expect(formatPercent(0.125)).toBe('12.5%');
  });

  it('formats durations', () => {
    expect(formatDuration(7.25)).toBe('7.3 s');
    expect(formatDuration(185)).toBe('3 m 05 s');
    expect(formatDuration(7384)).toBe('2 h 03 m');
  });

  it('formats times in UTC, absolute and relative', () => {
    expect(formatDateTime('2025-11-28T09:24:03.123Z')).toBe('2025-11-28 09:24:03 UTC');
    const now = Date.parse('2025-11-28T10:00:00Z');
    expect(formatRelative('2025-11-28T09:59:48Z', now)).toBe('12 s ago');
    expect(formatRelative('2025-11-28T09:55:00Z', now)).toBe('5 min ago');
    expect(formatRelative('2025-11-28T10:00:30Z', now)).toBe('in 30 s');
  });
});
