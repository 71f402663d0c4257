import * as tf from '@tensorflow/tfjs-core';
import { formatShape } from '../engine/tensor';
import type { NodeKind } from '../engine/types';

/**
 * Computes softmax along the last axis. Subtracting the row maximum first
 * leaves the result unchanged and keeps exp from overflowing, so logits such
 * as [1000, 1001, 1002] stay finite.
 */
export function stableSoftmax(x: tf.Tensor): tf.Tensor {
  const shifted = tf.sub(x, tf.max(x, -1, true));
  const exponentials = tf.exp(shifted);
  return tf.div(exponentials, tf.sum(exponentials, -1, true));
}

/**
 * Sends a gradient back through softmax along the last axis, given its
 * output s and the upstream gradient g: ∂L/∂x = s ⊙ (g − Σ_j g_j s_j).
 */
export function softmaxBackward(s: tf.Tensor, gradient: tf.Tensor): tf.Tensor {
  return tf.mul(s, tf.sub(gradient, tf.sum(tf.mul(gradient, s), -1, true)));
}

export const softmax: NodeKind = {
  kind: 'softmax',
  category: 'activations',
  symbol: 'softmax',
  inputs: [{ name: 'x' }],
  outputs: [{ name: 'out' }],
  params: [],
  formula: 'out_i = exp(x_i − max x) / Σ_j exp(x_j − max x), along the last axis',
  localFormulas: ['s ⊙ (upstream − Σ upstream ⊙ s)'],
  inferShapes: ([x]) => {
    if (x.length === 0 || x[x.length - 1] === 0) {
      return {
        error: `softmax needs a last axis with at least one element, but x is ${formatShape(x)}`,
        reason: { code: 'softmax-empty', details: { x: formatShape(x) } },
        port: 'x',
      };
    }
    return { shapes: [[...x]] };
  },
  forward: ({ inputs: [x] }) => [stableSoftmax(x)],
  backward: ({ outputs: [s], upstream: [gradient] }) => [softmaxBackward(s, gradient)],
};
