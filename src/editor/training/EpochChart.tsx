import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { EpochRecord } from '../../engine/training/trainer';

export interface ChartSeries {
  label: string;
  colour: string;
  dash?: number[];
  value(record: EpochRecord): number;
}

interface EpochChartProps {
  testId: string;
  title: string;
  xLabel: string;
  series: readonly ChartSeries[];
  history: readonly EpochRecord[];
  /** Fixed y range, such as [0, 1] for accuracy; the chart fits the data when absent. */
  yRange?: [number, number];
}

const CHART_HEIGHT = 130;
/** Epochs the x axis spans before the first epoch ends, so an empty chart still shows its axes. */
const EMPTY_EPOCHS = 10;
/** Spacings uPlot may choose between epoch ticks: whole epochs only. */
const EPOCH_TICKS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000];

/** Spans epoch 1 to the last epoch; uPlot passes null bounds while there is no data. */
function epochRange(_chart: uPlot, min: number | null, max: number | null): uPlot.Range.MinMax {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [1, EMPTY_EPOCHS];
  return [Math.min(min!, 1), Math.max(max!, 2)];
}

/** Starts the y axis at 0, so a falling loss reads as a share of where it started. */
function lossRange(_chart: uPlot, _min: number | null, max: number | null): uPlot.Range.MinMax {
  return [0, Number.isFinite(max) && max! > 0 ? max! * 1.05 : 1];
}

/** Columns in uPlot's layout: epochs, then one array per series; NaN (no validation split) becomes a gap. */
function chartData(history: readonly EpochRecord[], series: readonly ChartSeries[]): uPlot.AlignedData {
  const epochs = history.map((record) => record.epoch);
  const columns = series.map((entry) => history.map((record) => {
    const value = entry.value(record);
    return Number.isFinite(value) ? value : null;
  }));
  return [epochs, ...columns];
}

/**
 * Draws one uPlot line chart of per-epoch values. The chart is created once per
 * title, series and size, and receives new data with setData after each epoch.
 */
export function EpochChart({ testId, title, xLabel, series, history, yRange }: EpochChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const latest = useRef(history);
  latest.current = history;

  useEffect(() => {
    const element = container.current!;
    const options: uPlot.Options = {
      width: Math.max(element.clientWidth, 200),
      height: CHART_HEIGHT,
      title,
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false, range: epochRange }, y: { range: yRange ?? lossRange } },
      axes: [{ label: xLabel, size: 36, incrs: EPOCH_TICKS }, { size: 46 }],
      series: [{ label: xLabel }, ...series.map((entry) => ({ label: entry.label, stroke: entry.colour, width: 2, dash: entry.dash }))],
    };
    chart.current = new uPlot(options, chartData(latest.current, series), element);
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, [title, xLabel, series, yRange]);

  useEffect(() => {
    chart.current?.setData(chartData(history, series));
  }, [history, series]);

  return <div className="training-chart" data-testid={testId} ref={container} />;
}
