/**
 * ECharts with only the parts the cockpit uses (the full bundle costs ~2× the gzip size).
 */
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, CanvasRenderer]);

export interface ChartPoint {
  key: string;
  label: string;
  value: number | null;
}

export function Chart({
  kind,
  points,
  unit,
  onPick,
  testId,
  color = '#1d4ed8',
}: {
  kind: 'bar' | 'line';
  points: ChartPoint[];
  unit: string;
  onPick?: (p: ChartPoint) => void;
  testId?: string;
  color?: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  const pointsRef = useRef(points);
  pointsRef.current = points;

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current);
    chart.current = c;
    // Clicks anywhere in a category's column drill down, so a short (or zero) bar is as easy to hit
    // as a tall one.
    c.getZr().on('click', (e) => {
      const at = [e.offsetX, e.offsetY];
      if (!c.containPixel('grid', at)) return;
      const [index] = c.convertFromPixel({ seriesIndex: 0 }, at) as number[];
      const pt = pointsRef.current[Math.round(index)];
      if (pt) pick.current?.(pt);
    });
    c.getZr().on('mousemove', (e) => {
      if (pick.current) c.getZr().setCursorStyle(c.containPixel('grid', [e.offsetX, e.offsetY]) ? 'pointer' : 'default');
    });
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      {
        color: [color],
        grid: { left: 40, right: 12, top: 24, bottom: 48, containLabel: false },
        tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (v === null || v === undefined ? '—' : `${v}${unit}`) },
        xAxis: {
          type: 'category',
          data: points.map((p) => p.label),
          axisLabel: { interval: 0, rotate: points.length > 6 ? 30 : 0, fontSize: 11 },
        },
        yAxis: { type: 'value', axisLabel: { formatter: `{value}${unit}` } },
        series: [
          {
            type: kind,
            data: points.map((p) => p.value),
            barMaxWidth: 36,
            // Straight segments: a smoothed curve would suggest values between months that do not exist.
            smooth: false,
            connectNulls: false,
            label: kind === 'bar' ? { show: points.length <= 12, position: 'top', fontSize: 11 } : undefined,
            
          },
        ],
      },
      { notMerge: true },
    );
  }, [points, kind, unit, color]);

  return <div ref={el} className="chart" data-testid={testId} role="img" />;
}
