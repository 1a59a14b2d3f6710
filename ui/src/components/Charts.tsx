import { useEffect, useMemo, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart as Bars, LineChart as Lines } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([Bars, Lines, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** Mounts an ECharts instance on a div for `option`, resizing with it. */
function useChart(option: echarts.EChartsCoreOption) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'svg' });
    // No entry animation: calmer, and WebKitGTK drew animated lines' clip paths as dots only.
    chart.setOption({ animation: false, ...option });
    const ro = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => chart.resize());
    ro?.observe(el);
    return () => {
      ro?.disconnect();
      chart.dispose();
    };
  }, [option]);
  return ref;
}

/** Lines over months (a `null` value leaves a gap: a month that could not be scored). */
export function LineChart({ months, series, height = 220 }: { months: string[]; series: { name: string; values: (number | null)[] }[]; height?: number }) {
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      xAxis: { type: 'category', data: months },
      yAxis: { type: 'value', scale: true, splitLine: { lineStyle: { color: '#f0f0f0' } } },
      series: series.map((s) => ({ type: 'line', name: s.name, data: s.values, connectNulls: false, symbolSize: 6 })),
    }),
    [months, series],
  );
  const ref = useChart(option);
  return <div ref={ref} style={{ height, width: '100%' }} />;
}

/** A horizontal bar chart, best first from the top (ECharts, SVG so text stays crisp). */
export function BarChart({ names, values, height = 280 }: { names: string[]; values: number[]; height?: number }) {
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', splitLine: { lineStyle: { color: '#f0f0f0' } } },
      yAxis: { type: 'category', data: [...names].reverse(), axisTick: { show: false } },
      series: [
        {
          type: 'bar',
          data: [...values].reverse(),
          itemStyle: { color: '#1677ff' },
          label: { show: true, position: 'right', formatter: (p: { value: number }) => p.value.toFixed(2) },
          barMaxWidth: 18,
        },
      ],
    }),
    [names, values],
  );
  const ref = useChart(option);
  return <div ref={ref} style={{ height, width: '100%' }} />;
}
