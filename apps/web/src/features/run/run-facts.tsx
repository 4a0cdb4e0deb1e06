'use client';

import type { ReactNode } from 'react';
import { RelativeTime } from '@/components/relative-time';
import { isTerminal, type RunStatus } from '@/components/status-badge';
import { EMPTY, formatBytes, formatCompact, formatDateTime, formatDuration, formatInteger, formatPercent } from '@/lib/format';

export interface RunFactsRun {
  baseModel: string;
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
  worker: { name: string; host: string } | null;
}

/** Who runs it, when, how long, and how big: the run's key facts at a glance. */
export function RunFacts({ run, status }: { run: RunFactsRun; status: RunStatus }) {
  return (
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
