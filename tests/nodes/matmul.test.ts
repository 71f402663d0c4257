import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { autodiff, compileKind, diagnosticOf, expectClose, matrixData, numericGradient, runKind, tensorData, weightedSum, type Matrix } from './tensor-helpers';

const a: Matrix = [[1, -2, 0.5], [3, 0.25, -1]];
const b: Matrix = [[2, -1], [0.5, 4], [-3, 1.5]];
const upstream: Matrix = [[1, -2], [0.5, 3]];

/** a · b in float64, flat row-major, for a [n, k] and b [k, m] given flat. */
function product(aFlat: number[], bFlat: number[], n: number, k: number, m: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let total = 0;
      for (let p = 0; p < k; p++) total += aFlat[i * k + p] * bFlat[p * m + j];
      out.push(total);
    }
  }
  return out;
}

describe('matmul', () => {
  test('forward matches the float64 product', () => {
    const { outputs } = runKind('matmul', { a: matrixData(a), b: matrixData(b) });
    expect(outputs[0].shape).toEqual([2, 2]);
    expectClose(outputs[0].data, product(a.flat(), b.flat(), 2, 3, 2));
  });

  test('gradients match finite differences with operand shapes', () => {
    const { grads } = runKind('matmul', { a: matrixData(a), b: matrixData(b) }, {}, matrixData(upstream));
    const weights = upstream.flat();
    const numericA = numericGradient((flat) => weightedSum(product(flat, b.flat(), 2, 3, 2), weights), a.flat());
    const numericB = numericGradient((flat) => weightedSum(product(a.flat(), flat, 2, 3, 2), weights), b.flat());
    expect(grads.a.shape).toEqual([2, 3]);
    expect(grads.b.shape).toEqual([3, 2]);
    expectClose(grads.a.data, numericA);
    expectClose(grads.b.data, numericB);
  });

  test('gradients match tfjs autodiff', () => {
    const { grads } = runKind('matmul', { a: matrixData(a), b: matrixData(b) }, {}, matrixData(upstream));
    const weights = tf.tensor2d(upstream);
    const [gradA, gradB] = autodiff((x, y) => tf.sum(tf.mul(tf.matMul(x, y), weights)), [matrixData(a), matrixData(b)]);
    weights.dispose();
    expectClose(grads.a.data, gradA);
    expectClose(grads.b.data, gradB);
  });

  test('NaN in a reaches only its row of the output', () => {
    const { outputs } = runKind('matmul', { a: matrixData([[NaN, 0, 0], [1, 1, 1]]), b: matrixData(b) });
    expect(outputs[0].data.slice(0, 2).every(Number.isNaN)).toBe(true);
    expectClose(outputs[0].data.slice(2), [-0.5, 4.5]);
  });

  test('inner dimension mismatch names both shapes', () => {
    const program = compileKind('matmul', { a: tensorData([3, 4], new Array(12).fill(1)), b: tensorData([3, 1], [1, 1, 1]) });
    const diagnostic = diagnosticOf(program, 'shape-mismatch');
    expect(diagnostic.port).toBe('b');
    expect(diagnostic.message).toContain('inner dimensions differ: a is [3, 4] and b is [3, 1], but the columns of a (4) must equal the rows of b (3)');
  });

  test('rank other than 2 is rejected with the rank', () => {
    const program = compileKind('matmul', { a: tensorData([2, 2, 2], new Array(8).fill(1)), b: matrixData(b) });
    const diagnostic = diagnosticOf(program, 'shape-mismatch');
    expect(diagnostic.port).toBe('a');
    expect(diagnostic.message).toContain('rank-2 operands, but a is [2, 2, 2] (rank 3)');
  });
});
