import { sourceKind } from './source';

/** A value fed into the graph, such as x in f = (x + y) · z. */
export const input = sourceKind({ kind: 'input', symbol: 'in', formula: 'out = value' });
