import * as tf from '@tensorflow/tfjs-core';
import { unaryKind } from './elementwise';

/** −x. */
export const negate = unaryKind({
  kind: 'negate',
  category: 'math',
  symbol: '−x',
  formula: '−x',
  localFormula: '−1',
  apply: (x) => tf.neg(x),
  derivative: (x) => tf.fill(x.shape, -1),
});
