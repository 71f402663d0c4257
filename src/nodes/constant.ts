import { sourceKind } from './source';

/** A fixed value that never changes, such as the 1 in 1 + e^x. */
export const constant = sourceKind({ kind: 'constant', symbol: 'c', formula: 'out = value' });
