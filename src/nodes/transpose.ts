import * as tf from '@tensorflow/tfjs-core';
import { formatShape } from '../engine/tensor';
import type { NodeKind } from '../engine/types';

/** Matrix transpose xᵀ; the gradient is the upstream gradient transposed back. */
export const transpose: NodeKind = {
  kind: 'transpose',
  category: 'math',
  symbol: 'xᵀ',
  inputs: [{ name: 'x' }],
  outputs: [{ name: 'out' }],
  params: [],
  formula: 'out = xᵀ, out[j, i] = x[i, j]',
  localFormulas: ['upstreamᵀ'],
  inferShapes: ([x]) =>
    x.length === 2
      ? { shapes: [[x[1], x[0]]] }
      : {
        error: `transpose takes a rank-2 tensor, but x is ${formatShape(x)} (rank ${x.length}); reshape it to [n, m]`,
        reason: { code: 'transpose-rank', details: { x: formatShape(x), rank: x.length } },
        port: 'x',
      },
  forward: ({ inputs: [x] }) => [tf.transpose(x)],
  backward: ({ upstream: [gradient] }) => [tf.transpose(gradient)],
};
