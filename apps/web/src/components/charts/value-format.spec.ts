import { describe, expect, it } from 'vitest';
import { escapeHtml, formatShortNumber, formatValue, niceRange, startsAtZero, valueScale } from './value-format';

describe('chart value formatting', () => {
  it('writes ticks short', () => {
    expect(formatShortNumber(0.44721)).toBe('0.447');
    expect(formatShortNumber(2e-5)).toBe('2e-5');
    expect(formatShortNumber(2.5e-5)).toBe('2.5e-5');
    expect(formatShortNumber(12_500)).toBe('12.5K');
    expect(formatShortNumber(0)).toBe('0');
    expect(valueScale('percent', 100).tick(45)).toBe('45%');
    expect(valueScale('plain', 1).tick(0.25)).toBe('0.25');
  });

  it('draws bytes in the binary unit of the largest value', () => {
    const scale = valueScale('bytes', 3.6 * 1024 ** 3);
    expect(scale.divisor).toBe(1024 ** 3);
    expect(scale.tick(3)).toBe('3 GiB');
    expect(valueScale('bytes', 512).tick(256)).toBe('256 B');
    expect(valueScale('bytes', 0).divisor).toBe(1);
  });

  it('rounds zoomed axis bounds to nice steps', () => {
    expect(niceRange(0.351, 0.52, 4, false)).toEqual([0.35, 0.55]);
    expect(niceRange(91.2, 98.4, 4, true)).toEqual([0, 100]);
    expect(niceRange(-0.3, 0.7, 4, true)).toEqual([-0.5, 0.75]);
    expect(niceRange(2, 2, 4, false)).toEqual([1.8, 2.2]);
    expect(niceRange(0, 0, 4, true)).toEqual([0, 1]);
  });

  it('writes tooltip values in full', () => {
    expect(formatValue('plain', 0.4472)).toBe('0.4472');
    expect(formatValue('percent', 45.5)).toBe('45.5%');
    expect(formatValue('percent', 1500)).toBe('1,500%');
    expect(formatValue('bytes', 1536)).toBe('1.5 KiB');
    expect(formatValue('watts', 250)).toBe('250 W');
  });

  it('starts axes with a meaningful zero at zero', () => {
    expect(startsAtZero('plain')).toBe(false);
    expect(startsAtZero('bytes')).toBe(true);
  });

  it('escapes metric keys for the tooltip', () => {
    expect(escapeHtml('<img src=x onerror="a">')).toBe('&#60;img src=x onerror=&#34;a&#34;&#62;');
  });
});
