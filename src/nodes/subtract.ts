import { binaryKind } from './elementwise';

/** a − b: the upstream gradient reaches a unchanged and b negated. */
export const subtract = binaryKind({
  kind: 'subtract',
  symbol: '−',
  formula: 'a − b',
  localFormulas: ['1', '−1'],
  apply: (ops, a, b) => ops.sub(a, b),
  derivatives: (ops, _a, _b, out) => [ops.ones(out), ops.neg(ops.ones(out))],
});
