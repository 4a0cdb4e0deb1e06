'use client';

import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { Fragment, useCallback, useState, type ReactNode } from 'react';
import { EMPTY, formatMetric } from '@/lib/format';
import type { MetricSummary, StudyAnalysisData } from './analysis-types';
import { bestPerColumn, methodRows, TABLE_COSTS, TABLE_METRICS, type ColumnKey } from './analysis-model';
import { ariaSort, methodSortSearch, nextSort, parseMethodSort, runRows, sortMethodRows, SORT_PARAM, toggleExpanded } from './method-table-model';

const narrow = (key: ColumnKey) => (key === 'eval/f1_macro' || key === 'trainSeconds' ? '' : 'hide-narrow');
/** The mean, with "± std" under it (it keeps the eleven columns narrow); the text reads "0.8650 ± 0.0071". */
const meanStd = (summary: MetricSummary | undefined): ReactNode => {
  if (!summary || summary.mean === null) return EMPTY;
  return (
    <>
      {formatMetric(summary.mean)}
      {summary.std !== null ? <span className="method-table__std"> ± {formatMetric(summary.std)}</span> : null}
    </>
  );
};
const interval = (ci: { low: number; high: number } | null) => (ci ? `${formatMetric(ci.low)}–${formatMetric(ci.high)}` : EMPTY);

/**
 * One row per method (mean ± std over seeds), each expandable to its runs; sortable by any metric or cost
 * (`?sort=`); the majority-class baseline last; the best value per column marked.
 */
