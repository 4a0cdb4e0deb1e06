'use client';

import { formatValue } from '@/components/charts/value-format';
import { EMPTY, formatDateTime, formatInteger } from '@/lib/format';
import { isUnixSeconds, unitOf } from './metric-groups';
import type { SeriesView } from './metric-series';

/** A training step as a count; a system reading's step (Unix seconds) as its UTC time of day. */
function formatStep(step: number | null): string {
  if (step === null) return EMPTY;
  return isUnixSeconds(step) ? formatDateTime(new Date(step * 1000).toISOString()).slice(11) : formatInteger(step);
}

/** The latest value, its step and the point count of every metric: the numbers behind the charts. */
export function MetricTable({ views }: { views: readonly SeriesView[] }) {
  return (
    <div className="table-scroll">
      <table className="table table--compact" aria-label="Metrics">
        <caption className="table__caption">Latest values</caption>
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
          </tr>
        </thead>
        <tbody>
          {views.map((view) => (
            <tr key={view.key} data-metric-key={view.key}>
              <th scope="row" className="break">
                <code>{view.key}</code>
              </th>
              <td className="num" data-field="last">
                {view.last === null ? EMPTY : formatValue(unitOf(view.key), view.last)}
              </td>
              <td className="num hide-narrow" data-field="step">
                {formatStep(view.lastStep)}
              </td>
              <td className="num" data-field="points">
                {formatInteger(view.totalPoints)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
