'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { Chart, type ChartEvents } from '@/components/charts/chart';
import type { ChartLayout } from '@/components/charts/chart-option';
import { ChartLegend } from '@/components/charts/chart-legend';
import { buildScatterOption } from '@/components/charts/scatter-option';
import { useChartTheme } from '@/components/charts/use-chart-theme';
import { formatMetric } from '@/lib/format';
import type { StudyAnalysisData } from './analysis-types';
import { formatCost, scatterInput } from './analysis-model';
import type { CostChoice } from './analysis-view-state';

/** Quality against one cost per run, the Pareto front as a step line; a click opens the run. */
export function TradeoffChart({ analysis, cost, stale }: { analysis: StudyAnalysisData; cost: CostChoice; stale: boolean }) {
  const theme = useChartTheme();
  const router = useRouter();
  const input = useMemo(() => scatterInput(analysis, cost), [analysis, cost]);
  const quality = analysis.pareto.qualityMetric;
  const option = useCallback(
    (layout: ChartLayout) =>
      buildScatterOption({ ...input, xUnit: cost.unit, xLog: cost.log, xName: cost.label.replace(' (log)', ''), yName: quality, theme, layout }),
    [input, cost, quality, theme],
  );
  const events = useMemo<ChartEvents>(
    () => ({
      click: (params) => {
        const id = (params as { data?: { id?: unknown } }).data?.id;
        if (typeof id === 'string') router.push(`/runs/${encodeURIComponent(id)}`);
      },
    }),
    [router],
  );

  const front = input.points.filter((p) => !p.faded);
  const unplaced = analysis.pareto.unplaced.length;
  return (
    <div className="analysis__block">
      <h3 className="analysis__subtitle">Trade-off</h3>
      {input.points.length === 0 ? (
        <p className="muted small">No run has both {quality} and a {cost.label.toLowerCase()} yet.</p>
      ) : (
        <Chart
          option={option}
          events={events}
          className={stale ? 'chart--stale' : undefined}
          data-chart="tradeoff"
          label={`${quality} against ${cost.label.toLowerCase()}, one point per run`}
          caption={
            <>
              <ChartLegend names={input.groups} theme={theme} />
              <span className="small muted">
                Bubble size: trainable parameters (log). Faded: dominated. Dashed: Pareto front.
                {quality === 'eval/f1_macro' ? ' Bars: 95% CI per run.' : ''}
              </span>
            </>
          }
          summary={
            <>
              {input.points.length} runs plotted.{' '}
              {front.length} on the Pareto front:{' '}
              {front.map((p) => `${p.title} at ${formatMetric(p.y)} for ${formatCost(cost, p.x)}`).join('; ')}.
            </>
          }
        />
      )}
      {unplaced > 0 ? (
        <p className="small muted">
          {unplaced} run{unplaced === 1 ? '' : 's'} not plotted: no {quality} or no {cost.label.replace(' (log)', '').toLowerCase()} recorded.
        </p>
      ) : null}
    </div>
  );
}