export function MethodTable({
  analysis,
  finalMetrics,
}: {
  analysis: StudyAnalysisData;
  /** The study's runs' final metrics by run id, for the run rows. */
  finalMetrics: ReadonlyMap<string, Record<string, unknown> | null>;
}) {
  const params = useSearchParams();
  const pathname = usePathname();
  const sort = parseMethodSort(params.get(SORT_PARAM));
  const quality = analysis.qualityMetric;
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());

  const sortBy = useCallback(
    (column: ColumnKey) => {
      const query = methodSortSearch(params.toString(), nextSort(sort, column, quality));
      // As the analysis' other view state: Next's router follows history.replaceState without a round trip.
      window.history.replaceState(null, '', query ? `${pathname}?${query}` : pathname);
    },
    [params, pathname, sort, quality],
  );

  const rows = sortMethodRows(methodRows(analysis.methods), sort);
  const best = bestPerColumn(rows);
  const cell = (key: ColumnKey, method: string, text: ReactNode) => {
    const isBest = best.get(key)?.has(method) ?? false;
    return (
      <td key={key} className={`num ${narrow(key)} ${isBest ? 'cell--best' : ''}`.trim()} data-column={key} data-best={isBest || undefined}>
        {text}
        {isBest ? <span className="visually-hidden"> (best)</span> : null}
      </td>
    );
  };
  const header = (key: ColumnKey, label: string, title?: string) => {
    const state = ariaSort(sort, key, quality);
    return (
      <th key={key} scope="col" className={`num ${narrow(key)}`.trim()} aria-sort={state} data-column={key}>
        <button type="button" className="sort-button" title={title} onClick={() => sortBy(key)}>
          {label}
          <span className="sort-button__mark" aria-hidden="true">
            {state === 'ascending' ? '▲' : state === 'descending' ? '▼' : '↕'}
          </span>
        </button>
      </th>
    );
  };
  const { baseline } = analysis;
  const byMethod = new Map(analysis.methods.map((m) => [m.method, m]));

  return (
    <>
      {/* Above the scroller, not a <caption>: a caption is as wide as the table and would scroll out of view. */}
      <p className="table__caption" id="methods-caption" data-testid="methods-caption">
        Mean ± standard deviation over seeds; <span className="cell--best legend-best">best</span> per column. Interval: seed-averaged
        bootstrap over the stored test predictions (a run&apos;s own in its row).
        {baseline ? null : ' No majority-class baseline: the dataset has no imported test split.'}
      </p>
      <div className="table-scroll">
      <table className="table method-table" aria-label="Methods" aria-describedby="methods-caption">
        <thead>
          <tr>
            <th scope="col">Method</th>
            <th scope="col" className="num">
              Runs
            </th>
            {TABLE_METRICS.map(({ key, label }) => header(key, label, key))}
            {header('ci', 'Macro-F1 95% CI')}
            {TABLE_COSTS.map(({ axis, label }) => header(axis, label, axis === 'inferenceLatencyMs' ? 'Inference latency, median at batch 1' : undefined))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const open = expanded.has(row.method);
            const stats = byMethod.get(row.method);
            const runs = open && stats ? runRows(stats, finalMetrics, quality) : [];
            const rowId = (runId: string) => `method-run-${runId}`;
            return (
              <Fragment key={row.method}>
                <tr data-method={row.method} className={open ? 'row--open' : undefined}>
                  <th scope="row">
                    <button
                      type="button"
                      className="disclosure method-table__toggle"
                      aria-expanded={open}
                      aria-controls={runs.length > 0 ? runs.map((run) => rowId(run.runId)).join(' ') : undefined}
                      onClick={() => setExpanded((current) => toggleExpanded(current, row.method))}
                    >
                      <span className="hide-narrow">{row.label}</span>
                      <span className="show-narrow">
                        {row.shortLabel}
                      </span>
                      <span className="visually-hidden">: {open ? 'hide' : 'show'} its runs</span>
                    </button>
                  </th>
                  <td className="num" title={`seeds ${row.seeds.join(', ')}`}>
                    {row.runs}
                  </td>
                  {TABLE_METRICS.map(({ key }) => cell(key, row.method, meanStd(row.metrics[key])))}
                  {cell('ci', row.method, interval(row.ci))}
                  {TABLE_COSTS.map(({ axis, format }) => {
                    const value = row.costs[axis];
                    return cell(axis, row.method, value == null ? EMPTY : format(value));
                  })}
                </tr>
                {runs.map((run) => (
                      <tr key={run.runId} id={rowId(run.runId)} className="row--run" data-run-of={row.method} data-run-id={run.runId}>
                        <th scope="row">
                          <Link href={`/runs/${encodeURIComponent(run.runId)}`}>seed {run.seed}</Link>
                          <span className="muted small mono hide-narrow"> {run.runId.slice(0, 8)}</span>
                        </th>
                        <td className="num">{EMPTY}</td>
                        {TABLE_METRICS.map(({ key }) => (
                          <td key={key} className={`num ${narrow(key)}`.trim()} data-column={key}>
                            {formatMetric(run.metrics[key])}
                          </td>
                        ))}
                        <td className="num hide-narrow" data-column="ci">
                          {interval(run.ci)}
                        </td>
                        {TABLE_COSTS.map(({ axis, format }) => {
                          const value = run.costs[axis];
                          return (
                            <td key={axis} className={`num ${narrow(axis)}`.trim()} data-column={axis}>
                              {value == null ? EMPTY : format(value)}
                            </td>
                          );
                        })}
                      </tr>
                    ))}
              </Fragment>
            );
          })}
          {baseline ? (
            <tr className="row--baseline" data-method="majority-baseline">
              <th scope="row">
                Majority class <span className="muted small">(always {baseline.label === 1 ? 'positive' : 'negative'})</span>
              </th>
              <td className="num">{EMPTY}</td>
              <td className="num">{formatMetric(baseline.f1Macro)}</td>
              <td className="num hide-narrow">{formatMetric(baseline.accuracy)}</td>
              <td className="num hide-narrow">{EMPTY}</td>
              <td className="num hide-narrow">{EMPTY}</td>
              <td className="num">{EMPTY}</td>
              {TABLE_COSTS.slice(1).map(({ axis }) => (
                <td key={axis} className="num hide-narrow">
                  {EMPTY}
                </td>
              ))}
            </tr>
          ) : null}
        </tbody>
      </table>
      </div>
    </>
  );
}
