import { unaryKind } from './elementwise';

/** tanh x, with derivative 1 − tanh² x written through the output. */
export const tanh = unaryKind({
  kind: 'tanh',
  category: 'activations',
  symbol: 'tanh',
  formula: 'tanh x',
  localFormula: '1 − tanh² x',
  apply: (ops, x) => ops.tanh(x),
  derivative: (ops, _x, y) => ops.sub(1, ops.square(y)),
});
