import { binaryKind } from './elementwise';

/** a + b. The add gate distributes the upstream gradient unchanged to both inputs. */
export const add = binaryKind({
  kind: 'add',
  symbol: '+',
  formula: 'a + b',
  localFormulas: ['1', '1'],
  pattern: 'distributes',
  apply: (ops, a, b) => ops.add(a, b),
  derivatives: (ops, _a, _b, out) => [ops.ones(out), ops.ones(out)],
});
