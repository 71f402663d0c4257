import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { autodiff, compileKind, diagnosticOf, expectClose, matrixData, numericGradient, runKind, tensorData, weightedSum } from './tensor-helpers';

const x = matrixData([[1, 2, 3], [4, 5, 6]]);
const b = tensorData([3], [0.5, -1, 2]);
const upstream = matrixData([[1, -2, 3], [0.5, 4, -1]]);

/** x + b with b repeated over the leading axes of x, in float64. */
function biasAdd(xFlat: number[], bFlat: number[]): number[] {
  return xFlat.map((value, index) => value + bFlat[index % bFlat.length]);
}

describe('bias-add', () => {
  test('forward adds b to every row', () => {
    const { outputs } = runKind('bias-add', { x, b });
    expect(outputs[0].shape).toEqual([2, 3]);
    expectClose(outputs[0].data, [1.5, 1, 5, 4.5, 4, 8]);
  });

  test('gradient of b is summed over rows, not averaged', () => {
    const { grads } = runKind('bias-add', { x, b }, {}, upstream);
    expect(grads.b.shape).toEqual([3]);
    expectClose(grads.b.data, [1.5, 2, 2]);
    expectClose(grads.x.data, upstream.data);
  });

  test('gradients match finite differences', () => {
    const { grads } = runKind('bias-add', { x, b }, {}, upstream);
    const numericX = numericGradient((flat) => weightedSum(biasAdd(flat, b.data), upstream.data), x.data);
    const numericB = numericGradient((flat) => weightedSum(biasAdd(x.data, flat), upstream.data), b.data);
    expectClose(grads.x.data, numericX);
    expectClose(grads.b.data, numericB);
  });

  test('gradients match tfjs autodiff', () => {
    const { grads } = runKind('bias-add', { x, b }, {}, upstream);
    const weights = tf.tensor(upstream.data, upstream.shape);
    const [gradX, gradB] = autodiff((xs, bs) => tf.sum(tf.mul(tf.add(xs, bs), weights)), [x, b]);
    weights.dispose();
    expectClose(grads.x.data, gradX);
    expectClose(grads.b.data, gradB);
  });

  test('rank-3 x takes b of its last two dimensions', () => {
    const x3 = tensorData([2, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8]);
    const b2 = matrixData([[10, 20], [30, 40]]);
    const { outputs, grads } = runKind('bias-add', { x: x3, b: b2 });
    expectClose(outputs[0].data, [11, 22, 33, 44, 15, 26, 37, 48]);
    expect(grads.b.shape).toEqual([2, 2]);
    expectClose(grads.b.data, [2, 2, 2, 2]);
  });

  test('NaN in x stays in its element', () => {
    const { outputs } = runKind('bias-add', { x: matrixData([[NaN, 2, 3], [4, 5, 6]]), b });
    expect(Number.isNaN(outputs[0].data[0])).toBe(true);
    expectClose(outputs[0].data.slice(1), [1, 5, 4.5, 4, 8]);
  });

  test('b that differs from the last dimension is rejected', () => {
    const program = compileKind('bias-add', { x, b: tensorData([2], [1, 1]) });
    const diagnostic = diagnosticOf(program, 'shape-mismatch');
    expect(diagnostic.port).toBe('b');
    expect(diagnostic.message).toContain('x is [2, 3], b is [2]');
    expect(diagnostic.message).toContain('dimension 0 of b is 2 where dimension 1 of x is 3');
  });

  test('b of higher rank than x is rejected', () => {
    const program = compileKind('bias-add', { x: tensorData([3], [1, 2, 3]), b: matrixData([[1, 2, 3]]) });
    expect(diagnosticOf(program, 'shape-mismatch').message).toContain('b is [1, 3] (rank 2) but x is [3] (rank 1)');
  });
});
