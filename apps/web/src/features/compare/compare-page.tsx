'use client';

import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { Suspense, useCallback, useMemo } from 'react';
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
  noiseQuery,
  noiseVariables,
  overlapVerdict,
  pairedVerdicts,
  parseRunIds,
  runIntervals,
  runLabel,
  studyIdsOf,
  type CompareRun,
  type HistorySeries,
  type PairedVerdict,
  type RunInterval,
  type StudyNoise,
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
        <Suspense fallback={<MetricsTable runs={runs} noise={null} />}>
          <MetricsWithNoise runs={runs} />
        </Suspense>
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

interface Noise {
  intervals: Map<string, Map<string, RunInterval>>;
  paired: PairedVerdict[];
  /** The analyses could not be loaded: no intervals, and the table says why. */
  failed: boolean;
}

/**
 * The metrics with each run's 95% bootstrap CI: read from the analyses of the runs' studies (one aliased query),
 * below the metrics it suspends on so the table shows at once without them.
 */
function MetricsWithNoise({ runs }: { runs: CompareRun[] }) {
  const studyIds = useMemo(() => studyIdsOf(runs), [runs]);
  const document = useMemo(() => gql<Record<string, StudyNoise | null>>(noiseQuery(Math.max(studyIds.length, 1))), [studyIds.length]);
  const variables = useMemo(() => noiseVariables(studyIds), [studyIds]);
  const [{ data, error }] = useQuery({ query: document, variables, pause: studyIds.length === 0 });
  const noise = useMemo<Noise | null>(() => {
    if (!data) return error ? { intervals: new Map(), paired: [], failed: true } : null;
    const analyses = new Map(studyIds.map((id, i) => [id, data[`s${i}`] ?? null]));
    return { intervals: runIntervals([...analyses.values()]), paired: pairedVerdicts(runs, analyses), failed: Boolean(error) };
  }, [data, error, runs, studyIds]);
  return <MetricsTable runs={runs} noise={noise} />;
}

const ci = (interval: RunInterval) => `${formatMetric(interval.low)}–${formatMetric(interval.high)}`;

function MetricsTable({ runs, noise }: { runs: CompareRun[]; noise: Noise | null }) {
  const rows = metricRows(runs);
  const costs: Array<[string, (run: CompareRun) => string]> = [
    ['Status', (run) => run.status],
    ['Train time', (run) => formatDuration(run.trainSeconds)],
    ['Trainable params', (run) => formatCompact(run.trainableParameters)],
    ['Peak memory', (run) => formatBytes(run.peakMemoryBytes)],
  ];
  const intervalOf = (runId: string, key: string) => noise?.intervals.get(runId)?.get(key);
  const anyInterval = Boolean(noise && noise.intervals.size > 0);
  return (
    <>
      {/* Above the scroller: a caption is as wide as the table and would scroll out of view on a phone. */}
      <p className="table__caption" id="compare-metrics-caption" data-testid="compare-metrics-caption">
        Differences are against the first run.
        {anyInterval ? (
          <>
            {' '}
            Under a score: the run&apos;s 95% bootstrap CI over its stored test predictions. <em>Within noise</em> / <em>beyond noise</em> is a rough
            check of whether the two runs&apos; intervals overlap, not a paired test.
          </>
        ) : noise?.failed ? (
          ' Confidence intervals are unavailable: the studies’ analyses could not be loaded.'
        ) : noise ? (
          ' No confidence intervals: none of these runs has stored test predictions in a succeeded, comparable cohort.'
        ) : null}
      </p>
      <div className="table-scroll">
        <table className="table" aria-label="Final metrics of the compared runs" aria-describedby="compare-metrics-caption">
          <RunHeader runs={runs} />
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} data-metric-key={row.key}>
                <th scope="row">
                  <code>{row.key}</code>
                </th>
                {row.values.map(({ value, delta }, index) => {
                  const interval = intervalOf(runs[index].id, row.key);
                  const verdict = index === 0 ? null : overlapVerdict(intervalOf(runs[0].id, row.key), interval);
                  return (
                    <td key={runs[index].id} className="num" data-run-id={runs[index].id}>
                      {formatMetric(value)}
                      {delta !== null ? (
                        <span className={`small ${delta > 0 ? 'delta--up' : delta < 0 ? 'delta--down' : 'muted'}`}>
                          {' '}
                          ({delta >= 0 ? '+' : '−'}
                          {formatMetric(Math.abs(delta))})
                        </span>
                      ) : null}
                      {interval ? (
                        <span className="ci" data-testid="run-ci">
                          95% CI {ci(interval)}
                        </span>
                      ) : null}
                      {verdict ? (
                        <span
                          className={`noise noise--${verdict}`}
                          data-noise={verdict}
                          title="Rough check: do the two runs' 95% intervals overlap? Not a paired test."
                        >
                          {verdict === 'within' ? 'within noise' : 'beyond noise'}
                        </span>
                      ) : null}
                    </td>
                  );
                })}
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
      {noise && noise.paired.length > 0 ? <PairedTests verdicts={noise.paired} runs={runs} /> : null}
    </>
  );
}

/** The study analysis' paired tests between the first run's method and the others' (same study). */
function PairedTests({ verdicts, runs }: { verdicts: PairedVerdict[]; runs: CompareRun[] }) {
  const study = runs[0].study;
  return (
    <div className="analysis__block" data-testid="compare-paired">
      <h3 className="analysis__subtitle">Paired tests</h3>
      <p className="small muted">
        From the analysis of <Link href={`/studies/${encodeURIComponent(study.id)}`}>{study.name}</Link>: the methods compared on the same test examples over all
        their seeds, a sharper check than overlapping intervals.
      </p>
      <ul className="verdicts" aria-label="Paired tests">
        {verdicts.map((verdict) => (
          <li key={`${verdict.methodA}|${verdict.methodB}|${verdict.score}`} className={`verdict ${verdict.significant ? 'verdict--significant' : ''}`} data-significant={verdict.significant ?? undefined}>
            <span className="verdict__text">{verdict.verdict}</span>
          </li>
        ))}
      </ul>
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
