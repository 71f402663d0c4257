import * as tf from '@tensorflow/tfjs-core';
import { unaryKind } from './elementwise';

/** tanh x, with derivative 1 − tanh² x written through the output. */
export const tanh = unaryKind({
  kind: 'tanh',
  category: 'activations',
  symbol: 'tanh',
  formula: 'tanh x',
  localFormula: '1 − tanh² x',
  apply: (x) => tf.tanh(x),
  derivative: (_x, y) => tf.sub(1, tf.square(y)),
});
