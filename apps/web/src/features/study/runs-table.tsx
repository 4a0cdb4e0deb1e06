'use client';

import Link from 'next/link';
import { useState } from 'react';
import { compareHref, MAX_RUNS } from '@/features/compare/compare-model';
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
  const [selected, setSelected] = useState<readonly string[]>([]);
  if (runs.length === 0) {
    return <EmptyState title={filtered ? 'No runs match these filters' : 'This study has no runs'} />;
  }
  const toggle = (id: string, on: boolean) => setSelected((current) => (on ? [...current.filter((x) => x !== id), id] : current.filter((x) => x !== id)));
  const chosen = selected.filter((id) => runs.some((run) => run.id === id));
  return (
    <>
      <div className="table-scroll">
        <table className="table" aria-label="Runs">
          <thead>
            <tr>
              <th scope="col" className="select-cell">
                <span className="visually-hidden">Select to compare</span>
              </th>
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
                  <td className="select-cell">
                    <input
                      type="checkbox"
                      aria-label={`Compare ${run.method}, seed ${run.seed}`}
                      checked={chosen.includes(run.id)}
                      disabled={!chosen.includes(run.id) && chosen.length >= MAX_RUNS}
                      onChange={(event) => toggle(run.id, event.target.checked)}
                    />
                  </td>
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
      <div className="compare-select">
        {chosen.length >= 2 ? (
          <Link className="button button--small" href={compareHref(chosen)}>
            Compare selected ({chosen.length})
          </Link>
        ) : (
          <span className="button button--small button--ghost" aria-disabled="true">
            Compare selected
          </span>
        )}
        <span className="small muted">{chosen.length < 2 ? `Tick 2–${MAX_RUNS} runs to compare them.` : `${chosen.length} of at most ${MAX_RUNS} runs selected.`}</span>
      </div>
    </>
  );
}
