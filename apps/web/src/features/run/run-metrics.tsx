'use client';

import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { gql, useClient, useQuery, type CombinedError } from '@urql/next';
import { EmptyState, ErrorNotice, Loading } from '@/components/query-states';
import { Sparkline } from '@/components/sparkline';
import type { RunStatus } from '@/components/status-badge';
import type { EventRelay } from '@/lib/event-relay';
import { formatInteger, formatMetric } from '@/lib/format';
import { useOnConnect } from '@/lib/live-connection';
import { addLivePoints, buildSeriesViews, pruneLivePoints, type LivePoint, type LivePoints, type MetricSeriesData } from './metric-series';

const MAX_POINTS = 200;
const NO_HISTORY: MetricSeriesData[] = [];

interface HistoryVariables {
  runId: string;
  keys: string[];
  maxPoints: number;
}

export const RunMetrics_History = gql<{ metricHistory: MetricSeriesData[] }, HistoryVariables>`
  query RunMetrics_History($runId: ID!, $keys: [String!]!, $maxPoints: Int!) {
    metricHistory(runId: $runId, keys: $keys, maxPoints: $maxPoints) {
      key
      totalPoints
      buckets {
        stepStart
        stepEnd
        lastStep
        min
        max
        last
        count
      }
    }
  }
`;

interface MetricsState {
  /** A newer history than the first query's, once one was fetched. */
  history: MetricSeriesData[] | null;
  live: LivePoints;
}

type MetricsAction = { type: 'points'; points: readonly LivePoint[] } | { type: 'history'; history: MetricSeriesData[] };

function reduce(state: MetricsState, action: MetricsAction): MetricsState {
  switch (action.type) {
    case 'points':
      return { ...state, live: addLivePoints(state.live, action.points) };
    case 'history':
      return { history: action.history, live: pruneLivePoints(state.live, action.history) };
  }
}

interface RunMetricsProps {
  runId: string;
  metricKeys: string[];
  status: RunStatus;
  /** Metric points from the run page's `runEvents` subscription. */
  points: EventRelay<readonly LivePoint[]>;
}

/**
 * Latest value, point count and a sparkline per metric key: the history first,
 * then points appended as the worker logs them.
 */
export function RunMetrics({ runId, metricKeys, status, points }: RunMetricsProps) {
  const client = useClient();
  // Frozen: a new key must not suspend the panel; refetches below use every key known.
  const [initialKeys] = useState(metricKeys);
  const [{ data, error }] = useQuery({ query: RunMetrics_History, variables: { runId, keys: initialKeys, maxPoints: MAX_POINTS } });
  const [state, dispatch] = useReducer(reduce, { history: null, live: new Map() });
  const [refetchError, setRefetchError] = useState<CombinedError>();

  const history = state.history ?? data?.metricHistory ?? NO_HISTORY;
  const views = useMemo(() => buildSeriesViews(metricKeys, history, state.live), [metricKeys, history, state.live]);

  const keysRef = useRef<string[]>([]);
  keysRef.current = views.map((view) => view.key);
  const requestSeq = useRef(0);

  const refetchHistory = useCallback(async () => {
    const seq = ++requestSeq.current;
    const result = await client
      .query(RunMetrics_History, { runId, keys: keysRef.current, maxPoints: MAX_POINTS }, { requestPolicy: 'network-only' })
      .toPromise();
    if (seq !== requestSeq.current) return;
    setRefetchError(result.error);
    if (result.data) dispatch({ type: 'history', history: result.data.metricHistory });
  }, [client, runId]);

  // The first live batch proves the subscription is up: refetch once to fill
  // anything logged between the first query and the subscription.
  useEffect(() => {
    let first = true;
    return points.listen((batch) => {
      dispatch({ type: 'points', points: batch });
      if (first) {
        first = false;
        void refetchHistory();
      }
    });
  }, [points, refetchHistory]);

  useOnConnect(() => void refetchHistory());

  const lastStatus = useRef(status);
  useEffect(() => {
    if (lastStatus.current === status) return;
    lastStatus.current = status;
    void refetchHistory();
  }, [status, refetchHistory]);

  const shownError = error ?? refetchError;
  return (
    <section className="panel" aria-labelledby="metrics-title">
      <h2 id="metrics-title">Metrics</h2>
      {shownError ? <ErrorNotice title="Could not load metrics" error={shownError} onRetry={() => void refetchHistory()} /> : null}
      {views.length === 0 && !data && !state.history ? (
        shownError ? null : <Loading label="Loading metrics…" />
      ) : views.length === 0 ? (
        <EmptyState title="No metrics yet">Points appear here as soon as the worker logs them; no reload needed.</EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="table" aria-label="Metrics">
            <thead>
              <tr>
                <th scope="col">Metric</th>
                <th scope="col" className="num">
                  Latest
                </th>
                <th scope="col" className="num hide-narrow">
                  Step
                </th>
                <th scope="col" className="num">
                  Points
                </th>
                <th scope="col">Trend</th>
              </tr>
            </thead>
            <tbody>
              {views.map((view) => (
                <tr key={view.key} data-metric-key={view.key}>
                  <th scope="row">
                    <code>{view.key}</code>
                  </th>
                  <td className="num" data-field="last">
                    {formatMetric(view.last)}
                  </td>
                  <td className="num hide-narrow" data-field="step">
                    {view.lastStep === null ? '—' : formatInteger(view.lastStep)}
                  </td>
                  <td className="num" data-field="points">
                    {formatInteger(view.totalPoints)}
                  </td>
                  <td className="sparkline-cell">
                    <Sparkline values={view.trail} label={view.key} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
