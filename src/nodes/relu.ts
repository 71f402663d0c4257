import { unaryKind } from './elementwise';

/** ReLU max(0, x). At the kink x = 0 the gradient is 0, as in tfjs and PyTorch. */
export const relu = unaryKind({
  kind: 'relu',
  category: 'activations',
  symbol: 'ReLU',
  formula: 'max(0, x)',
  localFormula: '1 if x > 0 else 0',
  pattern: 'routes',
  apply: (ops, x) => ops.relu(x),
  derivative: (ops, x) => ops.greater(x, 0),
  isNearKink: ([x], reach) => x.data.some((value) => Math.abs(value) <= reach),
});
