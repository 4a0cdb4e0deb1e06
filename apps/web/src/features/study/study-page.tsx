'use client';

import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { Suspense, useCallback, useMemo, useState } from 'react';
import { gql, useQuery } from '@urql/next';
import { Breadcrumbs } from '@/components/breadcrumbs';
import { LiveIndicator } from '@/components/live-indicator';
import { ErrorNotice, Loading } from '@/components/query-states';
import { SelectField } from '@/components/select-field';
import { RUN_STATUSES, type RunStatus } from '@/components/status-badge';
import { useLiveSubscription, useOnConnect, useThrottled } from '@/lib/live-connection';
import { furthest } from '@/lib/run-progress';
import { useBackgroundRefetch } from '@/lib/use-background-refetch';
import { usePolling } from '@/lib/use-polling';
import { StudyAnalysis } from './analysis/study-analysis';
import { DataQualitySummary, DataQualitySummary_Dataset, type DataQualitySummaryDataset } from './data-quality-summary';
import { LeaderboardTable } from './leaderboard-table';
import { RunsTable, RunsTable_Run, type RunsTableRun } from './runs-table';

interface RunCounts {
  queued: number;
  running: number;
  succeeded: number;
  failed: number;
  cancelled: number;
  total: number;
}

interface StudyPageData {
  study: {
    id: string;
    name: string;
    description: string | null;
    maxSeqLength: number;
    metrics: string[];
    primaryMetric: string;
    seeds: number[];
    project: { id: string; name: string };
    dataset: DataQualitySummaryDataset & { source: string };
    runCounts: RunCounts;
    runs: RunsTableRun[];
  };
}

export const StudyPage_Study = gql<StudyPageData, { id: string }>`
  query StudyPage_Study($id: ID!) {
    study(id: $id) {
      id
      name
      description
      maxSeqLength
      metrics
      primaryMetric
      seeds
      project {
        id
        name
      }
      dataset {
        ...DataQualitySummary_Dataset
        source
      }
      runCounts {
        queued
        running
        succeeded
        failed
        cancelled
        total
      }
      runs {
        ...RunsTable_Run
      }
    }
  }
  ${RunsTable_Run}
  ${DataQualitySummary_Dataset}
`;

export const StudyPage_StudyEvents = gql<{ studyEvents: { studyId: string; run: RunsTableRun } }, { studyId: string }>`
  subscription StudyPage_StudyEvents($studyId: ID!) {
    studyEvents(studyId: $studyId) {
      studyId
      run {
        ...RunsTable_Run
      }
    }
  }
  ${RunsTable_Run}
`;

/**
 * Progress reports reach only the run's own `runEvents`, not `studyEvents`: while a
 * run trains, the study refetches this often so its progress cell moves.
 */
const PROGRESS_POLL_MS = 10_000;

const COUNT_LABELS: Array<[keyof RunCounts, string]> = [
  ['queued', 'Queued'],
  ['running', 'Running'],
  ['succeeded', 'Succeeded'],
  ['failed', 'Failed'],
  ['cancelled', 'Cancelled'],
  ['total', 'Total'],
];

