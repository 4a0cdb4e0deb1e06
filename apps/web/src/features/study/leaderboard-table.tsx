'use client';

import Link from 'next/link';
import { useEffect, useRef } from 'react';
import { gql, useQuery } from '@urql/next';
import { useBackgroundRefetch } from '@/lib/use-background-refetch';
import { EmptyState, ErrorNotice, Loading } from '@/components/query-states';
import { formatMetric } from '@/lib/format';

interface LeaderboardData {
  leaderboard: {
    metric: string;
    direction: 'ASC' | 'DESC';
    rows: Array<{ rank: number; method: string; seed: number; value: number; run: { id: string; baseModel: string } }>;
  };
}

export const LeaderboardTable_Leaderboard = gql<LeaderboardData, { studyId: string; metric?: string | null }>`
  query LeaderboardTable_Leaderboard($studyId: ID!, $metric: String) {
    leaderboard(studyId: $studyId, metric: $metric) {
      metric
      direction
      rows {
        rank
        method
        seed
        value
        run {
          id
          baseModel
        }
      }
    }
  }
`;

/** Finished runs ranked by one final metric; `refreshKey` changes whenever a run's status does. */
export function LeaderboardTable({ studyId, metric, refreshKey }: { studyId: string; metric: string | null; refreshKey: number }) {
  const [{ data, error }, refetch] = useQuery({
    query: LeaderboardTable_Leaderboard,
    variables: { studyId, metric },
    requestPolicy: 'cache-and-network',
  });
  const refetchInBackground = useBackgroundRefetch(LeaderboardTable_Leaderboard, { studyId, metric });

  const seenKey = useRef(refreshKey);
  useEffect(() => {
    if (seenKey.current === refreshKey) return;
    seenKey.current = refreshKey;
    refetchInBackground();
  }, [refreshKey, refetchInBackground]);

  if (error) return <ErrorNotice title="Could not load the leaderboard" error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!data) return <Loading label="Loading leaderboard…" />;

  const { leaderboard } = data;
  if (leaderboard.rows.length === 0) {
    return (
      <EmptyState title="No finished runs yet">
        Runs appear here once they succeed with <code>{leaderboard.metric}</code> among their final metrics.
      </EmptyState>
    );
  }
  return (
    <div className="table-scroll">
      <table className="table" aria-label="Leaderboard">
        <caption className="table__caption">
          Ranked by <code>{leaderboard.metric}</code>, {leaderboard.direction === 'DESC' ? 'higher is better' : 'lower is better'}
        </caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              Rank
            </th>
            <th scope="col">Method</th>
            <th scope="col" className="hide-narrow">
              Base model
            </th>
            <th scope="col" className="num">
              Seed
            </th>
            <th scope="col" className="num">
              <code>{leaderboard.metric}</code>
            </th>
          </tr>
        </thead>
        <tbody>
          {leaderboard.rows.map((row) => (
            <tr key={row.run.id} data-run-id={row.run.id}>
              <td className="num">{row.rank}</td>
              <th scope="row">
                <Link href={`/runs/${encodeURIComponent(row.run.id)}`}>{row.method}</Link>
              </th>
              <td className="break hide-narrow">{row.run.baseModel}</td>
              <td className="num">{row.seed}</td>
              <td className="num">{formatMetric(row.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
