import { unaryKind } from './elementwise';

/** Natural logarithm ln x; NaN for x < 0 and −∞ at 0. */
export const log = unaryKind({
  kind: 'log',
  category: 'math',
  symbol: 'ln',
  formula: 'ln x',
  localFormula: '1 / x',
  apply: (ops, x) => ops.log(x),
  derivative: (ops, x) => ops.reciprocal(x),
});
