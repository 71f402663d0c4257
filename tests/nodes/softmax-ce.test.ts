import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { compile } from '../../src/engine/compile';
import { run } from '../../src/engine/run';
import { registry } from '../../src/nodes';
import { autodiff, compileKind, diagnosticOf, expectClose, matrixData, numericGradient, runKind, tensorData, weightedSum } from './tensor-helpers';
import { TestGraph } from '../helpers/graph';

const scores = matrixData([[0.5, 1.2, -0.3, 2.0], [2.0, -1.0, 0.7, 0.1], [0.1, 0.4, 0.9, -2.5]]);
const labels = tensorData([3], [1, 0, 3]);

/** Row-wise softmax probabilities in float64, shifted by the row max. */
function probabilities(flat: number[], classes: number): number[] {
  const out: number[] = [];
  for (let start = 0; start < flat.length; start += classes) {
    const row = flat.slice(start, start + classes);
    const top = Math.max(...row);
    const total = row.reduce((sum, value) => sum + Math.exp(value - top), 0);
    out.push(...row.map((value) => Math.exp(value - top) / total));
  }
  return out;
}

/** Mean cross-entropy with natural log, in float64 log-sum-exp form. */
function crossEntropy(flat: number[], y: number[], classes: number): number {
  const losses = y.map((label, row) => {
    const values = flat.slice(row * classes, (row + 1) * classes);
    const top = Math.max(...values);
    const logSum = top + Math.log(values.reduce((sum, value) => sum + Math.exp(value - top), 0));
    return logSum - values[label];
  });
  return losses.reduce((sum, value) => sum + value, 0) / losses.length;
}

describe('softmax-ce', () => {
  test('forward matches float64 loss and probabilities', () => {
    const { outputs } = runKind('softmax-ce', { scores, labels });
    expect(outputs[0].shape).toEqual([]);
    expect(outputs[1].shape).toEqual([3, 4]);
    expectClose(outputs[0].data, [crossEntropy(scores.data, labels.data, 4)], 1e-5);
    expectClose(outputs[1].data, probabilities(scores.data, 4), 1e-5);
  });

  test('gradient matches finite differences', () => {
    const { grads } = runKind('softmax-ce', { scores, labels });
    expectClose(grads.scores.data, numericGradient((flat) => crossEntropy(flat, labels.data, 4), scores.data));
  });

  test('gradient matches tfjs autodiff', () => {
    const { grads } = runKind('softmax-ce', { scores, labels }, {}, tensorData([], [0.5]));
    const oneHot = tf.cast(tf.oneHot(tf.tensor1d(labels.data, 'int32'), 4), 'float32');
    const [gradS] = autodiff((s) => tf.mul(tf.neg(tf.mean(tf.sum(tf.mul(tf.logSoftmax(s), oneHot), 1))), 0.5), [scores]);
    oneHot.dispose();
    expectClose(grads.scores.data, gradS);
  });

  test('large logits give finite loss and gradient', () => {
    const cases = [
      { logits: [1000, 1001, 1002], label: 0 },
      { logits: [0, 200], label: 0 },
      { logits: [0, 200], label: 1 },
    ];
    for (const { logits, label } of cases) {
      const { outputs, grads } = runKind('softmax-ce', { scores: tensorData([logits.length], logits), labels: tensorData([], [label]) });
      expect(Number.isFinite(outputs[0].data[0])).toBe(true);
      expect(grads.scores.data.every(Number.isFinite)).toBe(true);
      expectClose(outputs[0].data, [crossEntropy(logits, [label], logits.length)], 1e-5);
      const expected = probabilities(logits, logits.length).map((p, j) => p - (j === label ? 1 : 0));
      expectClose(grads.scores.data, expected, 1e-5);
    }
  });

  test('wired probs and loss both count', () => {
    const weights = matrixData([[1, -1, 2, 0], [0.5, 0, 0, 1], [-2, 1, 1, 3]]);
    const document = new TestGraph()
      .source('S', scores)
      .source('y', labels, 'labels')
      .source('G', weights, 'constant')
      .node('L', 'softmax-ce', { scores: 'S', labels: 'y' })
      .node('weighted', 'multiply', { a: 'L:probs', b: 'G' })
      .node('lossSink', 'sum', { x: 'L:loss' })
      .build();
    const trace = run(compile(document, registry));
    const both = (flat: number[]) => crossEntropy(flat, labels.data, 4) + weightedSum(probabilities(flat, 4), weights.data);
    expectClose(trace.nodes.S.upstream![0].data, numericGradient(both, scores.data));
  });

  test('labels receive gradient zero', () => {
    const { grads } = runKind('softmax-ce', { scores, labels });
    expect(grads.labels.data).toEqual([0, 0, 0]);
  });

  test('NaN score makes the loss NaN', () => {
    const { outputs } = runKind('softmax-ce', { scores: matrixData([[NaN, 1], [0, 1]]), labels: tensorData([2], [0, 1]) });
    expect(Number.isNaN(outputs[0].data[0])).toBe(true);
  });

  test('label out of range names label and class count', () => {
    const program = compileKind('softmax-ce', { scores, labels: tensorData([3], [1, 4, 0]) });
    expect(diagnosticOf(program, 'label-out-of-range').message).toContain('label 4 at position 1 is out of range for 4 classes');
  });

  test('scalar scores are rejected', () => {
    const program = compileKind('softmax-ce', { scores: tensorData([], [1]), labels: tensorData([], [0]) });
    expect(diagnosticOf(program, 'shape-mismatch').port).toBe('scores');
  });
});
