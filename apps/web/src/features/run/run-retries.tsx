'use client';

import { gql } from '@urql/next';
import { RelativeTime } from '@/components/relative-time';
import { describeRetryCode, formatRetryBatch } from './batch-change';

export interface RunRetryRow {
  attempt: number;
  code: string;
  reason: string;
  batchSize: number | null;
  gradientAccumulationSteps: number | null;
  at: string;
}

export const RunRetries_Run = gql`
  fragment RunRetries_Run on Run {
    retries {
      attempt
      code
      reason
      batchSize
      gradientAccumulationSteps
      at
    }
  }
`;

/** Restarts after a crash or out of memory, and batch changes before launch; nothing when there were none. */
export function RunRetries({ retries }: { retries: RunRetryRow[] }) {
  if (retries.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="retries-title">
      <h2 id="retries-title">Restarts and batch changes</h2>
      <div className="table-scroll">
        <table className="table" aria-labelledby="retries-title">
          <thead>
            <tr>
              <th scope="col" className="num">
                Attempt
              </th>
              <th scope="col">Code</th>
              <th scope="col">Reason</th>
              <th scope="col" className="num" title="Micro-batch × gradient accumulation steps">
                Batch
              </th>
              <th scope="col" className="hide-narrow">
                When
              </th>
            </tr>
          </thead>
          <tbody>
            {retries.map((retry, i) => {
              const label = describeRetryCode(retry.code);
              return (
                <tr key={`${retry.at}-${i}`} data-retry-code={retry.code}>
                  <td className="num" data-field="attempt">
                    {retry.attempt}
                  </td>
                  <td data-field="code">
                    <code className="tag">{retry.code}</code>
                    {label ? <div className="small muted">{label}</div> : null}
                  </td>
                  <td className="break" data-field="reason">
                    {retry.reason}
                  </td>
                  <td className="num" data-field="batch">
                    {formatRetryBatch(retry.batchSize, retry.gradientAccumulationSteps)}
                  </td>
                  <td className="hide-narrow">
                    <RelativeTime iso={retry.at} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
