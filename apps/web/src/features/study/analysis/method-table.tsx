'use client';

import type { ReactNode } from 'react';
import { EMPTY, formatMetric } from '@/lib/format';
import type { StudyAnalysisData } from './analysis-types';
import { bestPerColumn, formatMeanStd, methodRows, TABLE_COSTS, TABLE_METRICS, type ColumnKey } from './analysis-model';

/** One row per method (mean ± std over seeds), the majority-class baseline, the best value per column marked. */
export function MethodTable({ analysis }: { analysis: StudyAnalysisData }) {
  const rows = methodRows(analysis.methods);
  const best = bestPerColumn(rows);
  const cell = (key: ColumnKey, method: string, text: ReactNode, extra = '') => {
    const isBest = best.get(key)?.has(method) ?? false;
    return (
      <td className={`num ${extra} ${isBest ? 'cell--best' : ''}`.trim()} data-column={key} data-best={isBest || undefined}>
        {text}
        {isBest ? <span className="visually-hidden"> (best)</span> : null}
      </td>
    );
  };
  const { baseline } = analysis;
  return (
    <div className="table-scroll">
      <table className="table" aria-label="Methods">
        <caption className="table__caption">
          Mean ± standard deviation over seeds; <span className="cell--best legend-best">best</span> per column. Interval: seed-averaged
          bootstrap over the stored test predictions.
          {baseline ? null : ' No majority-class baseline: the dataset has no imported test split.'}
        </caption>
        <thead>
          <tr>
            <th scope="col">Method</th>
            <th scope="col" className="num">
              Runs
            </th>
            {TABLE_METRICS.map(({ key, label }) => (
              <th key={key} scope="col" className={`num ${key === 'eval/f1_macro' ? '' : 'hide-narrow'}`} title={key}>
                {label}
              </th>
            ))}
            <th scope="col" className="num hide-narrow">
              Macro-F1 95% CI
            </th>
            {TABLE_COSTS.map(({ axis, label }) => (
              <th key={axis} scope="col" className={`num ${axis === 'trainSeconds' ? '' : 'hide-narrow'}`}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.method} data-method={row.method}>
              <th scope="row">{row.label}</th>
              <td className="num" title={`seeds ${row.seeds.join(', ')}`}>
                {row.runs}
              </td>
              {TABLE_METRICS.map(({ key }) => cell(key, row.method, formatMeanStd(row.metrics[key]), key === 'eval/f1_macro' ? '' : 'hide-narrow'))}
              {cell('ci', row.method, row.ci ? `${formatMetric(row.ci.low)}–${formatMetric(row.ci.high)}` : EMPTY, 'hide-narrow')}
              {TABLE_COSTS.map(({ axis, format }) => {
                const value = row.costs[axis];
                return cell(axis, row.method, value == null ? EMPTY : format(value), axis === 'trainSeconds' ? '' : 'hide-narrow');
              })}
            </tr>
          ))}
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
  );
}
