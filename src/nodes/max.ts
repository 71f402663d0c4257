import * as tf from '@tensorflow/tfjs-core';
import { binaryKind, isNearTie, propagateNaN } from './elementwise';

/**
 * max(a, b). The max gate routes the whole upstream gradient to the larger
 * input. Tie rule: where a = b the gradient goes to a, so the two gradients
 * still sum to the upstream gradient (as tfjs's maximum gradient does).
 */
export const max = binaryKind({
  kind: 'max',
  symbol: 'max',
  formula: 'max(a, b)',
  localFormulas: ['1 if a ≥ b else 0', '1 if b > a else 0'],
  pattern: 'routes',
  apply: (a, b) => propagateNaN(a, b, tf.maximum(a, b)),
  derivatives: (a, b) => [tf.cast(tf.greaterEqual(a, b), 'float32'), tf.cast(tf.less(a, b), 'float32')],
  isNearKink: isNearTie,
});
