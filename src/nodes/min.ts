import { binaryKind, isNearTie } from './elementwise';

/**
 * min(a, b): routes the upstream gradient to the smaller input. Tie rule:
 * where a = b the gradient goes to a.
 */
export const min = binaryKind({
  kind: 'min',
  symbol: 'min',
  formula: 'min(a, b)',
  localFormulas: ['1 if a ≤ b else 0', '1 if b < a else 0'],
  pattern: 'routes',
  apply: (ops, a, b) => ops.minimum(a, b),
  derivatives: (ops, a, b) => [ops.lessEqual(a, b), ops.greater(a, b)],
  isNearKink: isNearTie,
});
