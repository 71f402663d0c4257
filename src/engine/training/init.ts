import * as tf from '@tensorflow/tfjs-core';
import { tfjsSeed } from '../seed';

export const WEIGHT_INITS = ['document', 'small-random', 'xavier', 'he'] as const;
export type WeightInit = (typeof WEIGHT_INITS)[number];

/**
 * Draws initial values for a parameter of the given shape. Vectors (biases) start
 * at zero; matrices [fanIn, fanOut] draw from N(0, σ²) with σ = 0.01 (small-random),
 * 1/√fanIn (Xavier) or √(2/fanIn) (He, for ReLU networks). 'document' keeps `current`.
 */
export function initialValue(init: WeightInit, shape: number[], current: tf.Tensor, seed: number): tf.Tensor {
  if (init === 'document') return tf.clone(current);
  if (shape.length < 2) return tf.zeros(shape);
  const fanIn = shape[0];
  const deviation = init === 'small-random' ? 0.01 : init === 'xavier' ? 1 / Math.sqrt(fanIn) : Math.sqrt(2 / fanIn);
  return tf.randomNormal(shape, 0, deviation, 'float32', tfjsSeed(seed));
}
