import { describe, expect, it } from 'vitest';
import { isZoomKey, nextZoom } from './zoom';

describe('keyboard zoom', () => {
  it('zooms in and out around the centre', () => {
    expect(nextZoom('+', { start: 0, end: 100 })).toEqual({ start: 25, end: 75 });
    expect(nextZoom('-', { start: 25, end: 75 })).toEqual({ start: 0, end: 100 });
    expect(nextZoom('-', { start: 0, end: 100 })).toEqual({ start: 0, end: 100 });
  });

  it('pans by a fifth of the window and stops at the ends', () => {
    expect(nextZoom('ArrowRight', { start: 25, end: 75 })).toEqual({ start: 35, end: 85 });
    expect(nextZoom('ArrowRight', { start: 60, end: 100 })).toEqual({ start: 60, end: 100 });
    expect(nextZoom('ArrowLeft', { start: 5, end: 55 })).toEqual({ start: 0, end: 50 });
  });

  it('never zooms below one percent and resets with 0', () => {
    expect(nextZoom('+', { start: 50, end: 51 })).toEqual({ start: 50, end: 51 });
    expect(nextZoom('0', { start: 10, end: 20 })).toEqual({ start: 0, end: 100 });
    expect(isZoomKey('Enter')).toBe(false);
  });
});
