'use client';

import Link from 'next/link';
import { Suspense, useState } from 'react';
import { gql, useQuery } from '@urql/next';
import { useBackgroundRefetch } from '@/lib/use-background-refetch';
import { Breadcrumbs } from '@/components/breadcrumbs';
import { LiveIndicator } from '@/components/live-indicator';
import { ErrorNotice, Loading } from '@/components/query-states';
import { isTerminal, StatusBadge, type RunStatus } from '@/components/status-badge';
import { createEventRelay } from '@/lib/event-relay';
import { useLiveSubscription, useOnConnect, useThrottled } from '@/lib/live-connection';
import { furthest, type RunProgress } from '@/lib/run-progress';
import type { TrainingProgress } from '@/lib/training-progress';
import { CancelRunButton } from './cancel-run-button';
import { ConfusionMatrix, ConfusionMatrix_Run, type TestPredictions } from './confusion-matrix';
import { CheckpointsTable, CheckpointsTable_Run, type CheckpointRow } from './checkpoints-table';
import { FinalMetrics } from './final-metrics';
import { HyperparameterList, HyperparameterList_Hyperparameters, type Hyperparameters } from './hyperparameter-list';
import type { LivePoint } from './metric-series';
import { RunFacts } from './run-facts';
import { RunMetrics } from './run-metrics';
import { RunProgressBar, RunProgressBar_Run, type ProgressReport } from './run-progress-bar';
import { RunRetries, RunRetries_Run, type RunRetryRow } from './run-retries';
import { TryItBox, TryItBox_Run, type RunModel } from './try-it-box';

interface RunPageData {
  run: {
    id: string;
    method: string;
    baseModel: string;
    seed: number;
    status: RunStatus;
    attempt: number;
    createdAt: string;
    startedAt: string | null;
    finishedAt: string | null;
    leaseExpiresAt: string | null;
    trainSeconds: number | null;
    evalSeconds: number | null;
    trainableParameters: number | null;
    totalParameters: number | null;
    peakMemoryBytes: number | null;
    finalMetrics: Record<string, unknown> | null;
    errorCode: string | null;
    errorMessage: string | null;
    metricKeys: string[];
    hyperparameters: Hyperparameters;
    effectiveHyperparameters: Hyperparameters | null;
    progress: TrainingProgress | null;
    retries: RunRetryRow[];
    worker: { id: string; name: string; host: string } | null;
    study: { id: string; name: string; primaryMetric: string; project: { id: string; name: string } };
    checkpoints: CheckpointRow[];
    testPredictions: TestPredictions | null;
    model: RunModel | null;
  };
}

export const RunPage_Run = gql<RunPageData, { id: string }>`
  query RunPage_Run($id: ID!) {
    run(id: $id) {
      id
      method
      baseModel
      seed
      status
      attempt
      createdAt
      startedAt
      finishedAt
      leaseExpiresAt
      trainSeconds
      evalSeconds
      trainableParameters
      totalParameters
      peakMemoryBytes
      finalMetrics
      errorCode
      errorMessage
      metricKeys
      hyperparameters {
        ...HyperparameterList_Hyperparameters
      }
      effectiveHyperparameters {
        ...HyperparameterList_Hyperparameters
      }
      worker {
        id
        name
        host
      }
      study {
        id
        name
        primaryMetric
        project {
          id
          name
        }
      }
      ...CheckpointsTable_Run
      ...RunProgressBar_Run
      ...RunRetries_Run
      ...ConfusionMatrix_Run
      ...TryItBox_Run
    }
  }
  ${HyperparameterList_Hyperparameters}
  ${TryItBox_Run}
  ${ConfusionMatrix_Run}
  ${CheckpointsTable_Run}
  ${RunProgressBar_Run}
  ${RunRetries_Run}
`;

interface RunEventData {
  runEvents: {
    kind: 'METRICS' | 'STATUS' | 'CHECKPOINT' | 'PROGRESS';
    runId: string;
    status: RunStatus | null;
    run: { id: string; status: RunStatus; attempt: number; progress: TrainingProgress | null } | null;
    points: LivePoint[] | null;
  };
}

export const RunPage_RunEvents = gql<RunEventData, { runId: string }>`
  subscription RunPage_RunEvents($runId: ID!) {
    runEvents(runId: $runId) {
      kind
      runId
      status
      run {
        id
        status
        attempt
        ...RunProgressBar_Run
      }
      points {
        key
        step
        value
      }
    }
  }
  ${RunProgressBar_Run}
`;

