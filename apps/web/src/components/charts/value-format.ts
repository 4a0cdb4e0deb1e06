import { formatBytes, formatCompact, formatDuration, formatInteger, formatMetric } from '@/lib/format';

/** What a series' values measure; decides axis ticks, tooltip text and whether the axis starts at zero. */
export type ValueUnit = 'plain' | 'percent' | 'bytes' | 'watts' | 'joules' | 'seconds' | 'milliseconds';

/** Units whose zero is meaningful: their axis starts at 0 instead of hugging the data. */
export function startsAtZero(unit: ValueUnit): boolean {
  return unit !== 'plain';
}

const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** For tooltips, tables and text summaries: metric values in full, readings to a tenth of their unit. */
export function formatValue(unit: ValueUnit, value: number): string {
  switch (unit) {
    case 'plain':
      return formatMetric(value);
    case 'percent':
      return `${oneDecimal.format(value)}%`;
    case 'bytes':
      return formatBytes(value);
    case 'watts':
      return `${oneDecimal.format(value)} W`;
    case 'joules':
      return `${formatInteger(value)} J`;
    case 'seconds':
      return formatDuration(value);
    case 'milliseconds':
      return `${oneDecimal.format(value)} ms`;
  }
}

/** Three significant digits at most: 0.4472 -> "0.447", 2e-5 -> "2e-5", 12500 -> "12.5K". */
export function formatShortNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs === 0) return '0';
  if (abs >= 10_000) return formatCompact(value);
  if (abs < 1e-3) return value.toExponential(1).replace('.0e', 'e');
  return String(Number(value.toPrecision(3)));
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

const TICK_SUFFIX: Record<Exclude<ValueUnit, 'bytes'>, string> = {
  plain: '',
  percent: '%',
  watts: ' W',
  joules: ' J',
  seconds: ' s',
  milliseconds: ' ms',
};

/** How an axis draws a unit: values divided by `divisor` (so ticks fall on round numbers), labelled by `tick`. */
export interface ValueScale {
  divisor: number;
  tick: (value: number) => string;
}

/**
 * Bytes are drawn in the binary unit of the largest value (3.6 GiB of RSS on a GiB axis: 0, 1, 2, 3, 4 GiB),
 * other units as they are.
 */
export function valueScale(unit: ValueUnit, maxAbs: number): ValueScale {
  if (unit === 'bytes') {
    const power = maxAbs >= 1 ? Math.min(BYTE_UNITS.length - 1, Math.floor(Math.log2(maxAbs) / 10)) : 0;
    return { divisor: 1024 ** power, tick: (value) => `${formatShortNumber(value)} ${BYTE_UNITS[power]}` };
  }
  const suffix = TICK_SUFFIX[unit];
  return { divisor: 1, tick: (value) => `${formatShortNumber(value)}${suffix}` };
}

const tidy = (value: number) => Number(value.toPrecision(12));

/**
 * Round axis bounds around [lo, hi] with about `splits` intervals of 1, 2, 2.5 or 5 times a power of ten;
 * from zero when the unit's zero matters and the data is not negative.
 */
export function niceRange(lo: number, hi: number, splits: number, fromZero: boolean): [number, number] {
  let low = fromZero && lo >= 0 ? 0 : lo;
  let high = hi;
  if (high <= low) {
    // A flat line: pad it so it sits mid-chart.
    const pad = Math.abs(high) * 0.1 || 1;
    low = fromZero && low >= 0 ? 0 : low - pad;
    high += pad;
  }
  const raw = (high - low) / splits;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= raw) ?? 10 * magnitude;
  const min = tidy(Math.floor(low / step) * step);
  let max = tidy(Math.ceil(high / step) * step);
  if (max <= min) max = tidy(min + step);
  return [min, max];
}

/** HTML-escapes text that goes into an ECharts tooltip (metric keys are user data). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
