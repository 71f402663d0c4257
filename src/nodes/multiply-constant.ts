import { unaryKind } from './elementwise';
import { constantOf } from './add-constant';

/** c · x for a fixed number c, such as the −1 in the lecture's sigmoid gates. */
export const multiplyConstant = unaryKind({
  kind: 'multiply-constant',
  category: 'math',
  symbol: '·c',
  formula: 'c · x',
  localFormula: 'c',
  pattern: 'scales',
  params: [{ name: 'c', type: 'number', default: -1 }],
  apply: (ops, x, params) => ops.mul(x, constantOf(params)),
  derivative: (ops, x, _y, params) => ops.fill(x, constantOf(params)),
});
