import { unaryKind } from './elementwise';

/** eˣ; its derivative is its own output. */
export const exp = unaryKind({
  kind: 'exp',
  category: 'math',
  symbol: 'exp',
  formula: 'eˣ',
  localFormula: 'eˣ',
  apply: (ops, x) => ops.exp(x),
  derivative: (_ops, _x, y) => y,
});
