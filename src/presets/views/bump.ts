/**
 * One bump made of four ReLUs: it rises from 0 at `start` to `height` over
 * `ramp`, stays flat, and falls back to 0 at `end`:
 * f(x) = height / ramp · [ReLU(x − a) − ReLU(x − a − ramp) − ReLU(x − b + ramp) + ReLU(x − b)].
 */
export interface Bump {
  start: number;
  end: number;
  height: number;
  ramp: number;
}

const relu = (x: number) => Math.max(0, x);

export function bumpValue({ start, end, height, ramp }: Bump, x: number): number {
  return (height / ramp) * (relu(x - start) - relu(x - start - ramp) - relu(x - end + ramp) + relu(x - end));
}

export function sumOfBumps(bumps: readonly Bump[], x: number): number {
  return bumps.reduce((total, bump) => total + bumpValue(bump, x), 0);
}

/**
 * Covers [from, to] with `count` bumps, each as high as `target` at the middle
 * of its interval. Neighbours overlap on their ramps, so the sum runs in a
 * straight line from one height to the next instead of stepping.
 */
export function bumpsFor(target: (x: number) => number, count: number, from: number, to: number): Bump[] {
  const width = (to - from) / count;
  const ramp = width / 2;
  return Array.from({ length: count }, (_unused, i) => ({
    start: from + i * width - ramp / 2,
    end: from + (i + 1) * width + ramp / 2,
    height: target(from + (i + 0.5) * width),
    ramp,
  }));
}

/** Largest |target(x) − Σ bumps(x)| over `samples` + 1 evenly spaced points of [from, to]. */
export function maxError(target: (x: number) => number, bumps: readonly Bump[], from: number, to: number, samples = 400): number {
  let worst = 0;
  for (let i = 0; i <= samples; i++) {
    const x = from + ((to - from) * i) / samples;
    worst = Math.max(worst, Math.abs(target(x) - sumOfBumps(bumps, x)));
  }
  return worst;
}

/** Curves the bump view can approximate, on the interval [−3, 3]. */
export const BUMP_TARGETS = {
  sine: (x: number) => Math.sin(x),
  parabola: (x: number) => (x * x) / 4 - 1,
  step: (x: number) => (x < 0 ? -0.5 : 1),
  wave: (x: number) => Math.sin(2 * x) * Math.exp(-(x * x) / 6),
} as const;

export type BumpTarget = keyof typeof BUMP_TARGETS;

export const BUMP_INTERVAL: [number, number] = [-3, 3];
