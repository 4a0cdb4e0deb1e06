/**
 * The one place ECharts modules are registered. Only what the charts use is imported, so the bundle holds
 * the core, the canvas renderer and these parts, not all of ECharts (legends are HTML beside the canvas, see
 * chart-legend.tsx). `Chart` loads this module lazily, in the browser only, so pages pay for ECharts after
 * their first paint, never on the server.
 *
 * A new chart kind registers its parts here and adds their option types to `ChartOption` (chart-option.ts).
 * The study's trade-off scatter (scatter-option.ts) uses `ScatterChart` for the runs, `CustomChart` for the
 * error bars (drawn by `renderItem`) and a `line` series for the Pareto front; its log axis is part of
 * `GridComponent`.
 */
import { CustomChart, LineChart, ScatterChart } from 'echarts/charts';
import { DataZoomInsideComponent, DataZoomSliderComponent, GridComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([LineChart, ScatterChart, CustomChart, GridComponent, TooltipComponent, DataZoomInsideComponent, DataZoomSliderComponent, CanvasRenderer]);

export { init };
