import { describe, expect, test } from 'vitest';
import { bumpsFor, bumpValue, maxError, sumOfBumps, type Bump } from '../../src/presets/views/bump';
import { bumpTermsOf, bumpTermsValue, buildBumpGraph } from '../../src/presets/views/graphs';
import { gradientOf, runDocument, valueOf } from '../helpers/graph';

// a = −1, b = 1, ramp δ = 0.5, height 1: rises on [−1, −0.5], flat to 0.5, falls to 0 at 1.
const bump: Bump = { start: -1, end: 1, height: 1, ramp: 0.5 };

describe('one bump', () => {
  test.each([
    [-2, 0],
    [-1, 0],
    [-0.75, 0.5],
    [-0.5, 1],
    [0, 1],
    [0.5, 1],
    [0.9, 0.2],
    [1, 0],
    [3, 0],
  ])('value at x = %f is %f', (x, expected) => {
    expect(bumpValue(bump, x)).toBeCloseTo(expected, 12);
  });

  test('graph of gates computes the same values', () => {
    for (const [x, expected] of [[-0.75, 0.5], [0.25, 1], [0.9, 0.2], [1.5, 0]]) {
      const { trace } = runDocument(buildBumpGraph(bump, x));
      expect(valueOf(trace, 'f').data[0], `f at x = ${x}`).toBeCloseTo(expected, 5);
    }
  });

  test('graph gradient is the slope by hand', () => {
    // Rising ramp: slope h/δ = 2; plateau: 0; falling ramp: −2.
    expect(gradientOf(runDocument(buildBumpGraph(bump, -0.75)).trace, 'x').data[0]).toBeCloseTo(2, 5);
    expect(gradientOf(runDocument(buildBumpGraph(bump, 0)).trace, 'x').data[0]).toBeCloseTo(0, 5);
    expect(gradientOf(runDocument(buildBumpGraph(bump, 0.8)).trace, 'x').data[0]).toBeCloseTo(-2, 5);
  });

  test('terms read back from the graph', () => {
    const terms = bumpTermsOf(buildBumpGraph(bump, 0.25));

    expect(terms).toEqual({ shifts: [1, 0.5, -0.5, -1], scale: 2, x: 0.25 });
    expect(bumpTermsValue(terms!, -0.75)).toBeCloseTo(0.5, 12);
  });
});

describe('sum of bumps', () => {
  test('neighbours interpolate linearly between their heights', () => {
    // Two bumps on [0, 2] of heights 1 and 3: widths 1, ramps 0.5, overlapping on [0.75, 1.25].
    const bumps = bumpsFor((x) => (x < 1 ? 1 : 3), 2, 0, 2);

    expect(bumps[0]).toEqual({ start: -0.25, end: 1.25, height: 1, ramp: 0.5 });
    expect(sumOfBumps(bumps, 0.5)).toBeCloseTo(1, 12);
    expect(sumOfBumps(bumps, 1)).toBeCloseTo(2, 12);
    expect(sumOfBumps(bumps, 1.5)).toBeCloseTo(3, 12);
  });

  test('error on the sine falls as bumps are added', () => {
    const errors = [4, 16, 64].map((count) => maxError(Math.sin, bumpsFor(Math.sin, count, -3, 3), -3, 3));

    expect(errors[1]).toBeLessThan(errors[0]);
    expect(errors[2]).toBeLessThan(errors[1]);
    // A piecewise-linear fit through points 6/64 apart is off by at most about (6/64)²/8 · max|sin''| plus the half-ramp shift.
    expect(errors[2]).toBeLessThan(0.1);
  });
});
