import * as tf from '@tensorflow/tfjs-core';
import type { TensorData } from '../engine/tensor';
import type { NodeKind, Params, ParamSpec } from '../engine/types';

interface PenaltyDefinition {
  kind: string;
  symbol: string;
  formula: string;
  localFormula: string;
  params: ParamSpec[];
  /** The scalar penalty of the weights w. */
  apply(w: tf.Tensor, params: Params): tf.Tensor;
  /** ∂penalty/∂w elementwise, in w's shape. */
  derivative(w: tf.Tensor, params: Params): tf.Tensor;
  isNearKink?: NodeKind['isNearKink'];
}

/** Describes a regularization strength λ ≥ 0, named as in the formula. */
export function strength(name: string): ParamSpec {
  return { name, type: 'number', default: 1e-3, min: 0 };
}

/**
 * Computes sign(w) with sign(0) = 0, except that NaN stays NaN so a NaN weight shows
 * up in the gradient too (tf.sign returns 0 for NaN).
 */
export function signKeepingNaN(w: tf.Tensor): tf.Tensor {
  return tf.where(tf.isNaN(w), w, tf.sign(w));
}

/** Tells whether some weight lies within `reach` of 0, where |w| has its kink. */
export function isNearZero([w]: TensorData[], reach: number): boolean {
  return w.data.some((value) => Math.abs(value) <= reach);
}

/** Builds a regularization kind: one input w of any shape, one scalar output. */
export function penaltyKind(definition: PenaltyDefinition): NodeKind {
  return {
    kind: definition.kind,
    category: 'losses',
    symbol: definition.symbol,
    inputs: [{ name: 'w' }],
    outputs: [{ name: 'out' }],
    params: definition.params,
    formula: definition.formula,
    localFormulas: [definition.localFormula],
    inferShapes: () => ({ shapes: [[]] }),
    forward: ({ inputs: [w], params }) => [definition.apply(w, params)],
    backward: ({ inputs: [w], params, upstream: [gradient] }) => [tf.mul(gradient, definition.derivative(w, params))],
    isNearKink: definition.isNearKink,
  };
}
