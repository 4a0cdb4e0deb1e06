'use client';

import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { gql, useQuery } from '@urql/next';
import { Breadcrumbs } from '@/components/breadcrumbs';
import { Chart } from '@/components/charts/chart';
import type { ChartLayout } from '@/components/charts/chart-option';
import { ChartLegend } from '@/components/charts/chart-legend';
import { buildLineBandOption } from '@/components/charts/line-band-option';
import { useChartTheme } from '@/components/charts/use-chart-theme';
import { EmptyState, ErrorNotice, Loading } from '@/components/query-states';
import { StatusBadge, type RunStatus } from '@/components/status-badge';
import { formatBytes, formatCompact, formatDuration, formatMetric } from '@/lib/format';
import {
  compareQuery,
  compareVariables,
  configDiff,
  CURVE_KEYS,
  curveSeries,
  metricRows,
  parseRunIds,
  runLabel,
  type CompareRun,
  type HistorySeries,
} from './compare-model';

interface Comparability {
  comparable: boolean;
  reason: string | null;
  differences: Array<{ field: string; values: Array<{ value: string | null; runIds: string[] }> }>;
}

type CompareData = { compareRuns: Comparability } & Record<string, CompareRun | HistorySeries[]>;

/** `/compare?runs=id1,id2,...`: whether the runs are comparable, their metrics, configuration and curves. */
export function ComparePage() {
  const params = useSearchParams();
  const { ids, error: idsError } = parseRunIds(params.get('runs'));
  return (
    <>
      <Breadcrumbs items={[{ href: '/', label: 'Projects' }, { label: 'Compare runs' }]} />
      <div className="page-header">
        <h1>Compare runs</h1>
      </div>
      {ids.length < 2 ? (
        <EmptyState title="Nothing to compare yet">{idsError} Tick runs in a study&apos;s runs table and choose “Compare selected”.</EmptyState>
      ) : (
        <>
          {idsError ? <p className="small muted">{idsError}</p> : null}
          <CompareRuns key={ids.join(',')} ids={ids} />
        </>
      )}
    </>
  );
}

function CompareRuns({ ids }: { ids: string[] }) {
  const document = useMemo(() => gql<CompareData>(compareQuery(ids.length)), [ids.length]);
  const variables = useMemo(() => compareVariables(ids), [ids]);
  const [{ data, error }, refetch] = useQuery({ query: document, variables, requestPolicy: 'cache-and-network' });
  if (error && !data) return <ErrorNotice title="Could not load the runs" error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!data) return <Loading label="Loading runs…" />;

  const runs = ids.map((_, i) => data[`r${i}`] as CompareRun);
  const histories = ids.map((_, i) => (data[`h${i}`] as HistorySeries[] | undefined) ?? []);
  return (
    <>
      <Verdict comparability={data.compareRuns} runs={runs} />
      <section className="panel" aria-labelledby="compare-metrics-title">
        <h2 id="compare-metrics-title">Final metrics</h2>
        <MetricsTable runs={runs} />
      </section>
      <section className="panel" aria-labelledby="compare-config-title">
        <h2 id="compare-config-title">Configuration</h2>
        <ConfigTable runs={runs} />
      </section>
      <section className="panel" aria-labelledby="compare-curves-title">
        <h2 id="compare-curves-title">Curves</h2>
        <div className="chart-grid">
          {CURVE_KEYS.map((key) => (
            <CurveChart key={key} metric={key} runs={runs} histories={histories} />
          ))}
        </div>
      </section>
    </>
  );
}

