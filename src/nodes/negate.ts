import { unaryKind } from './elementwise';

/** −x. */
export const negate = unaryKind({
  kind: 'negate',
  category: 'math',
  symbol: '−x',
  formula: '−x',
  localFormula: '−1',
  apply: (ops, x) => ops.neg(x),
  derivative: (ops, x) => ops.fill(x, -1),
});
