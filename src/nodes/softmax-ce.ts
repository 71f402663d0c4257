import * as tf from '@tensorflow/tfjs-core';
import type { NodeKind } from '../engine/types';
import { CLASSIFICATION_INPUTS, classificationShapes, labelsGradient, oneHotRows, scoreRows } from './classification';
import { softmaxBackward } from './softmax';

/**
 * Computes log softmax of each row in log-sum-exp form: log p_j = z_j − log Σ_k exp z_k
 * with z = s − max s, so large logits neither overflow nor give log 0.
 */
function logSoftmaxRows(scores: tf.Tensor): tf.Tensor2D {
  const rows = scoreRows(scores);
  const shifted = tf.sub(rows, tf.max(rows, 1, true));
  return tf.sub(shifted, tf.log(tf.sum(tf.exp(shifted), 1, true))) as tf.Tensor2D;
}

/**
 * Softmax cross-entropy fused in one node: L_i = −log p_{y_i} with natural
 * log and p = softmax(s_i), and the output is the mean of L_i over the N
 * examples. Fusing gives the short, stable gradient (p − onehot(y)) / N.
 * `probs` is auxiliary: a sink seeds it with gradient 0, and a wire that
 * reads it adds its gradient through softmax.
 */
export const softmaxCe: NodeKind = {
  kind: 'softmax-ce',
  category: 'losses',
  symbol: 'CE',
  inputs: CLASSIFICATION_INPUTS,
  outputs: [{ name: 'loss' }, { name: 'probs', auxiliary: true }],
  params: [],
  formula: 'L = −(1/N) Σ_i ln softmax(s_i)_{y_i}',
  localFormulas: ['(softmax(s) − onehot(y)) / N', '0 (labels are not differentiable)'],
  inferShapes: ([scores, labels], _params, [, labelValue]) => {
    const result = classificationShapes(scores, labels, labelValue ?? null);
    return 'error' in result ? result : { shapes: [[], [...scores]] };
  },
  forward: ({ inputs: [scores, labels] }) => {
    const logProbs = logSoftmaxRows(scores);
    const oneHot = oneHotRows(labels, logProbs.shape[1]);
    const perExample = tf.neg(tf.sum(tf.mul(logProbs, oneHot), 1));
    return [tf.mean(perExample), tf.reshape(tf.exp(logProbs), scores.shape)];
  },
  backward: ({ inputs: [scores, labels], outputs: [, probs], upstream: [lossGradient, probsGradient], wanted, received }) => {
    const rows = scoreRows(probs);
    const oneHot = oneHotRows(labels, rows.shape[1]);
    const fromLoss = tf.mul(tf.sub(rows, oneHot), tf.div(lossGradient, rows.shape[0]));
    // Training reads only the loss, so probs usually receives no gradient and adds nothing.
    const total = received?.[1] === false ? fromLoss : tf.add(fromLoss, softmaxBackward(rows, scoreRows(probsGradient)));
    return [tf.reshape(total, scores.shape), wanted?.[1] === false ? tf.scalar(0) : labelsGradient(labels)];
  },
};
