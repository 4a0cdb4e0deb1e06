/** A data-zoom window in percent of the axis extent, as ECharts' dataZoom keeps it. */
export interface ZoomPercent {
  start: number;
  end: number;
}

export type ZoomKey = 'ArrowLeft' | 'ArrowRight' | '+' | '=' | '-' | '_' | '0' | 'Home';

const ZOOM_KEYS = new Set<string>(['ArrowLeft', 'ArrowRight', '+', '=', '-', '_', '0', 'Home']);

export function isZoomKey(key: string): key is ZoomKey {
  return ZOOM_KEYS.has(key);
}

/** Smallest window keyboard zoom goes down to, in percent. */
const MIN_SPAN = 1;

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/**
 * The window after a key press: arrows pan by a fifth of the window, + and - halve and double it around its
 * centre, 0 and Home show everything. Always within 0..100.
 */
export function nextZoom(key: ZoomKey, { start, end }: ZoomPercent): ZoomPercent {
  const span = end - start;
  const centre = (start + end) / 2;
  const place = (newSpan: number, newCentre: number): ZoomPercent => {
    const s = clamp(newSpan, MIN_SPAN, 100);
    const from = clamp(newCentre - s / 2, 0, 100 - s);
    return { start: round(from), end: round(from + s) };
  };
  switch (key) {
    case 'ArrowLeft':
      return place(span, centre - span / 5);
    case 'ArrowRight':
      return place(span, centre + span / 5);
    case '+':
    case '=':
      return place(span / 2, centre);
    case '-':
    case '_':
      return place(span * 2, centre);
    case '0':
    case 'Home':
      return { start: 0, end: 100 };
  }
}

const round = (value: number) => Math.round(value * 1000) / 1000;
