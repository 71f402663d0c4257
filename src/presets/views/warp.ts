import { createRandom, type Dataset } from '../datasets/dataset';

/** A 2 → 2 layer h = ReLU(x · W + b), with W stored row-major as [[w00, w01], [w10, w11]]: column j feeds hidden unit j. */
export interface ReluLayer {
  w: [number, number, number, number];
  b: [number, number];
}

/** The fold the space-warping view starts with: h0 = ReLU(x − y), h1 = ReLU(−x − y). */
export const START_FOLD: ReluLayer = { w: [1, -1, -1, -1], b: [0, 0] };

/** In the hidden space the classes are split by h0 + h1 = THRESHOLD: class 1 lies below the line. */
const THRESHOLD = 0.6;
/** Points closer than this to the dividing line in the hidden space are left out, so the classes keep a gap. */
const GAP = 0.08;

export function applyReluLayer(layer: ReluLayer, x: number, y: number): [number, number] {
  const [w00, w01, w10, w11] = layer.w;
  return [Math.max(0, x * w00 + y * w10 + layer.b[0]), Math.max(0, x * w01 + y * w11 + layer.b[1])];
}

/**
 * Points drawn uniformly from [−1, 1]² and labelled 1 where h0 + h1 < 0.6
 * under START_FOLD. In the input space the class-1 region is bounded by a
 * bent line, so no straight line separates the classes. In the hidden space
 * one line does.
 */
export function foldedDataset(count = 240, seed = 5): Dataset {
  const random = createRandom(seed);
  const x: number[] = [];
  const y: number[] = [];
  while (y.length < count) {
    const [px, py] = [random() * 2 - 1, random() * 2 - 1];
    const [h0, h1] = applyReluLayer(START_FOLD, px, py);
    if (Math.abs(h0 + h1 - THRESHOLD) < GAP) continue;
    x.push(px, py);
    y.push(h0 + h1 < THRESHOLD ? 1 : 0);
  }
  return { name: 'folded', features: 2, classes: 2, x: Float32Array.from(x), y: Int32Array.from(y) };
}

/**
 * Samples the image of the segment from (x0, y0) to (x1, y1) under the layer,
 * as `samples` + 1 points. The image of a straight line bends where it crosses
 * a unit's switch line.
 */
export function mapSegment(layer: ReluLayer, [x0, y0]: [number, number], [x1, y1]: [number, number], samples = 64): [number, number][] {
  const points: [number, number][] = [];
  for (let i = 0; i <= samples; i++) {
    const t = i / samples;
    points.push(applyReluLayer(layer, x0 + (x1 - x0) * t, y0 + (y1 - y0) * t));
  }
  return points;
}

/** Reads a ReLU layer from the weight [2, 2] and bias [2] tensors, or returns null for other shapes. */
export function reluLayerFrom(weight: { shape: number[]; data: number[] } | null, bias: { shape: number[]; data: number[] } | null): ReluLayer | null {
  if (!weight || !bias || weight.data.length !== 4 || bias.data.length !== 2) return null;
  const [w00, w01, w10, w11] = weight.data;
  return { w: [w00, w01, w10, w11], b: [bias.data[0], bias.data[1]] };
}
