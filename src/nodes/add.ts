import * as tf from '@tensorflow/tfjs-core';
import { binaryKind } from './elementwise';

/** a + b. The add gate distributes the upstream gradient unchanged to both inputs. */
export const add = binaryKind({
  kind: 'add',
  symbol: '+',
  formula: 'a + b',
  localFormulas: ['1', '1'],
  pattern: 'distributes',
  apply: (a, b) => tf.add(a, b),
  derivatives: (_a, _b, out) => [tf.onesLike(out), tf.onesLike(out)],
});