export function StudyPage({ studyId }: { studyId: string }) {
  const [{ data, error }, refetch] = useQuery({ query: StudyPage_Study, variables: { id: studyId }, requestPolicy: 'cache-and-network' });
  const refetchInBackground = useBackgroundRefetch(StudyPage_Study, { id: studyId });
  const filters = useStudyFilters();

  // Runs as the latest study events describe them, shown while ahead of the last refetch.
  const [liveRuns, setLiveRuns] = useState<ReadonlyMap<string, RunsTableRun>>(new Map());
  const [leaderboardKey, setLeaderboardKey] = useState(0);

  const refresh = useThrottled(() => {
    refetchInBackground();
    setLeaderboardKey((k) => k + 1);
  }, 300);
  useOnConnect(refresh);
  const liveError = useLiveSubscription(StudyPage_StudyEvents, { studyId }, ({ studyEvents }) => {
    setLiveRuns((current) => new Map(current).set(studyEvents.run.id, studyEvents.run));
    refresh();
  });

  const runs = useMemo(() => (data ? data.study.runs.map((run) => furthest(run, liveRuns.get(run.id))) : []), [data, liveRuns]);
  const finalMetrics = useMemo(() => new Map(runs.map((run) => [run.id, run.finalMetrics])), [runs]);
  usePolling(
    refetchInBackground,
    PROGRESS_POLL_MS,
    runs.some((run) => run.status === 'RUNNING'),
  );

  if (error || !data) {
    return (
      <>
        <Breadcrumbs items={[{ href: '/', label: 'Projects' }, { label: 'Study' }]} />
        {error ? (
          <ErrorNotice title="Could not load the study" error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
        ) : (
          <Loading label="Loading study…" />
        )}
      </>
    );
  }

  const { study } = data;
  const methods = [...new Set(study.runs.map((run) => run.method))].sort();
  const visibleRuns = runs.filter((run) => (!filters.status || run.status === filters.status) && (!filters.method || run.method === filters.method));
  const leaderboardMetric = filters.metric && study.metrics.includes(filters.metric) ? filters.metric : study.primaryMetric;
  const metricChoices = study.metrics.includes(study.primaryMetric) ? study.metrics : [study.primaryMetric, ...study.metrics];

  return (
    <>
      <Breadcrumbs
        items={[
          { href: '/', label: 'Projects' },
          { href: `/projects/${encodeURIComponent(study.project.id)}`, label: study.project.name },
          { label: study.name },
        ]}
      />
      <div className="page-header">
        <h1>{study.name}</h1>
        <LiveIndicator />
        {study.description ? <p className="page-header__lead">{study.description}</p> : null}
      </div>

      <dl className="facts">
        <div>
          <dt>Dataset</dt>
          <dd>
            <Link href={`/datasets/${encodeURIComponent(study.dataset.id)}`}>{study.dataset.name}</Link>{' '}
            {study.dataset.synthetic || study.dataset.quality?.synthetic ? <span className="badge badge--synthetic">Synthetic</span> : null}{' '}
            <span className="muted small break">{study.dataset.source}</span>
          </dd>
        </div>
        <div>
          <dt>Max length</dt>
          <dd>{study.maxSeqLength} tokens</dd>
        </div>
        <div>
          <dt>Seeds</dt>
          <dd>{study.seeds.join(', ')}</dd>
        </div>
        <div>
          <dt>Metrics</dt>
          <dd>
            {study.metrics.map((metric) => (
              <code key={metric} className={metric === study.primaryMetric ? 'tag tag--primary' : 'tag'} title={metric === study.primaryMetric ? 'primary metric' : undefined}>
                {metric}
              </code>
            ))}
          </dd>
        </div>
      </dl>

      <ul className="counts" aria-label="Run status counts">
        {COUNT_LABELS.map(([key, label]) => (
          <li key={key} className={`count count--${key}`} data-count={key}>
            <span className="count__value">{study.runCounts[key]}</span>
            <span className="count__label">{label}</span>
          </li>
        ))}
      </ul>

      <DataQualitySummary dataset={study.dataset} />

      <section className="panel" aria-labelledby="runs-title">
        <div className="panel__header">
          <h2 id="runs-title">Runs</h2>
          <div className="filters">
            <SelectField
              label="Status"
              value={filters.status ?? ''}
              options={[{ value: '', label: 'All' }, ...RUN_STATUSES.map((status) => ({ value: status, label: status }))]}
              onChange={(status) => filters.set({ status: status || null })}
            />
            <SelectField
              label="Method"
              value={filters.method ?? ''}
              options={[{ value: '', label: 'All' }, ...methods.map((method) => ({ value: method, label: method }))]}
              onChange={(method) => filters.set({ method: method || null })}
            />
          </div>
        </div>
        {liveError ? <ErrorNotice title="Live updates are unavailable" error={liveError} /> : null}
        <RunsTable runs={visibleRuns} primaryMetric={study.primaryMetric} filtered={Boolean(filters.status || filters.method)} />
      </section>

      <section className="panel" aria-labelledby="leaderboard-title">
        <div className="panel__header">
          <h2 id="leaderboard-title">Leaderboard</h2>
          <SelectField
            label="Metric"
            value={leaderboardMetric}
            options={metricChoices.map((metric) => ({ value: metric, label: metric }))}
            onChange={(metric) => filters.set({ metric: metric === study.primaryMetric ? null : metric })}
          />
        </div>
        <Suspense fallback={<Loading label="Loading leaderboard…" />}>
          <LeaderboardTable studyId={study.id} metric={leaderboardMetric} refreshKey={leaderboardKey} />
        </Suspense>
      </section>

      <Suspense fallback={<Loading label="Analysing runs…" />}>
        <StudyAnalysis
          studyId={study.id}
          studyMetrics={study.metrics}
          primaryMetric={study.primaryMetric}
          finishedKey={`${study.runCounts.succeeded}:${study.runCounts.failed}:${study.runCounts.cancelled}:${leaderboardKey}`}
          finalMetrics={finalMetrics}
        />
      </Suspense>
    </>
  );
}

interface StudyFilters {
  status: RunStatus | null;
  method: string | null;
  metric: string | null;
  set(patch: Partial<Record<'status' | 'method' | 'metric', string | null>>): void;
}

/** Filters live in the URL (?status=&method=&metric=) so a view can be shared. */
function useStudyFilters(): StudyFilters {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const rawStatus = params.get('status');
  const status = RUN_STATUSES.find((s) => s === rawStatus) ?? null;
  const method = params.get('method') || null;
  const metric = params.get('metric') || null;

  const set = useCallback(
    (patch: Partial<Record<'status' | 'method' | 'metric', string | null>>) => {
      const next = new URLSearchParams(params.toString());
      for (const [key, value] of Object.entries(patch)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      const query = next.toString();
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [params, pathname, router],
  );

  return { status, method, metric, set };
}
