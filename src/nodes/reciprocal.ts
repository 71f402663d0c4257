import { unaryKind } from './elementwise';

/** 1/x, with derivative −1/x². */
export const reciprocal = unaryKind({
  kind: 'reciprocal',
  category: 'math',
  symbol: '1/x',
  formula: '1 / x',
  localFormula: '−1 / x²',
  apply: (ops, x) => ops.reciprocal(x),
  derivative: (ops, _x, y) => ops.neg(ops.square(y)),
});
