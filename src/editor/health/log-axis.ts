import uPlot from 'uplot';

/**
 * Bounds of a log-scaled health chart's y axis. uPlot 1.6.32 picks log-axis
 * ticks from a table of steps between 1e-32 and 1e32 and looks each decade up
 * by exact value. Beyond that table, and below 1e-22 where 10^k misses the
 * table's entry by rounding, the tick search never ends: the page freezes and
 * then throws "Invalid array length". A diverging run reaches such gradient
 * norms. The limits were found by drawing single charts in Chromium.
 */
export const LOG_AXIS_MIN = 1e-20;
export const LOG_AXIS_MAX = 1e30;

/** Y range used when no sample has a positive finite value: the badges' bar span, 10⁻⁶ … 10. */
const EMPTY_RANGE: uPlot.Range.MinMax = [1e-6, 10];

/**
 * Returns whole decades around the data, clipped to LOG_AXIS_MIN … LOG_AXIS_MAX.
 * Values outside the clipped range are drawn past the plot's edge, so the table
 * is the place to read them.
 */
export function logAxisRange(_chart: uPlot | null, min: number | null, max: number | null): uPlot.Range.MinMax {
  if (min === null || max === null || !(min > 0) || !Number.isFinite(max)) return EMPTY_RANGE;
  const [low, high] = uPlot.rangeLog(min, max, 10, true) as [number, number];
  const clippedLow = Math.min(Math.max(low, LOG_AXIS_MIN), LOG_AXIS_MAX / 10);
  const clippedHigh = Math.max(Math.min(high, LOG_AXIS_MAX), clippedLow * 10);
  return [clippedLow, clippedHigh];
}
