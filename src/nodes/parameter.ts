import { sourceKind } from './source';

/** A trainable value, such as a weight w; training updates it along −∂L/∂w. */
export const parameter = sourceKind({ kind: 'parameter', symbol: 'θ', formula: 'out = value', trainable: true });
