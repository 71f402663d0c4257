import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { autodiff, compileKind, diagnosticOf, expectClose, matrixData, numericGradient, runKind, tensorData, weightedSum } from './tensor-helpers';

const x = matrixData([[1, 2, 3], [4, 5, 6]]);
const upstream = matrixData([[1, -1], [2, 0.5], [-3, 4]]);

/** xᵀ in float64 for x [2, 3] given flat. */
function transposed(flat: number[]): number[] {
  return [flat[0], flat[3], flat[1], flat[4], flat[2], flat[5]];
}

describe('transpose', () => {
  test('forward swaps rows and columns', () => {
    const { outputs } = runKind('transpose', { x });
    expect(outputs[0].shape).toEqual([3, 2]);
    expectClose(outputs[0].data, [1, 4, 2, 5, 3, 6]);
  });

  test('gradient matches finite differences', () => {
    const { grads } = runKind('transpose', { x }, {}, upstream);
    expect(grads.x.shape).toEqual([2, 3]);
    expectClose(grads.x.data, numericGradient((flat) => weightedSum(transposed(flat), upstream.data), x.data));
  });

  test('gradient matches tfjs autodiff', () => {
    const { grads } = runKind('transpose', { x }, {}, upstream);
    const weights = tf.tensor(upstream.data, upstream.shape);
    const [gradX] = autodiff((xs) => tf.sum(tf.mul(tf.transpose(xs), weights)), [x]);
    weights.dispose();
    expectClose(grads.x.data, gradX);
  });

  test('NaN moves with its element', () => {
    const { outputs } = runKind('transpose', { x: matrixData([[1, NaN, 3], [4, 5, 6]]) });
    expect(Number.isNaN(outputs[0].data[2])).toBe(true);
  });

  test('rank other than 2 is rejected with the rank', () => {
    const program = compileKind('transpose', { x: tensorData([3], [1, 2, 3]) });
    expect(diagnosticOf(program, 'shape-mismatch').message).toContain('x is [3] (rank 1)');
  });
});
