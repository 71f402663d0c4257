import { describe, expect, test } from 'vitest';
import { dataToPixel, gridPoints, heatmapPixels, pixelToData, plotRange, topProbability } from '../../src/editor/training/boundary';
import { findTemplateMatrix, templateImage } from '../../src/editor/training/templates';
import { palettes } from '../../src/editor/palette/palette';

/** The class colours of the default palette, which the plots use unless the user picks another. */
const CLASS_COLOURS = palettes.standard.classes;

/** Converts as ImageData bytes do: clamped to 0 … 255 and rounded half to even. */
const toByte = (value: number) => Uint8ClampedArray.of(value)[0];

const set = (points: number[][]) => ({ features: 2, classes: 2, x: Float32Array.from(points.flat()), y: new Int32Array(points.length) });

describe('decision boundary helpers', () => {
  test('range is square and padded', () => {
    // x spans 0 … 4 and y spans 1 … 2: the wider side, 4, times 1.2 gives 4.8 around the centre (2, 1.5).
    const range = plotRange([set([[0, 1], [4, 2]])]);
    expect(range.xMin).toBeCloseTo(-0.4, 6);
    expect(range.xMax).toBeCloseTo(4.4, 6);
    expect(range.yMin).toBeCloseTo(-0.9, 6);
    expect(range.yMax).toBeCloseTo(3.9, 6);
  });

  test('range of no points is the unit square', () => {
    expect(plotRange([set([])])).toEqual({ xMin: -1, xMax: 1, yMin: -1, yMax: 1 });
  });

  test('pixels map to data with y up', () => {
    const range = { xMin: -1, xMax: 1, yMin: -2, yMax: 2 };
    expect(pixelToData(range, 0, 0, 100, 200)).toEqual([-1, 2]);
    expect(pixelToData(range, 100, 200, 100, 200)).toEqual([1, -2]);
    expect(pixelToData(range, 25, 150, 100, 200)).toEqual([-0.5, -1]);
    expect(dataToPixel(range, -0.5, -1, 100, 200)).toEqual([25, 150]);
  });

  test('grid cells are centred, top row first', () => {
    const points = gridPoints({ xMin: 0, xMax: 4, yMin: 0, yMax: 4 }, 2);
    // Cells of 2 × 2 data units: centres at 1 and 3; the top row has y = 3.
    expect([...points]).toEqual([1, 3, 3, 3, 1, 1, 3, 1]);
  });

  test('top probability is the softmax maximum', () => {
    const [best, probability] = topProbability([1, 3, 2]);
    expect(best).toBe(1);
    // e^3 / (e^1 + e^3 + e^2)
    expect(probability).toBeCloseTo(Math.exp(3) / (Math.exp(1) + Math.exp(3) + Math.exp(2)), 6);
  });

  test('heat map colours by class and fades when unsure', () => {
    // Cell 0: class 1 far ahead (sure). Cell 1: equal scores (unsure, class 0 by tie). Cell 2: NaN scores.
    const pixels = heatmapPixels(Float32Array.from([0, 50, 2, 2, Number.NaN, Number.NaN]), 2);
    const [r1, g1, b1] = CLASS_COLOURS[1];
    // Sure: strength 0.15 + 0.55 = 0.7 of the class colour, the rest white.
    expect([...pixels.subarray(0, 4)]).toEqual([255 + (r1 - 255) * 0.7, 255 + (g1 - 255) * 0.7, 255 + (b1 - 255) * 0.7, 255].map(toByte));
    // Unsure: probability 1/2 = 1/C, so only the base strength 0.15 remains.
    const [r0, g0, b0] = CLASS_COLOURS[0];
    expect([...pixels.subarray(4, 8)]).toEqual([255 + (r0 - 255) * 0.15, 255 + (g0 - 255) * 0.15, 255 + (b0 - 255) * 0.15, 255].map(toByte));
    expect(pixels[8 + 3]).toBe(255);
    expect(pixels[8]).toBeGreaterThan(200);
  });
});

describe('weight templates', () => {
  test('column becomes a diverging image', () => {
    // W [784, 2]: column 1 has +2 at pixel 0, −1 at pixel 1 and 0 elsewhere; column 0 is all 0.
    const data = new Array(784 * 2).fill(0);
    data[0 * 2 + 1] = 2;
    data[1 * 2 + 1] = -1;
    const image = templateImage({ shape: [784, 2], data }, 1);

    // Scaled by max |w| = 2: pixel 0 is the full red end, pixel 1 half way to blue, pixel 2 white.
    expect([...image.subarray(0, 4)]).toEqual([178, 24, 43, 255]);
    // Uint8ClampedArray rounds 178.5 to the even 178, so the expected bytes go through it too.
    expect([...image.subarray(4, 8)]).toEqual([...Uint8ClampedArray.from([255 + (33 - 255) * 0.5, 255 + (102 - 255) * 0.5, 255 + (172 - 255) * 0.5, 255])]);
    expect([...image.subarray(8, 12)]).toEqual([255, 255, 255, 255]);
    expect([...templateImage({ shape: [784, 2], data }, 0).subarray(0, 4)]).toEqual([255, 255, 255, 255]);
  });

  test('only a single 784-row matrix is a template', () => {
    const shapes: Record<string, number[]> = { W: [784, 10], b: [10], W2: [784, 10], V: [2, 3] };
    const valueOf = (id: string) => ({ shape: shapes[id] });
    expect(findTemplateMatrix(['W', 'b'], valueOf)).toBe('W');
    expect(findTemplateMatrix(['W', 'b', 'W2'], valueOf)).toBeNull();
    expect(findTemplateMatrix(['V', 'b'], valueOf)).toBeNull();
  });
});
