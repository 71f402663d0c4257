import { unaryKind } from './elementwise';

/** The fixed number c of a constant gate. */
export function constantOf(params: Record<string, unknown>): number {
  return params.c as number;
}

/** x + c for a fixed number c, such as the +1 in the lecture's sigmoid gates. */
export const addConstant = unaryKind({
  kind: 'add-constant',
  category: 'math',
  symbol: '+c',
  formula: 'x + c',
  localFormula: '1',
  params: [{ name: 'c', type: 'number', default: 1 }],
  apply: (ops, x, params) => ops.add(x, constantOf(params)),
  derivative: (ops, x) => ops.ones(x),
});
