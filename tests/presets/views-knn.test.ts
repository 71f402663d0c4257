import { describe, expect, test } from 'vitest';
import { classifyAll, classifyKnn, distance, type LabelledPoint } from '../../src/presets/views/knn';

// Two training points: A = (0, 0) of class 0 and B = (2, 1) of class 1.
// Under L1, |x| + |y| = |x − 2| + |y − 1| gives, for 0 ≤ x ≤ 2: the 45° segment
// x + y = 1.5 where 0 ≤ y ≤ 1, the vertical line x = 0.5 above y = 1 and
// x = 1.5 below y = 0. Under L2 the border is the bisector 4x + 2y = 5.
const pair: LabelledPoint[] = [{ x: 0, y: 0, label: 0 }, { x: 2, y: 1, label: 1 }];

describe('knn distances', () => {
  test('l1 and l2 by hand', () => {
    expect(distance('l1', 0, 0, 3, -4)).toBe(7);
    expect(distance('l2', 0, 0, 3, -4)).toBe(5);
  });
});

describe('knn with k = 1 on two points', () => {
  test('l1 border above the points is vertical at x = 0.5', () => {
    expect(classifyKnn(pair, 0.4, 3, 1, 'l1')).toBe(0);
    expect(classifyKnn(pair, 0.6, 3, 1, 'l1')).toBe(1);
    expect(classifyKnn(pair, 0.4, 8, 1, 'l1')).toBe(0);
    expect(classifyKnn(pair, 0.6, 8, 1, 'l1')).toBe(1);
  });

  test('l1 border between the points runs at 45°', () => {
    // On x + y = 1.5: (0.5, 0.9) is above, (0.5, 0.9 − 0.2) below.
    expect(classifyKnn(pair, 0.7, 0.9, 1, 'l1')).toBe(1);
    expect(classifyKnn(pair, 0.5, 0.9, 1, 'l1')).toBe(0);
    expect(classifyKnn(pair, 1.1, 0.5, 1, 'l1')).toBe(1);
    expect(classifyKnn(pair, 0.9, 0.5, 1, 'l1')).toBe(0);
  });

  test('l2 border is the perpendicular bisector', () => {
    // 4x + 2y = 5 at y = 3 gives x = −0.25.
    expect(classifyKnn(pair, -0.35, 3, 1, 'l2')).toBe(0);
    expect(classifyKnn(pair, -0.15, 3, 1, 'l2')).toBe(1);
    expect(classifyKnn(pair, 0.4, 3, 1, 'l2')).toBe(1);
  });

  test('hand grid labels for l1 and l2', () => {
    // Cell centres x ∈ {−0.5, 0.5, 1.5, 2.5}, y ∈ {2.5, 1.5, 0.5, −0.5}, row by row from the top.
    const grid: number[] = [];
    for (const y of [2.5, 1.5, 0.5, -0.5]) for (const x of [-0.5, 0.5, 1.5, 2.5]) grid.push(x, y);
    // L1 ties (equal distance) go to the first point, A. Worked out cell by cell:
    // y = 2.5: d_A = |x| + 2.5, d_B = |x − 2| + 1.5 → x = −0.5: 3 vs 4 → A; 0.5: 3 vs 3 → A; 1.5: 4 vs 2 → B; 2.5: B.
    // y = 1.5: x = −0.5: 2 vs 3 → A; 0.5: 2 vs 2 → A; 1.5: B; 2.5: B.
    // y = 0.5: x = −0.5: 1 vs 3 → A; 0.5: 1 vs 2 → A; 1.5: 2 vs 1 → B; 2.5: B.
    // y = −0.5: x = −0.5: A; 0.5: 1 vs 3 → A; 1.5: 2 vs 2 → A; 2.5: 3 vs 2 → B.
    const l1 = [0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 1];
    // L2: class 1 where 4x + 2y > 5.
    const l2 = grid.reduce<number[]>((labels, _value, i) => (i % 2 === 0 ? [...labels, 4 * grid[i] + 2 * grid[i + 1] > 5 ? 1 : 0] : labels), []);

    expect([...classifyAll(pair, grid, 1, 'l1')]).toEqual(l1);
    expect([...classifyAll(pair, grid, 1, 'l2')]).toEqual(l2);
    expect(l1).not.toEqual(l2);
  });
});

describe('knn vote', () => {
  const points: LabelledPoint[] = [
    { x: 0, y: 0, label: 0 },
    { x: 1, y: 0, label: 1 },
    { x: 1.2, y: 0, label: 1 },
    { x: 5, y: 5, label: 2 },
  ];

  test('majority of k = 3 outvotes the nearest point', () => {
    expect(classifyKnn(points, 0.1, 0, 1, 'l2')).toBe(0);
    expect(classifyKnn(points, 0.1, 0, 3, 'l2')).toBe(1);
  });

  test('tie goes to the nearest tied label', () => {
    // k = 2 at x = 0.45: neighbours A (0.45, class 0) and (1, 0) (0.55, class 1), one vote each.
    expect(classifyKnn(points, 0.45, 0, 2, 'l1')).toBe(0);
    expect(classifyKnn(points, 0.55, 0, 2, 'l1')).toBe(1);
  });

  test('k above the point count uses every point', () => {
    expect(classifyKnn(points, 5, 5, 10, 'l2')).toBe(1);
  });

  test('no points gives −1', () => {
    expect(classifyKnn([], 0, 0, 1, 'l1')).toBe(-1);
  });
});

/** Votes by sorting every point by distance, then by position in the list, written out independently of the view's code. */
function sortedVote(points: readonly LabelledPoint[], x: number, y: number, k: number, metric: 'l1' | 'l2'): number {
  const measure = (px: number, py: number) => (metric === 'l1' ? Math.abs(x - px) + Math.abs(y - py) : Math.hypot(x - px, y - py));
  const nearest = points
    .map((point, index) => ({ label: point.label, index, d: measure(point.x, point.y) }))
    .sort((a, b) => a.d - b.d || a.index - b.index)
    .slice(0, Math.min(k, points.length));
  const counts = new Map<number, number>();
  for (const point of nearest) counts.set(point.label, (counts.get(point.label) ?? 0) + 1);
  const maxVotes = Math.max(...counts.values());
  return nearest.find((point) => counts.get(point.label) === maxVotes)!.label;
}

describe('knn on many points', () => {
  test('matches sorted vote with ties', () => {
    // Points on a coarse lattice, so many distances tie, and duplicates of one point with different labels.
    let state = 12345;
    const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
    const points: LabelledPoint[] = Array.from({ length: 400 }, () => ({ x: Math.round(next() * 8 - 4) / 4, y: Math.round(next() * 8 - 4) / 4, label: Math.floor(next() * 3) }));
    const queries = Array.from({ length: 2 * 300 }, () => Math.round(next() * 16 - 8) / 8);
    for (const metric of ['l1', 'l2'] as const) {
      for (const k of [1, 2, 3, 7, 15]) {
        const labels = classifyAll(points, queries, k, metric);
        const expected = Array.from({ length: 300 }, (_unused, i) => sortedVote(points, queries[2 * i], queries[2 * i + 1], k, metric));
        expect(Array.from(labels), `${metric}, k = ${k}`).toEqual(expected);
      }
    }
  });
});
