import * as tf from '@tensorflow/tfjs-core';
import { formatShape } from '../engine/tensor';
import type { NodeKind, ShapeResult } from '../engine/types';

/** Requires b's shape to equal the trailing dimensions of x, such as x [n, d] and b [d]. */
function biasAddShapes(x: readonly number[], b: readonly number[]): ShapeResult {
  if (b.length > x.length) {
    return {
      error: `b is ${formatShape(b)} (rank ${b.length}) but x is ${formatShape(x)} (rank ${x.length}); b must have at most the rank of x`,
      reason: { code: 'bias-rank', details: { b: formatShape(b), bRank: b.length, x: formatShape(x), xRank: x.length } },
      port: 'b',
    };
  }
  const offset = x.length - b.length;
  const axis = b.findIndex((dim, index) => dim !== x[offset + index]);
  if (axis >= 0) {
    return {
      error: `b must equal the trailing dimensions of x: x is ${formatShape(x)}, b is ${formatShape(b)}, and dimension ${axis} of b is ${b[axis]} where dimension ${offset + axis} of x is ${x[offset + axis]}`,
      reason: {
        code: 'bias-trailing',
        details: { x: formatShape(x), b: formatShape(b), bAxis: axis, bSize: b[axis], xAxis: offset + axis, xSize: x[offset + axis] },
      },
      port: 'b',
    };
  }
  return { shapes: [[...x]] };
}

/**
 * x + b with b repeated over the leading axes of x, such as one bias per
 * feature added to every row of a batch. The gradient of b is the upstream
 * gradient summed (never averaged) over the repeated axes.
 */
export const biasAdd: NodeKind = {
  kind: 'bias-add',
  category: 'math',
  symbol: '+b',
  inputs: [{ name: 'x' }, { name: 'b' }],
  outputs: [{ name: 'out' }],
  params: [],
  formula: 'out[i, j] = x[i, j] + b[j]',
  localFormulas: ['1', 'Σ over rows of upstream'],
  pattern: 'distributes',
  inferShapes: ([x, b]) => biasAddShapes(x, b),
  forward: ({ inputs: [x, b] }) => [tf.add(x, b)],
  backward: ({ inputs: [x, b], upstream: [gradient] }) => {
    const repeatedAxes = Array.from({ length: x.rank - b.rank }, (_unused, axis) => axis);
    return [gradient, repeatedAxes.length > 0 ? tf.sum(gradient, repeatedAxes) : gradient];
  },
};
