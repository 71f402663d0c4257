import * as tf from '@tensorflow/tfjs-core';
import type { NodeKind, Params } from '../engine/types';

/**
 * Values of the `axis` parameter: "all" sums every element to a scalar, and
 * "k" sums along axis k and drops that axis. Tensors have at most 8 axes.
 */
export const SUM_AXES = ['all', '0', '1', '2', '3', '4', '5', '6', '7'] as const;

/** Returns the axis to sum along, or null to sum every element. */
function axisOf(params: Params): number | null {
  return params.axis === 'all' ? null : Number(params.axis);
}

/**
 * Σ x over all elements or along one axis. Every summed element has local
 * gradient 1, so backward copies the upstream gradient back to each of them.
 */
export const sum: NodeKind = {
  kind: 'sum',
  category: 'math',
  symbol: 'Σ',
  inputs: [{ name: 'x' }],
  outputs: [{ name: 'out' }],
  params: [{ name: 'axis', type: 'choice', default: 'all', choices: SUM_AXES }],
  formula: 'Σ x',
  localFormulas: ['1'],
  pattern: 'distributes',
  inferShapes: ([x], params) => {
    const axis = axisOf(params);
    if (axis === null) return { shapes: [[]] };
    if (axis >= x.length) {
      return {
        error: `axis ${axis} does not exist in a tensor of rank ${x.length}; choose an axis below ${x.length} or "all".`,
        reason: { code: 'axis-out-of-range', details: { axis, rank: x.length } },
        port: 'x',
      };
    }
    return { shapes: [x.filter((_dim, index) => index !== axis)] };
  },
  forward: ({ inputs, params }) => {
    const axis = axisOf(params);
    return [axis === null ? tf.sum(inputs[0]) : tf.sum(inputs[0], axis)];
  },
  backward: ({ inputs, params, upstream }) => {
    // Put the summed axes back with size 1, then repeat the gradient along them.
    const axis = axisOf(params);
    const keptShape = inputs[0].shape.map((dim, index) => (axis === null || index === axis ? 1 : dim));
    return [tf.broadcastTo(tf.reshape(upstream[0], keptShape), inputs[0].shape)];
  },
};
