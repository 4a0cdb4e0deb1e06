import type {
  ComposeOption,
  CustomSeriesOption,
  ScatterSeriesOption,
  DataZoomComponentOption,
  GridComponentOption,
  LineSeriesOption,
  TooltipComponentOption,
} from 'echarts';

/**
 * Options the registered ECharts parts accept (type-only import: nothing of `echarts` lands in the bundle
 * from here). Extend the union together with the registration in echarts-modules.ts.
 */
export type ChartOption = ComposeOption<
  LineSeriesOption | ScatterSeriesOption | CustomSeriesOption | GridComponentOption | TooltipComponentOption | DataZoomComponentOption
>;

/** What a chart's option may depend on besides its data: the width class of its box. */
export interface ChartLayout {
  /** Narrower than `COMPACT_WIDTH` px: fewer ticks, no slider labels, touch-friendly panning. */
  compact: boolean;
}

export const COMPACT_WIDTH = 520;
