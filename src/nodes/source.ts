import { formatShape, oneOutput, sizeOf, toTensor, type TensorData } from '../engine/tensor';
import type { Reason } from '../engine/reasons';
import type { NodeKind, Params } from '../engine/types';

interface SourceDefinition {
  kind: string;
  symbol: string;
  formula: string;
  trainable?: boolean;
}

export function sourceValue(params: Params): { shape: number[]; data: number[] } {
  const value = params.value;
  if (typeof value !== 'object' || Array.isArray(value)) throw new Error(`source node value must be a tensor, found ${JSON.stringify(value)}`);
  return value;
}

/** Returns the reason for a tensor parameter whose shape needs more or fewer numbers than it has. */
export function valueCountReason(name: string, value: TensorData): Reason {
  return { code: 'value-count', details: { name, shape: formatShape(value.shape), needed: sizeOf(value.shape), found: value.data.length } };
}

/** Builds a kind with no inputs whose output is its `value` parameter. */
export function sourceKind(definition: SourceDefinition): NodeKind {
  const forward: NodeKind['forward'] = ({ params }) => [toTensor(sourceValue(params))];
  const backward: NodeKind['backward'] = () => [];
  return {
    kind: definition.kind,
    category: 'inputs',
    symbol: definition.symbol,
    inputs: [],
    outputs: [{ name: 'out' }],
    params: [{ name: 'value', type: 'tensor', default: { shape: [], data: [0] } }],
    formula: definition.formula,
    trainable: definition.trainable,
    inferShapes: (_shapes, params) => {
      const value = sourceValue(params);
      if (sizeOf(value.shape) !== value.data.length) {
        return {
          error: `value of shape ${formatShape(value.shape)} needs ${sizeOf(value.shape)} numbers, found ${value.data.length}.`,
          reason: valueCountReason('value', value),
        };
      }
      return oneOutput(value.shape);
    },
    forward,
    backward,
    scalar: {
      mirrors: { forward, backward },
      forward: (_inputs, params, out, at) => {
        out[at] = Math.fround(sourceValue(params).data[0]);
      },
      // A source has no inputs, so it sends no gradient back.
      backward: () => {},
    },
  };
}
