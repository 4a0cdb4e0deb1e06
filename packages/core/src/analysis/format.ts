/** Number formatting shared by the report and the verdicts, so a figure reads the same everywhere. */

export function formatScore(value: number | null | undefined, digits = 3): string {
  return value === null || value === undefined ? '—' : value.toFixed(digits);
}

/** A score difference in points on the 0–100 scale, signed with a real minus: "−0.4", "+1.2". */
export function formatPoints(value: number, digits = 1): string {
  const rounded = Number((value * 100).toFixed(digits));
  if (rounded === 0) return (0).toFixed(digits);
  return `${rounded > 0 ? '+' : '−'}${Math.abs(rounded).toFixed(digits)}`;
}

export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 59.5) return `${seconds.toFixed(seconds < 9.95 ? 1 : 0)} s`;
  if (seconds < 3600) {
    const rest = Math.round(seconds % 60);
    return rest === 0 || rest === 60 ? `${Math.round(seconds / 60)} min` : `${Math.floor(seconds / 60)} min ${rest} s`;
  }
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}

export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (value >= 1e9) return `${(value / 1e9).toFixed(2)} B`;
  if (value >= 1e6) return `${(value / 1e6).toFixed(2)} M`;
  if (value >= 1e4) return `${(value / 1e3).toFixed(1)} k`;
  return String(Math.round(value));
}

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

export function formatPercent(share: number | null | undefined, digits = 1): string {
  return share === null || share === undefined ? '—' : `${(share * 100).toFixed(digits)}%`;
}

export function formatPValue(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

const METRIC_LABELS: Record<string, string> = {
  'eval/f1_macro': 'macro-F1',
  'eval/f1_weighted': 'weighted F1',
  'eval/accuracy': 'accuracy',
  'eval/balanced_accuracy': 'balanced accuracy',
};

/** How a metric key reads in a sentence: "macro-F1" for eval/f1_macro; unknown keys as they are. */
export function metricLabel(key: string): string {
  return METRIC_LABELS[key] ?? key;
}
