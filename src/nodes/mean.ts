import * as tf from '@tensorflow/tfjs-core';
import { formatShape, sizeOf } from '../engine/tensor';
import type { NodeKind, Params, ShapeResult } from '../engine/types';
import { SUM_AXES } from './sum';

/** Returns the axis to average along, or null to average every element. The choices are those of sum. */
function axisOf(params: Params): number | null {
  return params.axis === 'all' ? null : Number(params.axis);
}

/**
 * Mean of x over all elements or along one axis, which is dropped. Each
 * averaged element has local gradient 1 / count, where count is the number
 * of elements averaged into one output, so backward spreads upstream / count.
 */
export const mean: NodeKind = {
  kind: 'mean',
  category: 'math',
  symbol: 'mean',
  inputs: [{ name: 'x' }],
  outputs: [{ name: 'out' }],
  params: [{ name: 'axis', type: 'choice', default: 'all', choices: SUM_AXES }],
  formula: '(1 / count) · Σ x',
  localFormulas: ['1 / count'],
  pattern: 'distributes',
  inferShapes: ([x], params): ShapeResult => {
    const axis = axisOf(params);
    if (axis === null) {
      if (sizeOf(x) > 0) return { shapes: [[]] };
      return {
        error: `x is empty (shape [${x.join(', ')}]), and the mean of no elements is undefined`,
        reason: { code: 'mean-empty', details: { x: formatShape(x) } },
        port: 'x',
      };
    }
    if (axis >= x.length) {
      return {
        error: `axis ${axis} does not exist in a tensor of rank ${x.length}; choose an axis below ${x.length} or "all"`,
        reason: { code: 'axis-out-of-range', details: { axis, rank: x.length } },
        port: 'x',
      };
    }
    if (x[axis] === 0) {
      return {
        error: `axis ${axis} of x has length 0, and the mean of no elements is undefined`,
        reason: { code: 'mean-axis-empty', details: { axis } },
        port: 'x',
      };
    }
    return { shapes: [x.filter((_dim, index) => index !== axis)] };
  },
  forward: ({ inputs: [x], params }) => {
    const axis = axisOf(params);
    return [axis === null ? tf.mean(x) : tf.mean(x, axis)];
  },
  backward: ({ inputs: [x], params, upstream: [gradient] }) => {
    // Put the averaged axis back with size 1, then repeat upstream / count along it.
    const axis = axisOf(params);
    const count = axis === null ? x.size : x.shape[axis];
    const keptShape = x.shape.map((dim, index) => (axis === null || index === axis ? 1 : dim));
    return [tf.broadcastTo(tf.div(tf.reshape(gradient, keptShape), count), x.shape)];
  },
};
