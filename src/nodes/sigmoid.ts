import { unaryKind } from './elementwise';

/** σ(x) = 1 / (1 + e^−x); the derivative is written through the output as σ(1 − σ). */
export const sigmoid = unaryKind({
  kind: 'sigmoid',
  category: 'activations',
  symbol: 'σ',
  formula: 'σ(x) = 1 / (1 + e⁻ˣ)',
  localFormula: 'σ(x) · (1 − σ(x))',
  apply: (ops, x) => ops.sigmoid(x),
  derivative: (ops, _x, y) => ops.mul(y, ops.sub(1, y)),
});
