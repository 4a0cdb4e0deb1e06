'use client';

import Link from 'next/link';
import { useEffect } from 'react';
import { gql, useQuery } from '@urql/next';
import { useBackgroundRefetch } from '@/lib/use-background-refetch';
import { EmptyState, ErrorNotice, Loading } from '@/components/query-states';
import { RelativeTime } from '@/components/relative-time';
import { StatusBadge, type RunStatus } from '@/components/status-badge';
import { formatBytes } from '@/lib/format';

interface WorkersPageData {
  workers: Array<{
    id: string;
    name: string;
    host: string;
    cpus: number;
    memoryBytes: number;
    lastHeartbeatAt: string;
    gpus: Array<{ index: number; name: string; memoryBytes: number }>;
    currentRun: { id: string; method: string; seed: number; status: RunStatus; study: { id: string; name: string } } | null;
  }>;
}

export const WorkersPage_Workers = gql<WorkersPageData, Record<string, never>>`
  query WorkersPage_Workers {
    workers {
      id
      name
      host
      cpus
      memoryBytes
      lastHeartbeatAt
      gpus {
        index
        name
        memoryBytes
      }
      currentRun {
        id
        method
        seed
        status
        study {
          id
          name
        }
      }
    }
  }
`;

/** Workers have no subscription; heartbeats are polled while the tab is visible. */
const POLL_MS = 10_000;

export function WorkersPage() {
  const [{ data, error }, refetch] = useQuery({ query: WorkersPage_Workers, requestPolicy: 'cache-and-network' });
  const refetchInBackground = useBackgroundRefetch(WorkersPage_Workers, {});

  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') refetchInBackground();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [refetchInBackground]);

  const workers = data?.workers ?? [];
  return (
    <>
      <div className="page-header">
        <h1>Workers</h1>
        <p className="page-header__lead">Machines that claim queued runs and train them. Refreshed every {POLL_MS / 1000} s.</p>
      </div>
      {error ? (
        <ErrorNotice title="Could not load workers" error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      ) : !data ? (
        <Loading label="Loading workers…" />
      ) : workers.length === 0 ? (
        <EmptyState title="No workers registered">
          Start a trainer daemon on a machine with the API URL and a token; it registers itself and appears here.
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="table" aria-label="Workers">
            <thead>
              <tr>
                <th scope="col">Worker</th>
                <th scope="col" className="hide-narrow">
                  Host
                </th>
                <th scope="col" className="hide-narrow">
                  Resources
                </th>
                <th scope="col" className="hide-narrow">
                  GPUs
                </th>
                <th scope="col">Current run</th>
                <th scope="col">Last heartbeat</th>
              </tr>
            </thead>
            <tbody>
              {workers.map((worker) => (
                <tr key={worker.id}>
                  <th scope="row">{worker.name}</th>
                  <td className="break hide-narrow">{worker.host}</td>
                  <td className="hide-narrow">
                    {worker.cpus} CPUs, {formatBytes(worker.memoryBytes)}
                  </td>
                  <td className="hide-narrow">
                    {worker.gpus.length === 0
                      ? 'none'
                      : worker.gpus.map((gpu) => (
                          <div key={gpu.index} className="small">
                            #{gpu.index} {gpu.name} ({formatBytes(gpu.memoryBytes)})
                          </div>
                        ))}
                  </td>
                  <td>
                    {worker.currentRun ? (
                      <>
                        <Link href={`/runs/${encodeURIComponent(worker.currentRun.id)}`}>
                          {worker.currentRun.method} · seed {worker.currentRun.seed}
                        </Link>{' '}
                        <StatusBadge status={worker.currentRun.status} />
                        <div className="muted small">{worker.currentRun.study.name}</div>
                      </>
                    ) : (
                      <span className="muted">idle</span>
                    )}
                  </td>
                  <td>
                    <RelativeTime iso={worker.lastHeartbeatAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
