'use client';

import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { gql, useClient, useQuery, type CombinedError } from '@urql/next';
import { EmptyState, ErrorNotice, Loading } from '@/components/query-states';
import { isTerminal, type RunStatus } from '@/components/status-badge';
import type { EventRelay } from '@/lib/event-relay';
import { useOnConnect } from '@/lib/live-connection';
import { MetricChart } from './metric-chart';
import { groupMetrics } from './metric-groups';
import { MetricPicker, MetricPickerToggle } from './metric-picker';
import { isShown, toggleShown } from './metric-selection';
import {
  addLivePoints,
  buildSeriesViews,
  HISTORY_BUCKETS,
  pruneLivePoints,
  type LivePoint,
  type LivePoints,
  type MetricSeriesData,
  type SeriesViewCache,
} from './metric-series';
import { MetricTable } from './metric-table';
import { useShownMetrics } from './use-shown-metrics';

const NO_HISTORY: MetricSeriesData[] = [];

/** Live points held before the history is refetched to fold them into buckets. */
const LIVE_REFETCH_AFTER = 5_000;

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
 * Charts of the run's metrics, one per group (loss, evaluation, learning rate, system readings), and a table
 * of the latest values: the history first, then points appended as the worker logs them. Which keys are
 * charted lives in the URL.
 */
export function RunMetrics({ runId, metricKeys, status, points }: RunMetricsProps) {
  const client = useClient();
  // Frozen: a new key must not suspend the panel; refetches below use every key known.
  const [initialKeys] = useState(metricKeys);
  const [{ data, error }] = useQuery({ query: RunMetrics_History, variables: { runId, keys: initialKeys, maxPoints: HISTORY_BUCKETS } });
  const [state, dispatch] = useReducer(reduce, { history: null, live: new Map() });
  const [refetchError, setRefetchError] = useState<CombinedError>();
  const { shown, set: setShown } = useShownMetrics();
  const [picking, setPicking] = useState(false);

  const history = state.history ?? data?.metricHistory ?? NO_HISTORY;
  const [viewCache] = useState<SeriesViewCache>(() => new Map());
  const views = useMemo(() => buildSeriesViews(metricKeys, history, state.live, viewCache), [metricKeys, history, state.live, viewCache]);
  const allKeys = useMemo(() => views.map((view) => view.key), [views]);
  const groups = useMemo(
    () => groupMetrics(views.filter((view) => view.points.length > 0 && isShown(shown, view.key))),
    [views, shown],
  );

  const keysRef = useRef<string[]>([]);
  keysRef.current = allKeys;
  const requestSeq = useRef(0);
  const liveSinceHistory = useRef(0);

  const refetchHistory = useCallback(async () => {
    const seq = ++requestSeq.current;
    liveSinceHistory.current = 0;
    const result = await client
      .query(RunMetrics_History, { runId, keys: keysRef.current, maxPoints: HISTORY_BUCKETS }, { requestPolicy: 'network-only' })
      .toPromise();
    if (seq !== requestSeq.current) return;
    setRefetchError(result.error);
    if (result.data) dispatch({ type: 'history', history: result.data.metricHistory });
  }, [client, runId]);

  // The first live batch proves the subscription is up: refetch once to fill anything logged between the
  // first query and the subscription. A long live session refetches now and then, so the points held stay few.
  useEffect(() => {
    let first = true;
    return points.listen((batch) => {
      dispatch({ type: 'points', points: batch });
      liveSinceHistory.current += batch.length;
      if (first || liveSinceHistory.current > LIVE_REFETCH_AFTER) {
        first = false;
        void refetchHistory();
      }
    });
  }, [points, refetchHistory]);

  // Points logged while the socket was down are not replayed: refetch on (re)connect. A finished run logs no
  // more, and its status change already refetched, so it skips the (1,000-bucket) refetch.
  const lastStatus = useRef(status);
  useOnConnect(() => {
    if (!isTerminal(lastStatus.current)) void refetchHistory();
  });

  useEffect(() => {
    if (lastStatus.current === status) return;
    lastStatus.current = status;
    void refetchHistory();
  }, [status, refetchHistory]);

  const shownError = error ?? refetchError;
  return (
    <section className="panel" aria-labelledby="metrics-title">
      <div className="panel__header">
        <h2 id="metrics-title">Metrics</h2>
        {views.length > 0 ? <MetricPickerToggle keys={allKeys} shown={shown} open={picking} onToggle={() => setPicking((open) => !open)} /> : null}
      </div>
      {picking && views.length > 0 ? (
        <MetricPicker
          keys={allKeys}
          shown={shown}
          onToggle={(key) => setShown(toggleShown(shown, key, allKeys), allKeys)}
          onShowAll={() => setShown(null, allKeys)}
        />
      ) : null}
      {shownError ? <ErrorNotice title="Could not load metrics" error={shownError} onRetry={() => void refetchHistory()} /> : null}
      {views.length === 0 && !data && !state.history ? (
        shownError ? null : <Loading label="Loading metrics…" />
      ) : views.length === 0 ? (
        <EmptyState title="No metrics yet">Points appear here as soon as the worker logs them; no reload needed.</EmptyState>
      ) : (
        <>
          {groups.length > 0 ? (
            <div className="chart-grid">
              {groups.map((group) => (
                // Keyed by axis kind too: a step axis never turns into a time axis under a live chart.
                <MetricChart key={`${group.id}:${group.xAxis}`} group={group} />
              ))}
            </div>
          ) : (
            <EmptyState title={shown && shown.size === 0 ? 'No metric selected' : 'Nothing to chart yet'}>
              {shown && shown.size === 0 ? 'Choose metrics to chart above.' : 'The charted metrics have no points yet.'}
            </EmptyState>
          )}
          <MetricTable views={views} />
        </>
      )}
    </section>
  );
}
