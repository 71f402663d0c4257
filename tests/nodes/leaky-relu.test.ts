import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { autodiff, expectClose, numericGradient, runKind, tensorData, weightedSum } from './tensor-helpers';

const alpha = 0.1;
const x = tensorData([2, 3], [-2, -0.5, 0.25, 1, 3, -4]);
const upstream = tensorData([2, 3], [1, 2, -1, 0.5, 3, -2]);

function leaky(flat: number[]): number[] {
  return flat.map((value) => (value > 0 ? value : alpha * value));
}

describe('leaky-relu', () => {
  test('forward scales negatives by alpha', () => {
    const { outputs } = runKind('leaky-relu', { x }, { alpha });
    expectClose(outputs[0].data, leaky(x.data), 1e-6);
  });

  test('default alpha is 0.01', () => {
    const { outputs } = runKind('leaky-relu', { x: tensorData([1], [-3]) });
    expectClose(outputs[0].data, [-0.03], 1e-6);
  });

  test('gradient matches finite differences', () => {
    const { grads } = runKind('leaky-relu', { x }, { alpha }, upstream);
    expectClose(grads.x.data, numericGradient((flat) => weightedSum(leaky(flat), upstream.data), x.data));
  });

  test('gradient matches tfjs autodiff', () => {
    const { grads } = runKind('leaky-relu', { x }, { alpha }, upstream);
    const weights = tf.tensor(upstream.data, upstream.shape);
    const [gradX] = autodiff((xs) => tf.sum(tf.mul(tf.leakyRelu(xs, alpha), weights)), [x]);
    weights.dispose();
    expectClose(grads.x.data, gradX);
  });

  test('gradient at zero is alpha', () => {
    const { grads } = runKind('leaky-relu', { x: tensorData([1], [0]) }, { alpha });
    expectClose(grads.x.data, [alpha], 1e-7);
  });

  test('NaN input gives NaN output', () => {
    const { outputs } = runKind('leaky-relu', { x: tensorData([2], [NaN, 1]) }, { alpha });
    expect(Number.isNaN(outputs[0].data[0])).toBe(true);
    expect(outputs[0].data[1]).toBe(1);
  });
});
