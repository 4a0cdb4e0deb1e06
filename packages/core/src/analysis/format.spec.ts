import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatPoints, formatPValue, formatSeconds, metricLabel } from './format';

describe('report number formats', () => {
  it('writes score differences as signed points with a real minus, and no signed zero', () => {
    expect(formatPoints(-0.0042)).toBe('−0.4');
    expect(formatPoints(0.0031)).toBe('+0.3');
    expect(formatPoints(-0.0004)).toBe('0.0');
  });

  it('writes durations the way people say them', () => {
    expect([formatSeconds(4.25), formatSeconds(59.4), formatSeconds(59.6), formatSeconds(780), formatSeconds(1247), formatSeconds(7260)]).toEqual(['4.3 s', '59 s', '1 min', '13 min', '20 min 47 s', '2 h 1 min']);
    expect(formatSeconds(null)).toBe('—');
  });

  it('writes counts, bytes, p-values and metric names compactly', () => {
    expect([formatCount(296_450), formatCount(177_854_978), formatCount(512)]).toEqual(['296.4 k', '177.85 M', '512']);
    expect([formatBytes(512), formatBytes(5.2 * 2 ** 30)]).toEqual(['512 B', '5.2 GiB']);
    expect([formatPValue(0.0004), formatPValue(0.2188)]).toEqual(['p < 0.001', 'p = 0.219']);
    expect([metricLabel('eval/f1_macro'), metricLabel('eval/custom')]).toEqual(['macro-F1', 'eval/custom']);
  });
});
