'use client';

import Link from 'next/link';
import { gql } from '@urql/next';
import { EmptyState } from '@/components/query-states';
import { StatusBadge, type RunStatus } from '@/components/status-badge';
import { formatCompact, formatDuration, formatInteger, formatMetric } from '@/lib/format';
import type { CompactProgress } from '@/lib/training-progress';
import { RunProgressCell } from './run-progress-cell';

export interface RunsTableRun {
  id: string;
  method: string;
  baseModel: string;
  seed: number;
  status: RunStatus;
  attempt: number;
  finalMetrics: Record<string, unknown> | null;
  trainSeconds: number | null;
  trainableParameters: number | null;
  /** As of the study's last query: progress reports come by runEvents, which this page does not follow. */
  progress: CompactProgress | null;
}

export const RunsTable_Run = gql`
  fragment RunsTable_Run on Run {
    id
    method
    baseModel
    seed
    status
    attempt
    finalMetrics
    trainSeconds
    trainableParameters
    progress {
      step
      totalSteps
      etaSeconds
      updatedAt
    }
  }
`;

export function RunsTable({ runs, primaryMetric, filtered }: { runs: RunsTableRun[]; primaryMetric: string; filtered: boolean }) {
  if (runs.length === 0) {
    return <EmptyState title={filtered ? 'No runs match these filters' : 'This study has no runs'} />;
  }
  return (
    <div className="table-scroll">
      <table className="table" aria-label="Runs">
        <thead>
          <tr>
            <th scope="col">Method</th>
            <th scope="col" className="hide-narrow">
              Base model
            </th>
            <th scope="col" className="num">
              Seed
            </th>
            <th scope="col">Status</th>
            <th scope="col" className="num hide-narrow">
              Attempt
            </th>
            <th scope="col" className="num">
              <code>{primaryMetric}</code>
            </th>
            <th scope="col" className="num hide-narrow">
              Train time
            </th>
            <th scope="col" className="num hide-narrow">
              Trainable params
            </th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => {
            const primary = run.finalMetrics?.[primaryMetric];
            return (
              <tr key={run.id} data-run-id={run.id}>
                <th scope="row">
                  <Link href={`/runs/${encodeURIComponent(run.id)}`}>{run.method}</Link>
                </th>
                <td className="break hide-narrow">{run.baseModel}</td>
                <td className="num">{run.seed}</td>
                <td>
                  <StatusBadge status={run.status} />
                  {run.status === 'RUNNING' && run.progress ? (
                    <RunProgressCell progress={run.progress} label={`Progress of ${run.method}, seed ${run.seed}`} />
                  ) : null}
                </td>
                <td className="num hide-narrow">{run.attempt}</td>
                <td className="num">{formatMetric(typeof primary === 'number' ? primary : null)}</td>
                <td className="num hide-narrow">{formatDuration(run.trainSeconds)}</td>
                <td className="num hide-narrow" title={run.trainableParameters == null ? undefined : formatInteger(run.trainableParameters)}>
                  {formatCompact(run.trainableParameters)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