export function RunPage({ runId }: { runId: string }) {
  const [{ data, error }, refetch] = useQuery({ query: RunPage_Run, variables: { id: runId }, requestPolicy: 'cache-and-network' });
  const refetchInBackground = useBackgroundRefetch(RunPage_Run, { id: runId });

  // The lifecycle step the latest status event announced; shown until a refetch catches up.
  const [announced, setAnnounced] = useState<RunProgress>();
  const [metricPoints] = useState(() => createEventRelay<readonly LivePoint[]>());
  // Only the newest report matters to a bar that mounts late.
  const [progressReports] = useState(() => createEventRelay<ProgressReport>(1));

  const refresh = useThrottled(refetchInBackground, 250);
  useOnConnect(refresh);
  const liveError = useLiveSubscription(RunPage_RunEvents, { runId }, ({ runEvents: event }) => {
    if (event.kind === 'METRICS') {
      if (event.points?.length) metricPoints.emit(event.points);
      return;
    }
    if (event.kind === 'PROGRESS') {
      // Frequent and self-contained: the bar takes it as is, without a refetch or a page render.
      if (event.run?.progress) progressReports.emit({ attempt: event.run.attempt, progress: event.run.progress });
      return;
    }
    const { run: now, status: announcedStatus } = event;
    if (now) setAnnounced({ status: now.status, attempt: now.attempt });
    else if (announcedStatus) setAnnounced((prev) => ({ status: announcedStatus, attempt: prev?.attempt ?? data?.run.attempt ?? 0 }));
    refresh();
  });

  if (error || !data) {
    return (
      <>
        <Breadcrumbs items={[{ href: '/', label: 'Projects' }, { label: 'Run' }]} />
        {error ? (
          <ErrorNotice title="Could not load the run" error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
        ) : (
          <Loading label="Loading run…" />
        )}
      </>
    );
  }

  const { run } = data;
  const { status, attempt } = furthest<RunProgress>(run, announced);
  const title = `${run.method} · seed ${run.seed}`;

  return (
    <>
      <Breadcrumbs
        items={[
          { href: '/', label: 'Projects' },
          { href: `/projects/${encodeURIComponent(run.study.project.id)}`, label: run.study.project.name },
          { href: `/studies/${encodeURIComponent(run.study.id)}`, label: run.study.name },
          { label: title },
        ]}
      />
      <div className="page-header">
        <h1>{title}</h1>
        <span data-testid="run-status">
          <StatusBadge status={status} />
        </span>
        <LiveIndicator />
        {!isTerminal(status) ? (
          <div className="page-header__actions">
            <CancelRunButton runId={run.id} />
          </div>
        ) : null}
      </div>

      {liveError ? <ErrorNotice title="Live updates are unavailable" error={liveError} /> : null}

      {run.errorCode || run.errorMessage ? (
        <div className="state state--error" role="note">
          <p className="state__title">{run.errorCode ?? 'Error'}</p>
          {run.errorMessage ? <p className="state__message">{run.errorMessage}</p> : null}
        </div>
      ) : null}

      {status === 'CLAIMED' || status === 'RUNNING' ? (
        // Keyed by attempt: a new attempt's bar starts afresh instead of showing the last one's live reports.
        <RunProgressBar
          key={attempt}
          attempt={attempt}
          progress={run.progress}
          totalEpochs={(run.effectiveHyperparameters ?? run.hyperparameters).epochs}
          reports={progressReports}
        />
      ) : null}

      <RunFacts run={run} status={status} />

      <div className="columns">
        <section className="panel" aria-labelledby="final-title">
          <h2 id="final-title">Final metrics</h2>
          <FinalMetrics metrics={run.finalMetrics} primaryMetric={run.study.primaryMetric} />
        </section>
        <section className="panel" aria-labelledby="hp-title">
          <h2 id="hp-title">Hyperparameters</h2>
          <HyperparameterList hp={run.hyperparameters} effective={run.effectiveHyperparameters} />
        </section>
      </div>

      <RunRetries retries={run.retries} />

      {run.testPredictions || status === 'SUCCEEDED' ? (
        <section className="panel" aria-labelledby="confusion-title">
          <h2 id="confusion-title">Confusion matrix</h2>
          <ConfusionMatrix predictions={run.testPredictions} />
        </section>
      ) : null}

      <TryItBox runId={run.id} status={status} model={run.model} onCheckAgain={refetchInBackground} />

      <Suspense fallback={<Loading label="Loading metrics…" />}>
        <RunMetrics runId={run.id} metricKeys={run.metricKeys} status={status} points={metricPoints} />
      </Suspense>

      <section className="panel" aria-labelledby="checkpoints-title">
        <h2 id="checkpoints-title">Checkpoints</h2>
        <CheckpointsTable checkpoints={run.checkpoints} />
      </section>

      <p className="muted small">
        Back to <Link href={`/studies/${encodeURIComponent(run.study.id)}`}>{run.study.name}</Link>
      </p>
    </>
  );
}
