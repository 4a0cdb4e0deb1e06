'use client';

import Link from 'next/link';
import { Suspense, useState, type ReactNode } from 'react';
import { gql, useQuery } from '@urql/next';
import { Breadcrumbs } from '@/components/breadcrumbs';
import { LiveIndicator } from '@/components/live-indicator';
import { EmptyState, ErrorNotice, Loading } from '@/components/query-states';
import { RelativeTime } from '@/components/relative-time';
import { isTerminal, StatusBadge, type RunStatus } from '@/components/status-badge';
import { createEventRelay } from '@/lib/event-relay';
import { EMPTY, formatBytes, formatCompact, formatDateTime, formatDuration, formatInteger, formatJsonValue, formatPercent } from '@/lib/format';
import { useLiveSubscription, useOnConnect, useThrottled } from '@/lib/live-connection';
import { furthest, type RunProgress } from '@/lib/run-progress';
import { CancelRunButton } from './cancel-run-button';
import { CheckpointsTable, CheckpointsTable_Run, type CheckpointRow } from './checkpoints-table';
import type { LivePoint } from './metric-series';
import { RunMetrics } from './run-metrics';

interface Hyperparameters {
  learningRate: number;
  batchSize: number;
  epochs: number;
  weightDecay: number;
  warmupRatio: number;
  gradientAccumulationSteps: number;
  loraR: number | null;
  loraAlpha: number | null;
  loraDropout: number | null;
  loraTargetModules: string[] | null;
  pooling: string | null;
}

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
    worker: { id: string; name: string; host: string } | null;
    study: { id: string; name: string; primaryMetric: string; project: { id: string; name: string } };
    checkpoints: CheckpointRow[];
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
        learningRate
        batchSize
        epochs
        weightDecay
        warmupRatio
        gradientAccumulationSteps
        loraR
        loraAlpha
        loraDropout
        loraTargetModules
        pooling
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
    }
  }
  ${CheckpointsTable_Run}
`;

interface RunEventData {
  runEvents: {
    kind: 'METRICS' | 'STATUS' | 'CHECKPOINT';
    runId: string;
    status: RunStatus | null;
    run: { id: string; status: RunStatus; attempt: number } | null;
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
      }
      points {
        key
        step
        value
      }
    }
  }
`;

export function RunPage({ runId }: { runId: string }) {
  const [{ data, error }, refetch] = useQuery({ query: RunPage_Run, variables: { id: runId }, requestPolicy: 'cache-and-network' });

  // The lifecycle step the latest status event announced; shown until a refetch catches up.
  const [announced, setAnnounced] = useState<RunProgress>();
  const [metricPoints] = useState(() => createEventRelay<readonly LivePoint[]>());

  const refresh = useThrottled(() => refetch({ requestPolicy: 'network-only' }), 250);
  useOnConnect(refresh);
  const liveError = useLiveSubscription(RunPage_RunEvents, { runId }, ({ runEvents: event }) => {
    if (event.kind === 'METRICS') {
      if (event.points?.length) metricPoints.emit(event.points);
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
  const { status } = furthest<RunProgress>(run, announced);
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

      <dl className="facts">
        <Fact label="Base model">
          <span className="break">{run.baseModel}</span>
        </Fact>
        <Fact label="Attempt">{run.attempt}</Fact>
        <Fact label="Worker">{run.worker ? `${run.worker.name} (${run.worker.host})` : EMPTY}</Fact>
        <Fact label="Created">
          <RelativeTime iso={run.createdAt} />
        </Fact>
        <Fact label="Started">{run.startedAt ? <RelativeTime iso={run.startedAt} /> : EMPTY}</Fact>
        <Fact label="Finished">{run.finishedAt ? <RelativeTime iso={run.finishedAt} /> : EMPTY}</Fact>
        {run.leaseExpiresAt && !isTerminal(status) ? <Fact label="Lease expires">{formatDateTime(run.leaseExpiresAt)}</Fact> : null}
        <Fact label="Train time">{formatDuration(run.trainSeconds)}</Fact>
        <Fact label="Eval time">{formatDuration(run.evalSeconds)}</Fact>
        <Fact label="Trainable params">
          <span title={run.trainableParameters == null ? undefined : formatInteger(run.trainableParameters)}>
            {formatCompact(run.trainableParameters)}
            {run.trainableParameters != null && run.totalParameters ? (
              <span className="muted"> ({formatPercent(run.trainableParameters / run.totalParameters)})</span>
            ) : null}
          </span>
        </Fact>
        <Fact label="Total params">
          <span title={run.totalParameters == null ? undefined : formatInteger(run.totalParameters)}>{formatCompact(run.totalParameters)}</span>
        </Fact>
        <Fact label="Peak memory">{formatBytes(run.peakMemoryBytes)}</Fact>
      </dl>

      <div className="columns">
        <section className="panel" aria-labelledby="final-title">
          <h2 id="final-title">Final metrics</h2>
          <FinalMetrics metrics={run.finalMetrics} primaryMetric={run.study.primaryMetric} />
        </section>
        <section className="panel" aria-labelledby="hp-title">
          <h2 id="hp-title">Hyperparameters</h2>
          <HyperparameterList hp={run.hyperparameters} />
        </section>
      </div>

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

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function FinalMetrics({ metrics, primaryMetric }: { metrics: Record<string, unknown> | null; primaryMetric: string }) {
  const entries = Object.entries(metrics ?? {}).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return <EmptyState title="Not finished yet">Final metrics appear when the run succeeds.</EmptyState>;
  return (
    <table className="table table--compact" aria-label="Final metrics">
      <tbody>
        {entries.map(([key, value]) => (
          <tr key={key} className={key === primaryMetric ? 'row--primary' : undefined}>
            <th scope="row">
              <code>{key}</code>
            </th>
            <td className="num">{formatJsonValue(value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function HyperparameterList({ hp }: { hp: Hyperparameters }) {
  const rows: Array<[string, string | number | null]> = [
    ['Learning rate', hp.learningRate],
    ['Batch size', hp.batchSize],
    ['Gradient accumulation', hp.gradientAccumulationSteps],
    ['Epochs', hp.epochs],
    ['Weight decay', hp.weightDecay],
    ['Warmup ratio', hp.warmupRatio],
    ['Pooling', hp.pooling],
    ['LoRA r', hp.loraR],
    ['LoRA alpha', hp.loraAlpha],
    ['LoRA dropout', hp.loraDropout],
    ['LoRA target modules', hp.loraTargetModules?.join(', ') ?? null],
  ];
  return (
    <table className="table table--compact" aria-label="Hyperparameters">
      <tbody>
        {rows
          .filter(([, value]) => value !== null && value !== '')
          .map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td className="num">{String(value)}</td>
            </tr>
          ))}
      </tbody>
    </table>
  );
}