function Verdict({ comparability, runs }: { comparability: Comparability; runs: CompareRun[] }) {
  const name = (id: string) => {
    const run = runs.find((r) => r.id === id);
    return run ? runLabel(run) : id.slice(0, 8);
  };
  return (
    <div
      className={`state ${comparability.comparable ? 'compare-verdict--ok' : 'state--error'} compare-verdict`}
      role="status"
      data-testid="compare-verdict"
      data-comparable={comparability.comparable}
    >
      <p className="state__title">{comparability.comparable ? 'Comparable: same split and evaluation rules' : 'Not comparable'}</p>
      {comparability.reason ? <p className="state__message">{comparability.reason}</p> : null}
      {comparability.differences.length > 0 ? (
        <ul className="small">
          {comparability.differences.map((difference) => (
            <li key={difference.field}>
              <code>{difference.field}</code> differs:{' '}
              {difference.values.map((value) => `${value.value ?? '—'} (${value.runIds.map(name).join(', ')})`).join(' vs ')}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function RunHeader({ runs }: { runs: CompareRun[] }) {
  return (
    <thead>
      <tr>
        <th scope="col">&nbsp;</th>
        {runs.map((run, index) => (
          <th key={run.id} scope="col" className="num">
            <Link href={`/runs/${encodeURIComponent(run.id)}`}>{runLabel(run)}</Link>
            {index === 0 ? <span className="muted"> (reference)</span> : null}
          </th>
        ))}
      </tr>
    </thead>
  );
}

function MetricsTable({ runs }: { runs: CompareRun[] }) {
  const rows = metricRows(runs);
  const costs: Array<[string, (run: CompareRun) => string]> = [
    ['Status', (run) => run.status],
    ['Train time', (run) => formatDuration(run.trainSeconds)],
    ['Trainable params', (run) => formatCompact(run.trainableParameters)],
    ['Peak memory', (run) => formatBytes(run.peakMemoryBytes)],
  ];
  return (
    <div className="table-scroll">
      <table className="table" aria-label="Final metrics of the compared runs">
        <caption className="table__caption">Differences are against the first run.</caption>
        <RunHeader runs={runs} />
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-metric-key={row.key}>
              <th scope="row">
                <code>{row.key}</code>
              </th>
              {row.values.map(({ value, delta }, index) => (
                <td key={runs[index].id} className="num">
                  {formatMetric(value)}
                  {delta !== null ? <span className={`small ${delta > 0 ? 'delta--up' : delta < 0 ? 'delta--down' : 'muted'}`}> ({delta >= 0 ? '+' : '−'}{formatMetric(Math.abs(delta))})</span> : null}
                </td>
              ))}
            </tr>
          ))}
          {costs.map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              {runs.map((run) => (
                <td key={run.id} className="num">
                  {label === 'Status' ? <StatusBadge status={run.status as RunStatus} /> : value(run)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ConfigTable({ runs }: { runs: CompareRun[] }) {
  const { differing, same } = configDiff(runs);
  return (
    <>
      {differing.length === 0 ? (
        <p className="muted">Same configuration.</p>
      ) : (
        <div className="table-scroll">
          <table className="table" aria-label="Configuration differences">
            <RunHeader runs={runs} />
            <tbody>
              {differing.map((row) => (
                <tr key={row.key} className="row--changed">
                  <th scope="row">
                    <code>{row.key}</code>
                  </th>
                  {row.values.map((value, index) => (
                    <td key={runs[index].id} className="num break">
                      {value}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {same.length > 0 ? (
        <p className="small muted">
          Same in all: {same.map((row) => `${row.key} ${row.value}`).join(' · ')}
        </p>
      ) : null}
    </>
  );
}

function CurveChart({ metric, runs, histories }: { metric: string; runs: CompareRun[]; histories: HistorySeries[][] }) {
  const theme = useChartTheme();
  const series = useMemo(() => curveSeries(runs, histories, metric), [runs, histories, metric]);
  const option = useCallback(
    (layout: ChartLayout) => buildLineBandOption({ series, unit: 'plain', xAxis: 'step', theme, layout, zoom: null }),
    [series, theme],
  );
  const drawn = series.filter((s) => s.points.length > 0);
  if (drawn.length === 0) {
    return (
      <figure className="chart">
        <figcaption className="chart__caption">
          <span className="chart__title">{metric}</span>
        </figcaption>
        <p className="muted small">No run logged {metric}.</p>
      </figure>
    );
  }
  return (
    <Chart
      option={option}
      data-chart={`compare-${metric}`}
      label={`${metric} over training steps, one line per run`}
      caption={
        <>
          <span className="chart__title">{metric}</span>
          <ChartLegend names={drawn.map((s) => s.name)} theme={theme} />
        </>
      }
      summary={drawn.map((s) => `${s.name}: last ${formatMetric(s.points[s.points.length - 1].y)} at step ${s.points[s.points.length - 1].x}`).join('; ')}
    />
  );
}
