import * as tf from '@tensorflow/tfjs-core';
import { unaryKind } from './elementwise';

/** σ(x) = 1 / (1 + e^−x); the derivative is written through the output as σ(1 − σ). */
export const sigmoid = unaryKind({
  kind: 'sigmoid',
  category: 'activations',
  symbol: 'σ',
  formula: 'σ(x) = 1 / (1 + e⁻ˣ)',
  localFormula: 'σ(x) · (1 − σ(x))',
  apply: (x) => tf.sigmoid(x),
  derivative: (_x, y) => tf.mul(y, tf.sub(1, y)),
});
