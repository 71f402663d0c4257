import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';
import type { TensorData } from '../../src/engine/tensor';

/**
 * Central differences of a scalar function of several numbers, in float64:
 * ∂f/∂xᵢ ≈ (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h with h = 1e-6 · max(1, |xᵢ|),
 * accurate to about 1e-9 for the smooth formulas the tests use.
 */
export function centralDifferences(f: (values: number[]) => number, at: number[]): number[] {
  return at.map((value, index) => {
    const step = 1e-6 * Math.max(1, Math.abs(value));
    const plus = f(at.with(index, value + step));
    const minus = f(at.with(index, value - step));
    return (plus - minus) / (2 * step);
  });
}

/** Row-major strides of a shape. */
function stridesOf(shape: number[]): number[] {
  const strides = shape.map(() => 1);
  for (let axis = shape.length - 2; axis >= 0; axis--) strides[axis] = strides[axis + 1] * shape[axis + 1];
  return strides;
}

/** Broadcast shape of a and b by NumPy's rule; throws when they do not broadcast. */
export function broadcastShape(a: number[], b: number[]): number[] {
  const rank = Math.max(a.length, b.length);
  return Array.from({ length: rank }, (_unused, axis) => {
    const dimA = a[axis - rank + a.length] ?? 1;
    const dimB = b[axis - rank + b.length] ?? 1;
    if (dimA !== dimB && dimA !== 1 && dimB !== 1) throw new Error(`test setup: shapes [${a}] and [${b}] do not broadcast`);
    return Math.max(dimA, dimB);
  });
}

/** Index into `shape`'s data that a broadcast output element at `outIndex` reads. */
function sourceIndex(outIndex: number, outShape: number[], shape: number[]): number {
  const outStrides = stridesOf(outShape);
  const strides = stridesOf(shape);
  const offset = outShape.length - shape.length;
  let index = 0;
  for (let axis = 0; axis < shape.length; axis++) {
    const coordinate = Math.floor(outIndex / outStrides[axis + offset]) % outShape[axis + offset];
    index += shape[axis] === 1 ? 0 : coordinate * strides[axis];
  }
  return index;
}

/** Applies f elementwise to a and b with NumPy broadcasting, in float64. */
export function broadcastApply(a: TensorData, b: TensorData, f: (x: number, y: number) => number): TensorData {
  const shape = broadcastShape(a.shape, b.shape);
  const size = shape.reduce((product, dim) => product * dim, 1);
  const data = Array.from({ length: size }, (_unused, index) =>
    f(a.data[sourceIndex(index, shape, a.shape)], b.data[sourceIndex(index, shape, b.shape)]),
  );
  return { shape, data };
}

/**
 * Gradients by tfjs autodiff of `f` at `inputs`. Every tensor it creates is
 * disposed before it returns.
 */
export function autodiffGradients(f: (...inputs: tf.Tensor[]) => tf.Tensor, inputs: TensorData[]): TensorData[] {
  let gradients: TensorData[] = [];
  tf.tidy(() => {
    const tensors = inputs.map((input) => tf.tensor(input.data, input.shape, 'float32'));
    const computed = tf.grads(f)(tensors);
    gradients = computed.map((gradient) => ({ shape: [...gradient.shape], data: Array.from(gradient.dataSync()) }));
  });
  return gradients;
}

export interface Tolerance {
  abs?: number;
  rel?: number;
}

/**
 * Asserts element by element that `actual` is within `abs + rel · |expected|`
 * of `expected`; NaN and ±Infinity must match exactly. Each element gets its
 * own assert, so a failure names the element.
 */
export function expectClose(actual: TensorData | number[], expected: TensorData | number[], tolerance: Tolerance, label: string): void {
  const actualData = Array.isArray(actual) ? actual : actual.data;
  const expectedData = Array.isArray(expected) ? expected : expected.data;
  if (!Array.isArray(actual) && !Array.isArray(expected)) {
    expect(actual.shape, `${label}: shape`).toEqual(expected.shape);
  }
  expect(actualData.length, `${label}: number of elements`).toBe(expectedData.length);
  expectedData.forEach((want, index) => {
    const got = actualData[index];
    if (!Number.isFinite(want)) {
      expect(got, `${label}[${index}]`).toBe(want);
      return;
    }
    const allowed = (tolerance.abs ?? 0) + (tolerance.rel ?? 0) * Math.abs(want);
    const message = `${label}[${index}]: got ${got}, expected ${want} within ${allowed}`;
    expect(Math.abs(got - want) <= allowed, message).toBe(true);
  });
}
