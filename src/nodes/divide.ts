import * as tf from '@tensorflow/tfjs-core';
import { binaryKind } from './elementwise';

/** a / b, with ∂/∂a = 1/b and ∂/∂b = −a/b². */
export const divide = binaryKind({
  kind: 'divide',
  symbol: '÷',
  formula: 'a / b',
  localFormulas: ['1 / b', '−a / b²'],
  apply: (a, b) => tf.div(a, b),
  derivatives: (a, b) => [tf.reciprocal(b), tf.neg(tf.div(a, tf.square(b)))],
});
