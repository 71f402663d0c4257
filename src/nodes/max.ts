import { binaryKind, isNearTie } from './elementwise';

/**
 * max(a, b). The max gate routes the whole upstream gradient to the larger
 * input. Tie rule: where a = b the gradient goes to a, so the two gradients
 * still sum to the upstream gradient (as tfjs's maximum gradient does).
 */
export const max = binaryKind({
  kind: 'max',
  symbol: 'max',
  formula: 'max(a, b)',
  localFormulas: ['1 if a ≥ b else 0', '1 if b > a else 0'],
  pattern: 'routes',
  apply: (ops, a, b) => ops.maximum(a, b),
  derivatives: (ops, a, b) => [ops.greaterEqual(a, b), ops.less(a, b)],
  isNearKink: isNearTie,
});
