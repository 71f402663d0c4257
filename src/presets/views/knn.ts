/** Distance used by the nearest-neighbour vote: L1 (Manhattan) or L2 (Euclidean). */
export type DistanceMetric = 'l1' | 'l2';

export interface LabelledPoint {
  x: number;
  y: number;
  label: number;
}

export function distance(metric: DistanceMetric, ax: number, ay: number, bx: number, by: number): number {
  const dx = ax - bx;
  const dy = ay - by;
  return metric === 'l1' ? Math.abs(dx) + Math.abs(dy) : Math.hypot(dx, dy);
}

/**
 * Returns the majority label of the k points nearest to (x, y), or −1 without points.
 * A tie between labels goes to the label of the nearest point among the tied ones,
 * as if k were lowered until the tie breaks. Equal distances keep the points' order.
 */
export function classifyKnn(points: readonly LabelledPoint[], x: number, y: number, k: number, metric: DistanceMetric): number {
  const nearestCount = Math.max(1, Math.min(k, points.length));
  return vote(points, x, y, nearestCount, metric, new Float64Array(nearestCount), new Int32Array(nearestCount));
}

/**
 * Classifies (x, y) by the k nearest points, which it collects nearest first in
 * `distances` and `indices` instead of sorting every point.
 */
function vote(points: readonly LabelledPoint[], x: number, y: number, k: number, metric: DistanceMetric, distances: Float64Array, indices: Int32Array): number {
  if (points.length === 0) return -1;
  let count = 0;
  for (let index = 0; index < points.length; index++) {
    const d = distance(metric, x, y, points[index].x, points[index].y);
    if (count === k && !(d < distances[k - 1])) continue;
    // A point goes after the collected points at its distance, because they came earlier in the list.
    let slot = count < k ? count++ : k - 1;
    while (slot > 0 && d < distances[slot - 1]) {
      distances[slot] = distances[slot - 1];
      indices[slot] = indices[slot - 1];
      slot--;
    }
    distances[slot] = d;
    indices[slot] = index;
  }

  const votes = new Map<number, number>();
  let maxVotes = 0;
  for (let slot = 0; slot < count; slot++) {
    const label = points[indices[slot]].label;
    const labelVotes = (votes.get(label) ?? 0) + 1;
    votes.set(label, labelVotes);
    maxVotes = Math.max(maxVotes, labelVotes);
  }
  for (let slot = 0; slot < count; slot++) {
    const label = points[indices[slot]].label;
    if (votes.get(label) === maxVotes) return label;
  }
  return -1;
}

/** Classifies each [x, y] pair of `queries` (stored flat, as the boundary plot's grid is) and returns one label per pair. */
export function classifyAll(points: readonly LabelledPoint[], queries: ArrayLike<number>, k: number, metric: DistanceMetric): Int32Array {
  const labels = new Int32Array(Math.floor(queries.length / 2));
  const nearestCount = Math.max(1, Math.min(k, points.length));
  const distances = new Float64Array(nearestCount);
  const indices = new Int32Array(nearestCount);
  for (let i = 0; i < labels.length; i++) labels[i] = vote(points, queries[i * 2], queries[i * 2 + 1], nearestCount, metric, distances, indices);
  return labels;
}

/** Fraction of grid cells whose label differs between two region maps of the same grid. */
export function disagreement(a: Int32Array, b: Int32Array): number {
  let differ = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) differ++;
  return differ / a.length;
}

/** The starting points of the knn view: three classes at fixed positions inside [−1, 1]². */
export const KNN_START_POINTS: readonly LabelledPoint[] = [
  { x: -0.7, y: 0.6, label: 0 }, { x: -0.45, y: 0.75, label: 0 }, { x: -0.6, y: 0.3, label: 0 }, { x: -0.25, y: 0.45, label: 0 },
  { x: -0.8, y: -0.1, label: 0 }, { x: 0.05, y: 0.15, label: 0 },
  { x: 0.55, y: 0.65, label: 1 }, { x: 0.3, y: 0.8, label: 1 }, { x: 0.75, y: 0.35, label: 1 }, { x: 0.45, y: 0.3, label: 1 },
  { x: 0.1, y: 0.55, label: 1 }, { x: 0.8, y: -0.2, label: 1 },
  { x: -0.3, y: -0.55, label: 2 }, { x: 0.15, y: -0.7, label: 2 }, { x: 0.4, y: -0.45, label: 2 }, { x: -0.55, y: -0.8, label: 2 },
  { x: 0.05, y: -0.25, label: 2 }, { x: 0.6, y: -0.75, label: 2 },
];
