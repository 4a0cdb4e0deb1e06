import { EMPTY, formatCompact, formatDuration, formatInteger, formatPercent, formatRelative } from './format';

/** Where a running run is, as its worker last reported (`Run.progress`). */
export interface TrainingProgress {
  step: number;
  totalSteps: number;
  /** Fractional: 1.5 is halfway through the second epoch. */
  epoch: number;
  samplesPerSecond: number | null;
  tokensPerSecond: number | null;
  etaSeconds: number | null;
  updatedAt: string;
}

/** The part of the run's progress the study table shows. */
export type CompactProgress = Pick<TrainingProgress, 'step' | 'totalSteps' | 'etaSeconds' | 'updatedAt'>;

/** A report older than this, on a run still running, is worth pointing out. */
export const STALE_AFTER_SECONDS = 120;

/** step / totalSteps in 0..1; null when the total is unknown (0), so the bar is indeterminate. */
export function progressFraction({ step, totalSteps }: Pick<TrainingProgress, 'step' | 'totalSteps'>): number | null {
  if (!(totalSteps > 0)) return null;
  return Math.min(1, Math.max(0, step / totalSteps));
}

/** "42%" of the steps, or "—" without a total. Never rounds up to 100% before the last step. */
export function formatProgressPercent(progress: Pick<TrainingProgress, 'step' | 'totalSteps'>): string {
  const fraction = progressFraction(progress);
  if (fraction === null) return EMPTY;
  const percent = Math.floor(fraction * 1000) / 1000;
  return formatPercent(percent);
}

const epochFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** "1.5 of 3": the fractional epoch the worker reported, of the epochs the run trains for. */
export function formatEpochOf(epoch: number, totalEpochs: number | null | undefined): string {
  const done = epochFormat.format(epoch);
  return totalEpochs ? `${done} of ${totalEpochs}` : done;
}

/** "epoch 1.5 of 3" */
export function formatEpoch(epoch: number, totalEpochs: number | null | undefined): string {
  return `epoch ${formatEpochOf(epoch, totalEpochs)}`;
}

/** "420 / 1,000" */
export function formatSteps({ step, totalSteps }: Pick<TrainingProgress, 'step' | 'totalSteps'>): string {
  return `${formatInteger(step)} / ${formatInteger(totalSteps)}`;
}

const rateFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** "12.3 samples/s", "4.1K tokens/s"; "—" when the worker did not measure it yet. */
export function formatRate(perSecond: number | null | undefined, unit: string): string {
  if (perSecond == null || !Number.isFinite(perSecond)) return EMPTY;
  const value = perSecond >= 10_000 ? formatCompact(perSecond) : rateFormat.format(perSecond);
  return `${value} ${unit}/s`;
}

/** Time left, to the second below a minute ("7 s"), else as formatDuration ("3 m 05 s", "2 h 03 m"). */
export function formatEta(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return EMPTY;
  const whole = Math.max(0, Math.round(seconds));
  return whole < 60 ? `${whole} s` : formatDuration(whole);
}

/** Seconds since the report; never negative (the browser's clock may run behind the API's). */
export function ageSeconds(updatedAt: string, now: number): number {
  return Math.max(0, Math.round((now - new Date(updatedAt).getTime()) / 1000));
}

/** "updated 12 s ago" */
export function formatUpdated(updatedAt: string, now: number): string {
  const reported = new Date(updatedAt).getTime();
  return `updated ${formatRelative(updatedAt, Math.max(now, reported))}`;
}

/** The more recent of two reports of one run (a live event may be ahead of the last query, or behind a refetch). */
export function newerProgress<T extends Pick<TrainingProgress, 'updatedAt' | 'step'>>(current: T | null, candidate: T | null): T | null {
  if (!candidate) return current;
  if (!current) return candidate;
  const a = Date.parse(current.updatedAt);
  const b = Date.parse(candidate.updatedAt);
  if (b !== a) return b > a ? candidate : current;
  return candidate.step > current.step ? candidate : current;
}

/** One line for screen readers and titles: "42% — step 420 of 1,000, epoch 1.26 of 3, ETA 3 m 05 s". */
export function describeProgress(progress: TrainingProgress, totalEpochs: number | null | undefined): string {
  const parts = [
    `step ${formatInteger(progress.step)} of ${formatInteger(progress.totalSteps)}`,
    formatEpoch(progress.epoch, totalEpochs),
    ...(progress.etaSeconds == null ? [] : [`ETA ${formatEta(progress.etaSeconds)}`]),
  ];
  const details = parts.join(', ');
  return progressFraction(progress) === null ? details : `${formatProgressPercent(progress)} — ${details}`;
}
