'use client';

import { gql } from '@urql/next';
import { EmptyState } from '@/components/query-states';
import { RelativeTime } from '@/components/relative-time';
import { formatBytes, formatInteger, formatJsonValue } from '@/lib/format';

export interface CheckpointRow {
  id: string;
  epoch: number;
  step: number;
  path: string;
  bytes: number;
  metrics: Record<string, unknown> | null;
  createdAt: string;
}

export const CheckpointsTable_Run = gql`
  fragment CheckpointsTable_Run on Run {
    checkpoints {
      id
      epoch
      step
      path
      bytes
      metrics
      createdAt
    }
  }
`;

export function CheckpointsTable({ checkpoints }: { checkpoints: CheckpointRow[] }) {
  if (checkpoints.length === 0) {
    return <EmptyState title="No checkpoints yet">The worker records one at the end of each epoch.</EmptyState>;
  }
  return (
    <div className="table-scroll">
      <table className="table" aria-label="Checkpoints">
        <thead>
          <tr>
            <th scope="col" className="num">
              Epoch
            </th>
            <th scope="col" className="num">
              Step
            </th>
            <th scope="col">Metrics</th>
            <th scope="col" className="num">
              Size
            </th>
            <th scope="col" className="hide-narrow">
              Path
            </th>
            <th scope="col" className="hide-narrow">
              Saved
            </th>
          </tr>
        </thead>
        <tbody>
          {checkpoints.map((checkpoint) => (
            <tr key={checkpoint.id}>
              <td className="num">{checkpoint.epoch}</td>
              <td className="num">{formatInteger(checkpoint.step)}</td>
              <td>
                {checkpoint.metrics && Object.keys(checkpoint.metrics).length > 0
                  ? Object.entries(checkpoint.metrics).map(([key, value]) => (
                      <div key={key} className="small">
                        <code>{key}</code> {formatJsonValue(value)}
                      </div>
                    ))
                  : '—'}
              </td>
              <td className="num">{formatBytes(checkpoint.bytes)}</td>
              <td className="break mono small hide-narrow">{checkpoint.path}</td>
              <td className="hide-narrow">
                <RelativeTime iso={checkpoint.createdAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
