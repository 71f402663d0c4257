import * as tf from '@tensorflow/tfjs-core';
import { tfjsSeed } from '../engine/seed';
import { formatShape } from '../engine/tensor';
import type { NodeKind, Params } from '../engine/types';
import { sourceKind } from './source';

export const PARAMETER_INITS = ['value', 'zeros', 'small-random', 'xavier', 'he'] as const;
type ParameterInit = (typeof PARAMETER_INITS)[number];

const fromValue = sourceKind({ kind: 'parameter', symbol: 'θ', formula: 'out = value', trainable: true });

/**
 * Standard deviation of the initial weights of a [fanIn, …] matrix: 0.01, 1/√fanIn
 * (Xavier) or √(2/fanIn) (He, for ReLU layers).
 */
function initialDeviation(init: ParameterInit, fanIn: number): number {
  if (init === 'small-random') return 0.01;
  if (init === 'xavier') return 1 / Math.sqrt(fanIn);
  return Math.sqrt(2 / fanIn);
}

function generatedShape(params: Params): number[] {
  const shape = params.shape;
  return Array.isArray(shape) ? shape : [];
}

/** Weights drawn for the last few (init, shape, seed) triples, the most recently used last. */
const drawn = new Map<string, Float32Array>();
/** Triples kept: a few graphs' weight matrices, about 0.6 MB each for a 784 × 200 matrix. */
const DRAWN_KEPT = 8;

/**
 * Returns the weights a seeded init draws, reusing one of the last few draws
 * for the same init, shape and seed. Every run of the graph needs them, and
 * tfjs draws seeded numbers in JavaScript: 156,800 for MNIST's first layer.
 */
function drawnWeights(init: ParameterInit, shape: number[], seed: number): tf.Tensor {
  const key = JSON.stringify([init, shape, seed]);
  let values = drawn.get(key);
  if (values) {
    drawn.delete(key);
  } else {
    const tensor = tf.randomNormal(shape, 0, initialDeviation(init, shape[0]), 'float32', tfjsSeed(seed));
    values = tensor.dataSync() as Float32Array;
    tensor.dispose();
    if (drawn.size >= DRAWN_KEPT) drawn.delete(drawn.keys().next().value!);
  }
  drawn.set(key, values);
  return tf.tensor(values, shape, 'float32');
}

const forward: NodeKind['forward'] = (context) => {
  const init = context.params.init as ParameterInit;
  if (init === 'value') return fromValue.forward(context);
  const shape = generatedShape(context.params);
  if (init === 'zeros' || shape.length < 2) return [tf.zeros(shape)];
  return [drawnWeights(init, shape, context.params.seed as number)];
};

/**
 * A trainable value, such as a weight w; training updates it along −∂L/∂w.
 * With init other than "value" the node draws its values from a seeded normal
 * distribution of the given shape, so a large weight matrix needs no stored numbers.
 * Vectors (biases) and "zeros" start at 0.
 */
export const parameter: NodeKind = {
  ...fromValue,
  params: [
    { ...fromValue.params[0], isRelevant: (params) => (params.init ?? 'value') === 'value' },
    { name: 'init', type: 'choice', default: 'value', choices: PARAMETER_INITS },
    { name: 'shape', type: 'shape', default: [], isRelevant: (params) => (params.init ?? 'value') !== 'value' },
    { name: 'seed', type: 'number', default: 0, isRelevant: (params) => params.init !== undefined && params.init !== 'value' && params.init !== 'zeros' },
  ],
  inferShapes: (shapes, params, values) => {
    if (params.init === 'value') return fromValue.inferShapes(shapes, params, values);
    const shape = generatedShape(params);
    if (shape.length === 0) {
      return {
        error: `init "${String(params.init)}" needs a shape such as [2, 3], found ${formatShape(shape)}.`,
        reason: { code: 'init-needs-shape', details: { init: String(params.init), shape: formatShape(shape) } },
        code: 'invalid-param',
      };
    }
    return { shapes: [shape] };
  },
  forward,
  // Generated values always have a shape with at least one dimension, so a scalar parameter outputs its value param.
  scalar: { ...fromValue.scalar!, mirrors: { forward, backward: fromValue.backward } },
};
