import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart as Bars } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([Bars, GridComponent, TooltipComponent, SVGRenderer]);

/** A horizontal bar chart, best first from the top (ECharts, SVG so text stays crisp). */
export function BarChart({ names, values, height = 280 }: { names: string[]; values: number[]; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'svg' });
    chart.setOption({
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
    });
    const ro = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => chart.resize());
    ro?.observe(el);
    return () => {
      ro?.disconnect();
      chart.dispose();
    };
  }, [names, values]);
  return <div ref={ref} style={{ height, width: '100%' }} />;
}
