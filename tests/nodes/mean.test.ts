import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { registry } from '../../src/nodes';
import { autodiff, compileKind, diagnosticOf, expectClose, matrixData, numericGradient, runKind, tensorData, weightedSum } from './tensor-helpers';

const x = matrixData([[1, 2, 3], [4, 5, 9]]);

/** Mean of a [2, 3] matrix given flat, over "all", axis 0 or axis 1, in float64. */
function meanOf(flat: number[], axis: string): number[] {
  if (axis === 'all') return [flat.reduce((sum, value) => sum + value, 0) / flat.length];
  if (axis === '0') return [0, 1, 2].map((column) => (flat[column] + flat[3 + column]) / 2);
  return [0, 1].map((row) => (flat[3 * row] + flat[3 * row + 1] + flat[3 * row + 2]) / 3);
}

const cases = [
  { axis: 'all', shape: [], upstream: tensorData([], [2]) },
  { axis: '0', shape: [3], upstream: tensorData([3], [1, -2, 0.5]) },
  { axis: '1', shape: [2], upstream: tensorData([2], [3, -1]) },
];

describe('mean', () => {
  for (const { axis, shape, upstream } of cases) {
    test(`axis ${axis} forward and shape`, () => {
      const { outputs } = runKind('mean', { x }, { axis });
      expect(outputs[0].shape).toEqual(shape);
      expectClose(outputs[0].data, meanOf(x.data, axis));
    });

    test(`axis ${axis} gradient matches finite differences`, () => {
      const { grads } = runKind('mean', { x }, { axis }, upstream);
      expect(grads.x.shape).toEqual([2, 3]);
      expectClose(grads.x.data, numericGradient((flat) => weightedSum(meanOf(flat, axis), upstream.data), x.data));
    });

    test(`axis ${axis} gradient matches tfjs autodiff`, () => {
      const { grads } = runKind('mean', { x }, { axis }, upstream);
      const weights = tf.tensor(upstream.data, upstream.shape);
      const reduce = (xs: tf.Tensor) => (axis === 'all' ? tf.mean(xs) : tf.mean(xs, Number(axis)));
      const [gradX] = autodiff((xs) => tf.sum(tf.mul(reduce(xs), weights)), [x]);
      weights.dispose();
      expectClose(grads.x.data, gradX);
    });
  }

  test('gradient spreads one over count', () => {
    const { grads } = runKind('mean', { x }, { axis: 'all' });
    expectClose(grads.x.data, new Array(6).fill(1 / 6));
  });

  test('rank-3 mean along the last axis', () => {
    const x3 = tensorData([2, 2, 2], [1, 3, 5, 7, 2, 2, 0, 10]);
    const { outputs, grads } = runKind('mean', { x: x3 }, { axis: '2' });
    expect(outputs[0].shape).toEqual([2, 2]);
    expectClose(outputs[0].data, [2, 6, 2, 5]);
    expectClose(grads.x.data, new Array(8).fill(0.5));
  });

  test('NaN reaches the mean', () => {
    const { outputs } = runKind('mean', { x: tensorData([2], [NaN, 1]) });
    expect(Number.isNaN(outputs[0].data[0])).toBe(true);
  });

  test('missing axis is rejected', () => {
    const program = compileKind('mean', { x }, { axis: '2' });
    expect(diagnosticOf(program, 'shape-mismatch').message).toContain('axis 2 does not exist in a tensor of rank 2');
  });

  test('empty input is rejected', () => {
    // Compile rejects an empty source value before mean sees it, so the rule is called directly.
    const result = registry.get('mean')!.inferShapes([[0]], { axis: 'all' }, [null]);
    expect('error' in result ? result.error : '').toContain('the mean of no elements is undefined');
  });
});
