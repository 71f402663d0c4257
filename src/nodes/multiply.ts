import { binaryKind } from './elementwise';

/** a · b. The mul gate swaps: each input's local gradient is the other input. */
export const multiply = binaryKind({
  kind: 'multiply',
  symbol: '×',
  formula: 'a · b',
  localFormulas: ['b', 'a'],
  pattern: 'swaps',
  apply: (ops, a, b) => ops.mul(a, b),
  derivatives: (_ops, a, b) => [b, a],
});
