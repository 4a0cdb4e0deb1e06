/**
 * Display formatting. Every formatter is deterministic (fixed locale, UTC) so the
 * server render and the browser hydration produce the same text.
 */
const LOCALE = 'en-US';

const integer = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat(LOCALE, { notation: 'compact', maximumFractionDigits: 1 });
const large = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1 });

export const EMPTY = '—';

export function formatInteger(value: number | null | undefined): string {
  return value == null ? EMPTY : integer.format(value);
}

/** 110_000_000 -> "110M"; the exact count belongs in a title attribute. */
export function formatCompact(value: number | null | undefined): string {
  return value == null ? EMPTY : compact.format(value);
}

/** Metric values: four decimals for scores and losses (below 100), one with grouping above, exponent for tiny ones. */
export function formatMetric(value: number | null | undefined): string {
  if (value == null) return EMPTY;
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 100) return large.format(value);
  if (abs !== 0 && abs < 1e-3) return value.toExponential(2);
  return value.toFixed(4);
}

export function formatPercent(fraction: number): string {
  return `${Math.round(fraction * 1000) / 10}%`;
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes == null) return EMPTY;
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${BYTE_UNITS[unit]}`;
}

/** 7.25 -> "7.3 s", 185 -> "3 m 05 s", 7384 -> "2 h 03 m". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null) return EMPTY;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h} h ${pad(m)} m` : `${m} m ${pad(s)} s`;
}

/** "2025-11-28 09:24:03 UTC" */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return EMPTY;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** "12 s ago", "5 min ago", "3 h ago", "2 d ago"; future times read "in 12 s". */
export function formatRelative(iso: string, now: number): string {
  const diff = Math.round((now - new Date(iso).getTime()) / 1000);
  const abs = Math.abs(diff);
  const text =
    abs < 60 ? `${abs} s` : abs < 3600 ? `${Math.floor(abs / 60)} min` : abs < 86400 ? `${Math.floor(abs / 3600)} h` : `${Math.floor(abs / 86400)} d`;
  return diff >= 0 ? `${text} ago` : `in ${text}`;
}

/** A JSON value as short text for table cells. */
export function formatJsonValue(value: unknown): string {
  if (value == null) return EMPTY;
  if (typeof value === 'number') return formatMetric(value);
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
