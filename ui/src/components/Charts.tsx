import { useEffect, useMemo, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart as Bars, HeatmapChart as Heat, LineChart as Lines } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([Bars, Heat, Lines, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);

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

/**
 * Rows × columns coloured by a share (0–100: a score as a percent of its points), each cell
 * labelled with its own text (the score itself). Red is low, green high.
 */
export function HeatMap({ rows, columns, cells, low, high }: { rows: string[]; columns: string[]; cells: { row: number; column: number; share: number; text: string }[]; low: string; high: string }) {
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 8, top: 8, bottom: 56, containLabel: true },
      tooltip: {
        formatter: (p: { data: [number, number, number, string] }) => `${rows[p.data[1]]} · ${columns[p.data[0]]}<br/>${p.data[3]}（${Math.round(p.data[2])}%）`,
      },
      xAxis: { type: 'category', data: columns, splitArea: { show: true }, axisLabel: { interval: 0, rotate: columns.length > 6 ? 30 : 0 } },
      yAxis: { type: 'category', data: rows, inverse: true, splitArea: { show: true } },
      visualMap: { dimension: 2, min: 0, max: 100, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, text: [high, low], inRange: { color: ['#ffa39e', '#ffe58f', '#b7eb8f'] } },
      series: [
        {
          type: 'heatmap',
          data: cells.map((c) => [c.column, c.row, c.share, c.text]),
          label: { show: true, formatter: (p: { data: [number, number, number, string] }) => p.data[3] },
        },
      ],
    }),
    [rows, columns, cells, low, high],
  );
  const ref = useChart(option);
  return <div ref={ref} data-testid="heatmap" style={{ height: 72 + rows.length * 28, width: '100%' }} />;
}
