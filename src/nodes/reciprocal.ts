import * as tf from '@tensorflow/tfjs-core';
import { unaryKind } from './elementwise';

/** 1/x, with derivative −1/x². */
export const reciprocal = unaryKind({
  kind: 'reciprocal',
  category: 'math',
  symbol: '1/x',
  formula: '1 / x',
  localFormula: '−1 / x²',
  apply: (x) => tf.reciprocal(x),
  derivative: (_x, y) => tf.neg(tf.square(y)),
});
