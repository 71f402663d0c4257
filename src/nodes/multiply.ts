import * as tf from '@tensorflow/tfjs-core';
import { binaryKind } from './elementwise';

/** a · b. The mul gate swaps: each input's local gradient is the other input. */
export const multiply = binaryKind({
  kind: 'multiply',
  symbol: '×',
  formula: 'a · b',
  localFormulas: ['b', 'a'],
  pattern: 'swaps',
  apply: (a, b) => tf.mul(a, b),
  derivatives: (a, b) => [b, a],
});
