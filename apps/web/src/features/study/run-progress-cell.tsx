import { formatDateTime } from '@/lib/format';
import { formatEta, formatProgressPercent, formatSteps, progressFraction, type CompactProgress } from '@/lib/training-progress';

/** Percent of steps and ETA of a running run, under its status badge in the runs table. */
export function RunProgressCell({ progress, label }: { progress: CompactProgress; label: string }) {
  const fraction = progressFraction(progress);
  const percent = formatProgressPercent(progress);
  const eta = progress.etaSeconds == null ? null : `ETA ${formatEta(progress.etaSeconds)}`;
  return (
    <div className="progress-cell" data-field="progress" title={`Step ${formatSteps(progress)}, reported ${formatDateTime(progress.updatedAt)}`}>
      <div
        className="progress__track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={fraction === null ? undefined : progress.totalSteps}
        aria-valuenow={fraction === null ? undefined : progress.step}
        aria-valuetext={eta ? `${percent}, ${eta}` : percent}
      >
        <div className="progress__fill" style={{ width: `${(fraction ?? 0) * 100}%` }} />
      </div>
      <span className="progress-cell__text">
        <span data-field="percent">{percent}</span>
        {eta ? <span data-field="eta">{eta}</span> : null}
      </span>
    </div>
  );
}
