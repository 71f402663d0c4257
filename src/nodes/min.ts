import * as tf from '@tensorflow/tfjs-core';
import { binaryKind, isNearTie, propagateNaN } from './elementwise';

/**
 * min(a, b): routes the upstream gradient to the smaller input. Tie rule:
 * where a = b the gradient goes to a.
 */
export const min = binaryKind({
  kind: 'min',
  symbol: 'min',
  formula: 'min(a, b)',
  localFormulas: ['1 if a ≤ b else 0', '1 if b < a else 0'],
  pattern: 'routes',
  apply: (a, b) => propagateNaN(a, b, tf.minimum(a, b)),
  derivatives: (a, b) => [tf.cast(tf.lessEqual(a, b), 'float32'), tf.cast(tf.greater(a, b), 'float32')],
  isNearKink: isNearTie,
});
