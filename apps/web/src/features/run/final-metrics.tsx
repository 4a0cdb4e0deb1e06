'use client';

import { EmptyState } from '@/components/query-states';
import { formatJsonValue } from '@/lib/format';

/** The run's final metrics by key, the study's primary metric in bold. */
export function FinalMetrics({ metrics, primaryMetric }: { metrics: Record<string, unknown> | null; primaryMetric: string }) {
  const entries = Object.entries(metrics ?? {}).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return <EmptyState title="Not finished yet">Final metrics appear when the run succeeds.</EmptyState>;
  return (
    <table className="table table--compact" aria-label="Final metrics">
      <tbody>
        {entries.map(([key, value]) => (
          <tr key={key} data-metric-key={key} className={key === primaryMetric ? 'row--primary' : undefined}>
            <th scope="row">
              <code>{key}</code>
            </th>
            <td className="num">{formatJsonValue(value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
