import { MNIST_PIXELS } from '../../presets/datasets/mnist';
import { divergingColour } from '../palette/palette';
import { currentPalette } from '../projector/view-settings';

/** Side of an MNIST image in pixels. */
export const MNIST_SIDE = 28;

/**
 * Returns the id of the weight matrix whose columns are per-class templates:
 * the only matrix parameter, of shape [784, classes]. A network with hidden
 * layers has several matrices and gets null.
 */
export function findTemplateMatrix(parameterIds: readonly string[], valueOf: (nodeId: string) => { shape: number[] } | null): string | null {
  const matrices = parameterIds.filter((id) => (valueOf(id)?.shape.length ?? 0) === 2);
  if (matrices.length !== 1) return null;
  return valueOf(matrices[0])!.shape[0] === MNIST_PIXELS ? matrices[0] : null;
}

/**
 * Turns column `column` of a row-major [784, classes] weight matrix into a
 * 28 × 28 RGBA image. Each image is scaled by its own largest |w|, so a class
 * with small weights still shows its pattern.
 */
export function templateImage(weights: { shape: number[]; data: ArrayLike<number> }, column: number): Uint8ClampedArray<ArrayBuffer> {
  const classes = weights.shape[1];
  let scale = 0;
  for (let pixel = 0; pixel < MNIST_PIXELS; pixel++) scale = Math.max(scale, Math.abs(weights.data[pixel * classes + column]));

  const palette = currentPalette();
  const image = new Uint8ClampedArray(MNIST_PIXELS * 4);
  for (let pixel = 0; pixel < MNIST_PIXELS; pixel++) {
    const value = scale > 0 ? weights.data[pixel * classes + column] / scale : 0;
    image.set(divergingColour(palette, Number.isFinite(value) ? value : 0, 1), pixel * 4);
    image[pixel * 4 + 3] = 255;
  }
  return image;
}
