import { binaryKind } from './elementwise';

/** a / b, with ∂/∂a = 1/b and ∂/∂b = −a/b². */
export const divide = binaryKind({
  kind: 'divide',
  symbol: '÷',
  formula: 'a / b',
  localFormulas: ['1 / b', '−a / b²'],
  apply: (ops, a, b) => ops.div(a, b),
  derivatives: (ops, a, b) => [ops.reciprocal(b), ops.neg(ops.div(a, ops.square(b)))],
});
