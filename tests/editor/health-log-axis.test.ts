import { describe, expect, test } from 'vitest';
import { logAxisRange } from '../../src/editor/health/log-axis';

/**
 * Log-axis ranges uPlot 1.6.32 can draw in Chromium: its tick steps end at
 * 1e32, and a chart from 1e-23 up hangs in the tick search while one from
 * 1e-22 draws.
 */
const UPLOT_TICK_TABLE = { min: 1e-22, max: 1e32 };

describe('health log axis', () => {
  test('ordinary norms round to decades', () => {
    expect(logAxisRange(null, 2e-3, 0.5)).toEqual([1e-3, 1]);
    expect(logAxisRange(null, 0.03, 40)).toEqual([0.01, 100]);
  });

  test('diverged norms stay in the tick table', () => {
    const cases: [number, number][] = [[1e-3, 3e38], [1e-40, 1], [1e-45, 1e38], [1e33, 1e36], [1e-38, 1e-35]];
    for (const [min, max] of cases) {
      const [low, high] = logAxisRange(null, min, max) as [number, number];
      expect(low, `low for ${min} … ${max}`).toBeGreaterThanOrEqual(UPLOT_TICK_TABLE.min);
      expect(high, `high for ${min} … ${max}`).toBeLessThanOrEqual(UPLOT_TICK_TABLE.max);
      expect(high, `span for ${min} … ${max}`).toBeGreaterThan(low);
    }
  });

  test('no positive value gives a default span', () => {
    expect(logAxisRange(null, null, null)).toEqual([1e-6, 10]);
  });
});
