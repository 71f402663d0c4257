import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { compile } from '../../src/engine/compile';
import { run } from '../../src/engine/run';
import { registry } from '../../src/nodes';
import { autodiff, compileKind, diagnosticOf, expectClose, matrixData, numericGradient, runKind, tensorData } from './tensor-helpers';
import { TestGraph } from '../helpers/graph';

const scores = matrixData([[0.5, 1.2, -0.3], [2.0, -1.0, 0.7], [0.1, 0.4, 0.9], [-0.6, 0.3, 0.2]]);
const labels = tensorData([4], [1, 0, 2, 0]);

/** Hinge loss per example of rows of width `classes`, in float64. */
function perExample(flat: number[], y: number[], classes: number, margin = 1): number[] {
  return y.map((label, row) => {
    let total = 0;
    for (let j = 0; j < classes; j++) {
      if (j !== label) total += Math.max(0, flat[row * classes + j] - flat[row * classes + label] + margin);
    }
    return total;
  });
}

function meanLoss(flat: number[], y: number[], classes: number, margin = 1): number {
  const values = perExample(flat, y, classes, margin);
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Computes the same loss in tfjs ops for autodiff. A mask drops the correct class. */
function tfHinge(s: tf.Tensor, y: number[], classes: number): tf.Tensor {
  const oneHot = tf.cast(tf.oneHot(tf.tensor1d(y, 'int32'), classes), 'float32');
  const correct = tf.sum(tf.mul(s, oneHot), 1, true);
  const terms = tf.mul(tf.relu(tf.add(tf.sub(s, correct), 1)), tf.sub(1, oneHot));
  return tf.mean(tf.sum(terms, 1));
}

describe('svm-loss', () => {
  test('forward matches float64 loss and per-example values', () => {
    const { outputs } = runKind('svm-loss', { scores, labels });
    expect(outputs[0].shape).toEqual([]);
    expect(outputs[1].shape).toEqual([4]);
    expectClose(outputs[0].data, [meanLoss(scores.data, labels.data, 3)]);
    expectClose(outputs[1].data, perExample(scores.data, labels.data, 3));
  });

  test('gradient matches finite differences', () => {
    const { grads } = runKind('svm-loss', { scores, labels });
    expectClose(grads.scores.data, numericGradient((flat) => meanLoss(flat, labels.data, 3), scores.data));
  });

  test('gradient matches tfjs autodiff', () => {
    const { grads } = runKind('svm-loss', { scores, labels }, {}, tensorData([], [2.5]));
    const [gradS] = autodiff((s) => tf.mul(tfHinge(s, labels.data, 3), 2.5), [scores]);
    expectClose(grads.scores.data, gradS);
  });

  test('labels receive gradient zero', () => {
    const { grads } = runKind('svm-loss', { scores, labels });
    expect(grads.labels.data).toEqual([0, 0, 0, 0]);
  });

  test('margin parameter shifts every term', () => {
    const { outputs, grads } = runKind('svm-loss', { scores, labels }, { margin: 0.25 });
    expectClose(outputs[0].data, [meanLoss(scores.data, labels.data, 3, 0.25)]);
    expectClose(grads.scores.data, numericGradient((flat) => meanLoss(flat, labels.data, 3, 0.25), scores.data));
  });

  test('wired perExample and loss both count', () => {
    const document = new TestGraph()
      .source('S', scores)
      .source('y', labels, 'labels')
      .node('L', 'svm-loss', { scores: 'S', labels: 'y' })
      .node('total', 'sum', { x: 'L:perExample' })
      .node('lossSink', 'sum', { x: 'L:loss' })
      .build();
    const trace = run(compile(document, registry));
    const both = (flat: number[]) => meanLoss(flat, labels.data, 3) + perExample(flat, labels.data, 3).reduce((a, b) => a + b, 0);
    expectClose(trace.nodes.S.upstream![0].data, numericGradient(both, scores.data));
  });

  test('one example takes a scalar label', () => {
    const single = tensorData([3], [3.2, 5.1, -1.7]);
    const { outputs, grads } = runKind('svm-loss', { scores: single, labels: tensorData([], [0]) });
    expect(outputs[1].shape).toEqual([]);
    expectClose(outputs[0].data, [2.9]);
    expectClose(grads.scores.data, [-1, 1, 0]);
  });

  test('NaN score makes the loss NaN', () => {
    const { outputs } = runKind('svm-loss', { scores: matrixData([[NaN, 1], [0, 1]]), labels: tensorData([2], [0, 1]) });
    expect(Number.isNaN(outputs[0].data[0])).toBe(true);
    expect(Number.isNaN(outputs[1].data[0])).toBe(true);
  });

  test('label count must equal the rows', () => {
    const program = compileKind('svm-loss', { scores, labels: tensorData([3], [0, 1, 2]) });
    const diagnostic = diagnosticOf(program, 'shape-mismatch');
    expect(diagnostic.port).toBe('labels');
    expect(diagnostic.message).toContain('labels must be [4] (one label per row) for scores [4, 3], but labels is [3]');
  });

  test('rank-3 scores are rejected', () => {
    const program = compileKind('svm-loss', { scores: tensorData([1, 1, 2], [1, 2]), labels: tensorData([1], [0]) });
    expect(diagnosticOf(program, 'shape-mismatch').message).toContain('scores is [1, 1, 2] (rank 3)');
  });

  test('label out of range names label and class count', () => {
    const program = compileKind('svm-loss', { scores, labels: tensorData([4], [1, 0, 3, 0]) });
    const diagnostic = diagnosticOf(program, 'label-out-of-range');
    expect(diagnostic.nodeId).toBe('node');
    expect(diagnostic.port).toBe('labels');
    expect(diagnostic.message).toContain('label 3 at position 2 is out of range for 3 classes');
  });
});
