import * as tf from '@tensorflow/tfjs-core';
import type { NodeKind } from '../engine/types';
import { CLASSIFICATION_INPUTS, classificationShapes, labelsGradient, oneHotRows, scoreRows } from './classification';
import { numberParam } from './params';

/**
 * Computes the margin terms s_j − s_y + Δ for every class j ≠ y, as [N, C]
 * with the correct class's entry set to 0 so it never counts. The caller
 * clips at 0.
 */
function marginTerms(scores: tf.Tensor, labels: tf.Tensor, margin: number): { terms: tf.Tensor2D; oneHot: tf.Tensor2D } {
  const rows = scoreRows(scores);
  const oneHot = oneHotRows(labels, rows.shape[1]);
  const correct = tf.sum(tf.mul(rows, oneHot), 1, true);
  const terms = tf.mul(tf.add(tf.sub(rows, correct), margin), tf.sub(1, oneHot)) as tf.Tensor2D;
  return { terms, oneHot };
}

/**
 * Multiclass SVM (hinge) loss: L_i = Σ_{j≠y_i} max(0, s_j − s_{y_i} + Δ) per
 * example, and the output is the mean of L_i over the N examples. Each
 * positive term adds +1 to class j and −1 to class y_i of ∂L_i/∂s. At a term
 * of exactly 0 the gradient is 0, as with ReLU. `perExample` is auxiliary:
 * a sink seeds it with gradient 0, and a wire that reads it adds its gradient.
 */
export const svmLoss: NodeKind = {
  kind: 'svm-loss',
  category: 'losses',
  symbol: 'SVM',
  inputs: CLASSIFICATION_INPUTS,
  outputs: [{ name: 'loss' }, { name: 'perExample', auxiliary: true }],
  params: [{ name: 'margin', type: 'number', default: 1, min: 0 }],
  formula: 'L = (1/N) Σ_i Σ_{j≠y_i} max(0, s_ij − s_iy_i + Δ)',
  localFormulas: ['(1/N) · (1 on each j with a positive term, −count on y_i)', '0 (labels are not differentiable)'],
  inferShapes: ([scores, labels], _params, [, labelValue]) => {
    const result = classificationShapes(scores, labels, labelValue ?? null);
    return 'error' in result ? result : { shapes: [[], result.perExample] };
  },
  forward: ({ inputs: [scores, labels], params }) => {
    const { terms } = marginTerms(scores, labels, numberParam(params, 'margin'));
    const perExample = tf.sum(tf.relu(terms), 1);
    return [tf.mean(perExample), tf.reshape(perExample, scores.rank === 2 ? [-1] : [])];
  },
  backward: ({ inputs: [scores, labels], params, upstream: [lossGradient, perExampleGradient] }) => {
    const { terms, oneHot } = marginTerms(scores, labels, numberParam(params, 'margin'));
    const examples = terms.shape[0];
    // Weight of each example's L_i in the graph's output: upstream of the mean / N plus its own upstream.
    const weights = tf.reshape(tf.add(tf.div(lossGradient, examples), tf.reshape(perExampleGradient, [-1])), [-1, 1]);
    const positive = tf.cast(tf.greater(terms, 0), 'float32');
    const counts = tf.sum(positive, 1, true);
    const rows = tf.mul(tf.sub(positive, tf.mul(oneHot, counts)), weights);
    return [tf.reshape(rows, scores.shape), labelsGradient(labels)];
  },
  isNearKink: ([scores, labels], reach, params) => {
    // Each term s_j − s_y + Δ moves by up to 2 · reach when both scores move by reach.
    const classes = scores.shape[scores.shape.length - 1];
    const margin = numberParam(params, 'margin');
    return labels.data.some((label, row) => {
      const correct = scores.data[row * classes + label];
      const terms = scores.data.slice(row * classes, (row + 1) * classes).map((score) => score - correct + margin);
      return terms.some((term, j) => j !== label && Math.abs(term) <= 2 * reach);
    });
  },
};
