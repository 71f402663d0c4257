import * as tf from '@tensorflow/tfjs-core';
import { unaryKind } from './elementwise';

/** eˣ; its derivative is its own output. */
export const exp = unaryKind({
  kind: 'exp',
  category: 'math',
  symbol: 'exp',
  formula: 'eˣ',
  localFormula: 'eˣ',
  apply: (x) => tf.exp(x),
  derivative: (_x, y) => y,
});
