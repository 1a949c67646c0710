// One ECharts chart as an image with an accessible name and description, for the desks that draw
// charts (the supervisor board, the reports page). ECharts is imported piece by piece — bar chart,
// grid, tooltip, legend, SVG renderer — and only the chunks of those desks import this module, so
// sign-in and the department desk carry none of it.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

export type ChartOption = echarts.ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/** Text on the charts: dark enough on white for WCAG AA. */
export const CHART_TEXT = 'rgba(0, 0, 0, 0.88)';
export const axisText = { color: CHART_TEXT };

/**
 * Series colours that meet AA contrast on white and differ in lightness as well as hue; the legend
 * names each series, so no figure is told by colour alone.
 */
export const SERIES_COLOURS = [
  '#0958d9',
  '#a8071a',
  '#237804',
  '#ad4e00',
  '#531dab',
  '#006d75',
  '#c41d7f',
  '#614700',
  '#1d39c4',
  '#5c0011',
  '#254000',
  '#08979c',
];

export function EChart({
  option,
  label,
  description,
  height,
  className = 'chart',
}: {
  option: ChartOption;
  label: string;
  description: string;
  height: number;
  className?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | undefined>(undefined);
  useEffect(() => {
    const el = ref.current!;
    const c = echarts.init(el, undefined, { renderer: 'svg' });
    chart.current = c;
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = undefined;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);
  return (
    <figure className={className} style={{ margin: 0 }}>
      <div ref={ref} role="img" aria-label={`${label}. ${description}`} data-chart={label} style={{ width: '100%', height }} />
    </figure>
  );
}
