'use client';

import { useEffect, useRef, useState } from 'react';
import { gql } from '@urql/next';
import { EmptyState } from '@/components/query-states';
import type { EventRelay } from '@/lib/event-relay';
import { formatDateTime } from '@/lib/format';
import { useThrottled } from '@/lib/live-connection';
import {
  ageSeconds,
  describeProgress,
  formatEpochOf,
  formatEta,
  formatProgressPercent,
  formatRate,
  formatSteps,
  formatUpdated,
  newerProgress,
  progressFraction,
  STALE_AFTER_SECONDS,
  type TrainingProgress,
} from '@/lib/training-progress';
import { useNow } from '@/lib/use-now';

export const RunProgressBar_Run = gql`
  fragment RunProgressBar_Run on Run {
    progress {
      step
      totalSteps
      epoch
      samplesPerSecond
      tokensPerSecond
      etaSeconds
      updatedAt
    }
  }
`;

/** However fast the worker reports, the bar renders at most this often. */
const RENDER_INTERVAL_MS = 500;

/** A live report and the attempt it belongs to. */
export interface ProgressReport {
  attempt: number;
  progress: TrainingProgress;
}

interface RunProgressBarProps {
  /** The attempt shown; reports of earlier attempts are ignored. */
  attempt: number;
  /** As of the run page's last query. */
  progress: TrainingProgress | null;
  /** The epochs the run trains for. */
  totalEpochs: number;
  /** Reports from the run page's `runEvents` subscription (PROGRESS events), newest last. */
  reports: EventRelay<ProgressReport>;
}

/** Step, epoch, speed and ETA of a running run: the last query's report, then each live one. */
export function RunProgressBar({ attempt, progress: queried, totalEpochs, reports }: RunProgressBarProps) {
  const [live, setLive] = useState<TrainingProgress | null>(null);
  const latest = useRef<TrainingProgress | null>(null);
  const render = useThrottled(() => setLive(latest.current), RENDER_INTERVAL_MS);
  useEffect(
    () =>
      reports.listen((report) => {
        if (report.attempt < attempt) return;
        latest.current = newerProgress(latest.current, report.progress);
        render();
      }),
    [attempt, reports, render],
  );
  const now = useNow(1_000);
  const progress = newerProgress(queried, live);

  return (
    <section className="panel progress" aria-labelledby="progress-title" data-testid="run-progress">
      <div className="panel__header">
        <h2 id="progress-title">Training progress</h2>
        {progress ? <UpdatedAt iso={progress.updatedAt} now={now} /> : null}
      </div>
      {progress ? (
        <ProgressDetails progress={progress} totalEpochs={totalEpochs} />
      ) : (
        <EmptyState title="Waiting for the first progress report">The bar appears with the worker’s first report; no reload needed.</EmptyState>
      )}
    </section>
  );
}

function ProgressDetails({ progress, totalEpochs }: { progress: TrainingProgress; totalEpochs: number }) {
  const fraction = progressFraction(progress);
  return (
    <>
      <div className="progress__row">
        <div
          className="progress__track"
          role="progressbar"
          aria-labelledby="progress-title"
          aria-valuemin={0}
          aria-valuemax={fraction === null ? undefined : progress.totalSteps}
          aria-valuenow={fraction === null ? undefined : progress.step}
          aria-valuetext={describeProgress(progress, totalEpochs)}
        >
          <div className="progress__fill" style={{ width: `${(fraction ?? 0) * 100}%` }} />
        </div>
        <span className="progress__percent" data-field="percent">
          {formatProgressPercent(progress)}
        </span>
      </div>
      <dl className="progress__stats">
        <div>
          <dt>Epoch</dt>
          <dd data-field="epoch">{formatEpochOf(progress.epoch, totalEpochs)}</dd>
        </div>
        <div>
          <dt>Step</dt>
          <dd data-field="step">{formatSteps(progress)}</dd>
        </div>
        <div>
          <dt>Speed</dt>
          <dd data-field="speed">
            {formatRate(progress.samplesPerSecond, 'samples')}
            {progress.tokensPerSecond != null ? <span className="muted small"> · {formatRate(progress.tokensPerSecond, 'tokens')}</span> : null}
          </dd>
        </div>
        <div>
          <dt>ETA</dt>
          <dd data-field="eta">{formatEta(progress.etaSeconds)}</dd>
        </div>
      </dl>
    </>
  );
}

function UpdatedAt({ iso, now }: { iso: string; now: number | null }) {
  const stale = now !== null && ageSeconds(iso, now) > STALE_AFTER_SECONDS;
  return (
    <span className={stale ? 'small progress__age progress__age--stale' : 'small muted progress__age'} data-field="updated">
      <time dateTime={iso} title={formatDateTime(iso)}>
        {now === null ? `updated ${formatDateTime(iso)}` : formatUpdated(iso, now)}
      </time>
      {stale ? ' — no newer report' : null}
    </span>
  );
}
