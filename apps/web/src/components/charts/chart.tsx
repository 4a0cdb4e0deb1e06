'use client';

import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { EChartsType, SetOptionOpts } from 'echarts/core';
import { COMPACT_WIDTH, type ChartLayout, type ChartOption } from './chart-option';
import { isZoomKey, nextZoom, type ZoomPercent } from './zoom';

/** Handlers for ECharts events (`datazoom`, `click`, ...), bound once when the chart starts. */
export type ChartEvents = Record<string, (params: unknown, chart: EChartsType) => void>;

export interface ChartProps {
  /** The option, or a function of the box's layout class (memoise either: a new one means a `setOption`). */
  option: ChartOption | ((layout: ChartLayout) => ChartOption);
  /** Accessible name of the chart, e.g. "Loss over training steps". */
  label: string;
  /** Text alternative read after the name: what the chart shows, in words and numbers. */
  summary: ReactNode;
  /** Visible title above the chart. */
  caption?: ReactNode;
  /**
   * How an updated option is applied. Default `notMerge`: the option replaces the last one entirely.
   * Live charts pass `{ replaceMerge: ['series'] }` so an open tooltip and the zoom survive new data.
   */
  update?: SetOptionOpts;
  events?: ChartEvents;
  /** Extra attributes for tests and styling. */
  className?: string;
  'data-chart'?: string;
}

type Status = 'loading' | 'ready' | 'failed';

/** ECharts is loaded on first use, in the browser only, as its own chunk. */
const loadEcharts = () => import('./echarts-modules');

/** The dataZoom state of the chart's first dataZoom component, if it has one. */
export function readDataZoom(chart: EChartsType): (ZoomPercent & { startValue?: number; endValue?: number }) | null {
  const { dataZoom } = chart.getOption() as { dataZoom?: unknown };
  const first: unknown = Array.isArray(dataZoom) ? dataZoom[0] : undefined;
  if (typeof first !== 'object' || first === null) return null;
  const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
  const record = first as Record<string, unknown>;
  return {
    start: num(record.start) ?? 0,
    end: num(record.end) ?? 100,
    startValue: num(record.startValue),
    endValue: num(record.endValue),
  };
}

/**
 * A client-only ECharts chart: initialises on mount, applies the option on change, follows its box's size,
 * and disposes on unmount. The box is a focusable image with a name and a text summary for screen readers;
 * with a dataZoom, arrow keys pan, + and - zoom and 0 resets.
 */
export function Chart({ option, label, summary, caption, update, events, className, 'data-chart': dataChart }: ChartProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<EChartsType | null>(null);
  const [status, setStatus] = useState<Status>('loading');
  const [compact, setCompact] = useState(false);
  const summaryId = useId();

  // Only the browser draws: the server renders the frame and the text summary, and builds no option.
  const resolved = useMemo(() => (typeof window === 'undefined' ? null : typeof option === 'function' ? option({ compact }) : option), [option, compact]);
  const latest = useRef({ option: resolved, update, events });
  useEffect(() => {
    latest.current = { option: resolved, update, events };
  });

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    let disposed = false;
    let frame = 0;
    const observer = new ResizeObserver(([entry]) => {
      setCompact(entry.contentRect.width < COMPACT_WIDTH);
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => chartRef.current?.resize());
    });
    observer.observe(host);
    loadEcharts().then(
      ({ init }) => {
        if (disposed) return;
        const chart = init(host, null, { renderer: 'canvas' });
        chartRef.current = chart;
        for (const name of Object.keys(latest.current.events ?? {})) {
          chart.on(name, (params: unknown) => latest.current.events?.[name]?.(params, chart));
        }
        if (latest.current.option) chart.setOption(latest.current.option, { notMerge: true });
        setStatus('ready');
      },
      () => {
        if (!disposed) setStatus('failed');
      },
    );
    return () => {
      disposed = true;
      observer.disconnect();
      cancelAnimationFrame(frame);
      chartRef.current?.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    if (resolved) chartRef.current?.setOption(resolved, latest.current.update ?? { notMerge: true });
  }, [resolved]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const chart = chartRef.current;
    if (!chart || event.altKey || event.metaKey || event.ctrlKey || !isZoomKey(event.key)) return;
    const zoom = readDataZoom(chart);
    if (!zoom) return;
    const next = nextZoom(event.key, zoom);
    event.preventDefault();
    if (next.start === zoom.start && next.end === zoom.end) return;
    chart.dispatchAction({ type: 'hideTip' });
    chart.dispatchAction({ type: 'dataZoom', dataZoomIndex: 0, start: next.start, end: next.end });
  };

  return (
    <figure className={['chart', className].filter(Boolean).join(' ')} data-chart={dataChart} data-chart-status={status}>
      {caption ? <figcaption className="chart__caption">{caption}</figcaption> : null}
      <div className="chart__frame">
        {/* ECharts owns this element's children: React renders nothing inside it. */}
        <div ref={hostRef} className="chart__canvas" role="img" tabIndex={0} aria-label={label} aria-describedby={summaryId} onKeyDown={onKeyDown} />
        {status === 'loading' ? (
          <p className="chart__status" aria-hidden="true">
            <span className="spinner" />
            Drawing chart…
          </p>
        ) : status === 'failed' ? (
          <p className="chart__status chart__status--failed" role="alert">
            The chart could not load; reload the page to try again.
          </p>
        ) : null}
      </div>
      <div id={summaryId} className="visually-hidden">
        {summary}
      </div>
    </figure>
  );
}
