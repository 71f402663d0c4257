import { unaryKind } from './elementwise';
import { numberParam } from './params';

/**
 * Leaky ReLU: x for x > 0 and αx otherwise. At the kink x = 0 the gradient is
 * α, the left-hand slope, as in tfjs; with α = 0 this matches the relu kind.
 */
export const leakyRelu = unaryKind({
  kind: 'leaky-relu',
  category: 'activations',
  symbol: 'LReLU',
  formula: 'x if x > 0 else α · x',
  localFormula: '1 if x > 0 else α',
  params: [{ name: 'alpha', type: 'number', default: 0.01, min: 0, max: 1 }],
  apply: (ops, x, params) => ops.leakyRelu(x, numberParam(params, 'alpha')),
  derivative: (ops, x, _y, params) => ops.select(ops.greater(x, 0), ops.ones(x), ops.fill(x, numberParam(params, 'alpha'))),
  isNearKink: ([x], reach) => x.data.some((value) => Math.abs(value) <= reach),
});
