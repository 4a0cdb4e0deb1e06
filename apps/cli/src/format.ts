import { methodLabel } from '@tunelab/core';

/** Plain-text rendering for the terminal: tables, progress lines, durations. Pure functions. */

/** Left-aligned columns separated by two spaces; numbers (cells starting with a digit, ± or -digit) right-aligned. */
export function table(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => width(row[column] ?? ''))));
  const numeric = header.map((_, column) => rows.length > 0 && rows.every((row) => /^(-?\d[\d.,]*(e[-+]?\d+)?%?( ± [\d.]+)?|—|)$/.test(row[column] ?? '')));
  return all
    .map((row) =>
      row
        .map((cell, column) => (numeric[column] ? pad(cell, widths[column], 'left') : pad(cell, widths[column], 'right')))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const width = (text: string) => [...text].length;

function pad(text: string, to: number, side: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, to - width(text)));
  return side === 'left' ? fill + text : text + fill;
}

/** 75 s → "1m15s", 3725 s → "1h02m", 8 s → "8s". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

export function formatMetric(value: number | null | undefined, digits = 4): string {
  return value == null || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}

/** `[██████░░░░░░]` for a share from 0 to 1. */
export function bar(share: number, size = 20): string {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(share) ? share : 0));
  const full = Math.round(clamped * size);
  return `[${'█'.repeat(full)}${'░'.repeat(size - full)}]`;
}

export interface RunLine {
  id: string;
  method: string;
  seed: number;
  status: string;
  progress?: { epoch: number; step: number; totalSteps: number; samplesPerSecond?: number | null; etaSeconds?: number | null } | null;
  /** Newest train/loss point. */
  loss?: number | null;
  /** Newest value of the study's primary metric (eval/f1_macro), or the final one. */
  metric?: number | null;
  metricKey?: string;
  errorCode?: string | null;
}

/**
 * One line per run: `lora  seed 1  RUNNING    [████░░░░] 40%  epoch 1.6  step 40/100  52.1 samples/s  ETA 1m10s  loss 0.4123  f1_macro 0.8012`.
 */
export function formatRunLine(run: RunLine, labelWidth = 0): string {
  const label = pad(`${methodLabel(run.method, 'short')} · seed ${run.seed}`, labelWidth, 'right');
  const parts = [label, pad(run.status, 9, 'right')];
  const progress = run.progress;
  if (progress && run.status === 'RUNNING') {
    const share = progress.totalSteps > 0 ? progress.step / progress.totalSteps : 0;
    parts.push(`${bar(share)} ${pad(`${Math.floor(share * 100)}%`, 4, 'left')}`);
    parts.push(`epoch ${progress.epoch.toFixed(1)}`, `step ${progress.step}/${progress.totalSteps}`);
    if (progress.samplesPerSecond != null) parts.push(`${progress.samplesPerSecond.toFixed(1)} samples/s`);
    if (progress.etaSeconds != null) parts.push(`ETA ${formatDuration(progress.etaSeconds)}`);
  } else if (run.status === 'SUCCEEDED') {
    parts.push(bar(1));
  }
  if (run.loss != null) parts.push(`loss ${formatMetric(run.loss)}`);
  if (run.metric != null) parts.push(`${shortKey(run.metricKey ?? 'metric')} ${formatMetric(run.metric)}`);
  if (run.errorCode) parts.push(run.errorCode);
  return parts.join('  ').trimEnd();
}

/** eval/f1_macro → f1_macro */
export const shortKey = (key: string) => key.replace(/^eval\//, '');

export function labelWidth(runs: { method: string; seed: number }[]): number {
  return Math.max(0, ...runs.map((run) => width(`${methodLabel(run.method, 'short')} · seed ${run.seed}`)));
}

/** `0.8123 ± 0.0100` (std omitted below two seeds). */
export function meanStd(mean: number | null | undefined, std: number | null | undefined): string {
  if (mean == null) return '—';
  return std == null ? formatMetric(mean) : `${formatMetric(mean)} ± ${formatMetric(std)}`;
}
