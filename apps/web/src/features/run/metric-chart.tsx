'use client';

import { memo, useCallback, useMemo, useState } from 'react';
import type { SetOptionOpts } from 'echarts/core';
import { Chart, readDataZoom, type ChartEvents } from '@/components/charts/chart';
import { ChartLegend } from '@/components/charts/chart-legend';
import type { ChartLayout } from '@/components/charts/chart-option';
import { buildLineBandOption, windowFromZoom, type XWindow } from '@/components/charts/line-band-option';
import { useChartTheme } from '@/components/charts/use-chart-theme';
import { describeSeries, type MetricGroup } from './metric-groups';

/** Live charts keep the zoom and an open tooltip when points arrive: only the series are replaced. */
const LIVE_UPDATE: SetOptionOpts = { replaceMerge: ['series'] };

const KEYBOARD_HINT = 'When the chart has focus, the left and right arrow keys pan, + and − zoom, 0 shows everything.';

/**
 * One chart of a metric group: each key's curve through the last value of every bucket, a band over the
 * bucket's min and max, zoomable on the step axis. The API's `metricHistory` takes no step range, so a zoom
 * magnifies the buckets already loaded rather than fetching finer ones.
 */
export const MetricChart = memo(MetricGroupChart, (before, after) => sameGroup(before.group, after.group));

/** Same chart, same series objects: a live batch for other keys leaves this chart alone. */
function sameGroup(a: MetricGroup, b: MetricGroup): boolean {
  return (
    a.id === b.id &&
    a.title === b.title &&
    a.unit === b.unit &&
    a.xAxis === b.xAxis &&
    a.series.length === b.series.length &&
    a.series.every((view, i) => view === b.series[i])
  );
}

function MetricGroupChart({ group }: { group: MetricGroup }) {
  const theme = useChartTheme();
  const [zoom, setZoom] = useState<XWindow | null>(null);
  const { unit, xAxis } = group;

  const series = useMemo(() => group.series.map((view) => ({ name: view.key, points: view.points })), [group.series]);
  const option = useCallback(
    (layout: ChartLayout) => buildLineBandOption({ series, unit, xAxis, theme, layout, zoom }),
    [series, unit, xAxis, theme, zoom],
  );
  const events = useMemo<ChartEvents>(
    () => ({
      datazoom: (_params, chart) => {
        const state = readDataZoom(chart);
        setZoom(state ? windowFromZoom(xAxis, state) : null);
      },
    }),
    [xAxis],
  );

  const axisWords = xAxis === 'time' ? 'over time' : 'over training steps';
  return (
    <Chart
      data-chart={group.id}
      caption={
        <>
          <span className="chart__title">{group.title}</span>
          <ChartLegend names={series.map((s) => s.name)} theme={theme} />
        </>
      }
      label={`${group.title} ${axisWords}: ${group.series.map((s) => s.key).join(', ')}`}
      option={option}
      update={LIVE_UPDATE}
      events={events}
      summary={
        <>
          <ul>
            {group.series.map((view) => (
              <li key={view.key}>{describeSeries(view, unit, xAxis)}</li>
            ))}
          </ul>
          <p>{KEYBOARD_HINT}</p>
        </>
      }
    />
  );
}
