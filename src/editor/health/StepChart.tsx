import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { logAxisRange } from './log-axis';

export interface StepSeries {
  label: string;
  colour: string;
}

interface StepChartProps {
  testId: string;
  title: string;
  xLabel: string;
  series: readonly StepSeries[];
  /** Steps, then one column per series; null is a gap. */
  data: uPlot.AlignedData;
  /** Log-scaled y axis for values spanning decades, such as gradient norms; else a 0–1 axis for fractions. */
  logScale: boolean;
}

const CHART_HEIGHT = 150;

/** Starts the step axis at 0 and gives an empty chart some width. */
function stepRange(_chart: uPlot, min: number | null, max: number | null): uPlot.Range.MinMax {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 10];
  return [0, Math.max(max!, 1)];
}

/** Labels a log axis's decades as 1e-5 … 1e3 and leaves the ticks between them blank, because uPlot's default rounds small decades to 0. */
function formatDecades(_chart: uPlot, splits: number[]): string[] {
  return splits.map((value) => {
    const exponent = Math.log10(value);
    return Math.abs(exponent - Math.round(exponent)) < 1e-9 ? `1e${Math.round(exponent)}` : '';
  });
}

/** Draws one uPlot line chart over training steps, created once per title, series and scale and fed with setData. */
export function StepChart({ testId, title, xLabel, series, data, logScale }: StepChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const latest = useRef(data);
  latest.current = data;

  useEffect(() => {
    const element = container.current!;
    const y: uPlot.Scale = logScale ? { distr: 3, log: 10, range: logAxisRange } : { range: [0, 1] };
    const options: uPlot.Options = {
      width: Math.max(element.clientWidth, 240),
      height: CHART_HEIGHT,
      title,
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false, range: stepRange }, y },
      axes: [{ label: xLabel, size: 36 }, logScale ? { size: 52, values: formatDecades } : { size: 52 }],
      series: [{ label: xLabel }, ...series.map((entry) => ({ label: entry.label, stroke: entry.colour, width: 2 }))],
    };
    chart.current = new uPlot(options, latest.current, element);
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, [title, xLabel, series, logScale]);

  useEffect(() => {
    chart.current?.setData(data);
  }, [data]);

  return <div className="health-chart" data-testid={testId} ref={container} />;
}
