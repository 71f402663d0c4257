import type { ExampleSet } from '../../engine/training/evaluate';
import { classColour as paletteClassColour } from '../palette/palette';
import { currentPalette } from '../projector/view-settings';

/** The data rectangle a 2-D plot shows. */
export interface PlotRange {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/** Cells per side of the decision boundary grid: 64 × 64 = 4,096 examples per redraw. */
export const GRID_SIZE = 64;

/** Colour of a class in the palette in use, as RGB; callers redraw when the palette changes. */
export function classColour(label: number): readonly [number, number, number] {
  return paletteClassColour(currentPalette(), label);
}

/** Returns the square range around every example of the given sets, with 10% padding, so clicks near the edge stay inside. */
export function plotRange(sets: readonly ExampleSet[]): PlotRange {
  let [xMin, xMax, yMin, yMax] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const set of sets) {
    for (let i = 0; i + 1 < set.x.length; i += 2) {
      xMin = Math.min(xMin, set.x[i]);
      xMax = Math.max(xMax, set.x[i]);
      yMin = Math.min(yMin, set.x[i + 1]);
      yMax = Math.max(yMax, set.x[i + 1]);
    }
  }
  if (!Number.isFinite(xMin)) return { xMin: -1, xMax: 1, yMin: -1, yMax: 1 };

  const half = Math.max(xMax - xMin, yMax - yMin, 1e-6) * 0.6;
  const [xCentre, yCentre] = [(xMin + xMax) / 2, (yMin + yMax) / 2];
  return { xMin: xCentre - half, xMax: xCentre + half, yMin: yCentre - half, yMax: yCentre + half };
}

/** Converts a position in a `width` × `height` plot (y down) to data coordinates (y up). */
export function pixelToData(range: PlotRange, px: number, py: number, width: number, height: number): [number, number] {
  return [range.xMin + (px / width) * (range.xMax - range.xMin), range.yMax - (py / height) * (range.yMax - range.yMin)];
}

export function dataToPixel(range: PlotRange, x: number, y: number, width: number, height: number): [number, number] {
  return [((x - range.xMin) / (range.xMax - range.xMin)) * width, ((range.yMax - y) / (range.yMax - range.yMin)) * height];
}

/** Returns the centres of a size × size grid over the range, row by row from the top, as [x, y] pairs stored row-major. */
export function gridPoints(range: PlotRange, size = GRID_SIZE): Float32Array {
  const points = new Float32Array(size * size * 2);
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      const [x, y] = pixelToData(range, column + 0.5, row + 0.5, size, size);
      points.set([x, y], (row * size + column) * 2);
    }
  }
  return points;
}

/**
 * Colours each grid cell by its predicted class (the highest score), mixed
 * towards white as the softmax probability of that class falls to 1/C, where
 * the model cannot tell the classes apart. Returns RGBA bytes for ImageData.
 */
export function heatmapPixels(scores: Float32Array, classes: number): Uint8ClampedArray<ArrayBuffer> {
  const cells = scores.length / classes;
  const pixels = new Uint8ClampedArray(cells * 4);
  for (let cell = 0; cell < cells; cell++) {
    const row = scores.subarray(cell * classes, (cell + 1) * classes);
    const [best, probability] = topProbability(row);
    const confidence = classes > 1 ? (probability - 1 / classes) / (1 - 1 / classes) : 1;
    // Even a sure cell keeps some white, so the points drawn on top stand out.
    const strength = 0.15 + 0.55 * (Number.isFinite(confidence) ? Math.min(Math.max(confidence, 0), 1) : 0);
    const colour = classColour(best);
    for (let channel = 0; channel < 3; channel++) pixels[cell * 4 + channel] = 255 + (colour[channel] - 255) * strength;
    pixels[cell * 4 + 3] = 255;
  }
  return pixels;
}

/** Returns the index of the highest score and its softmax probability, computed stably by subtracting the maximum. */
export function topProbability(scores: ArrayLike<number>): [number, number] {
  let best = 0;
  for (let i = 1; i < scores.length; i++) if (scores[i] > scores[best]) best = i;
  let sum = 0;
  for (let i = 0; i < scores.length; i++) sum += Math.exp(scores[i] - scores[best]);
  return [best, 1 / sum];
}

/** Draws one example of class `label` at pixel (px, py): a filled dot with a white rim, or a ring when `filled` is false. */
export function drawClassDot(context: CanvasRenderingContext2D, px: number, py: number, radius: number, label: number, filled: boolean): void {
  const [r, g, b] = classColour(label);
  context.beginPath();
  context.arc(px, py, radius, 0, 2 * Math.PI);
  if (filled) {
    context.fillStyle = `rgb(${r}, ${g}, ${b})`;
    context.fill();
    context.strokeStyle = '#ffffff';
  } else {
    context.strokeStyle = `rgb(${r}, ${g}, ${b})`;
  }
  context.stroke();
}
