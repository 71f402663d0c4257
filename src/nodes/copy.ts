import * as tf from '@tensorflow/tfjs-core';
import type { NodeKind } from '../engine/types';
import { numberOps } from './element-ops';

const forward: NodeKind['forward'] = ({ inputs }) => [tf.clone(inputs[0]), tf.clone(inputs[0])];
const backward: NodeKind['backward'] = ({ upstream }) => [tf.add(upstream[0], upstream[1])];

/**
 * Explicit fan-out: both outputs carry x, and the gradient of x is the sum of
 * the gradients arriving at the two outputs.
 */
export const copy: NodeKind = {
  kind: 'copy',
  category: 'gates',
  symbol: 'copy',
  inputs: [{ name: 'x' }],
  outputs: [{ name: 'out0' }, { name: 'out1' }],
  params: [],
  formula: 'out0 = x, out1 = x',
  localFormulas: ['1 (per output)'],
  pattern: 'sums',
  inferShapes: ([x]) => ({ shapes: [[...x], [...x]] }),
  forward,
  backward,
  scalar: {
    mirrors: { forward, backward },
    forward: (inputs, _params, out, at) => {
      out[at] = inputs[0];
      out[at + 1] = inputs[0];
    },
    backward: (_inputs, _outputs, upstream, _params, out, at) => {
      out[at] = numberOps.add(upstream[0], upstream[1]);
    },
  },
};
