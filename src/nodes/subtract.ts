import * as tf from '@tensorflow/tfjs-core';
import { binaryKind } from './elementwise';

/** a − b: the upstream gradient reaches a unchanged and b negated. */
export const subtract = binaryKind({
  kind: 'subtract',
  symbol: '−',
  formula: 'a − b',
  localFormulas: ['1', '−1'],
  apply: (a, b) => tf.sub(a, b),
  derivatives: (_a, _b, out) => [tf.onesLike(out), tf.neg(tf.onesLike(out))],
});
