import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { autodiff, compileKind, diagnosticOf, expectClose, matrixData, numericGradient, runKind, tensorData, weightedSum } from './tensor-helpers';

/** softmax of each row of length `width` in float64, shifted by the row max so exp cannot overflow. */
function softmaxRows(flat: number[], width: number): number[] {
  const out: number[] = [];
  for (let start = 0; start < flat.length; start += width) {
    const row = flat.slice(start, start + width);
    const top = Math.max(...row);
    const exponentials = row.map((value) => Math.exp(value - top));
    const total = exponentials.reduce((sum, value) => sum + value, 0);
    out.push(...exponentials.map((value) => value / total));
  }
  return out;
}

const x = matrixData([[1, 2, 0.5], [-1, 3, 3]]);
const upstream = matrixData([[1, -2, 0.5], [3, 0, -1]]);

describe('softmax', () => {
  test('forward matches float64 per row', () => {
    const { outputs } = runKind('softmax', { x });
    expect(outputs[0].shape).toEqual([2, 3]);
    expectClose(outputs[0].data, softmaxRows(x.data, 3), 1e-6);
  });

  test('gradient matches finite differences', () => {
    const { grads } = runKind('softmax', { x }, {}, upstream);
    const numeric = numericGradient((flat) => weightedSum(softmaxRows(flat, 3), upstream.data), x.data);
    expectClose(grads.x.data, numeric);
  });

  test('gradient matches tfjs autodiff', () => {
    const { grads } = runKind('softmax', { x }, {}, upstream);
    const weights = tf.tensor(upstream.data, upstream.shape);
    const [gradX] = autodiff((xs) => tf.sum(tf.mul(tf.softmax(xs), weights)), [x]);
    weights.dispose();
    expectClose(grads.x.data, gradX);
  });

  test('rank-3 input uses the last axis', () => {
    const x3 = tensorData([2, 1, 2], [0, 1, 5, 5]);
    const { outputs } = runKind('softmax', { x: x3 });
    expectClose(outputs[0].data, [...softmaxRows([0, 1], 2), 0.5, 0.5], 1e-6);
  });

  test('large logits stay finite', () => {
    for (const logits of [[1000, 1001, 1002], [0, 200]]) {
      const { outputs, grads } = runKind('softmax', { x: tensorData([logits.length], logits) }, {}, tensorData([logits.length], logits.map((_v, i) => i + 1)));
      expect(outputs[0].data.every(Number.isFinite)).toBe(true);
      expect(grads.x.data.every(Number.isFinite)).toBe(true);
      expectClose(outputs[0].data, softmaxRows(logits, logits.length), 1e-6);
    }
  });

  test('NaN makes its row NaN only', () => {
    const { outputs } = runKind('softmax', { x: matrixData([[NaN, 0, 0], [0, 0, 0]]) });
    expect(outputs[0].data.slice(0, 3).every(Number.isNaN)).toBe(true);
    expectClose(outputs[0].data.slice(3), [1 / 3, 1 / 3, 1 / 3], 1e-6);
  });

  test('scalar input is rejected', () => {
    const program = compileKind('softmax', { x: tensorData([], [1]) });
    expect(diagnosticOf(program, 'shape-mismatch').message).toContain('softmax needs a last axis with at least one element, but x is []');
  });
});
