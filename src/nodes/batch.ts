import * as tf from '@tensorflow/tfjs-core';
import { formatShape, shapesEqual, toTensor, type TensorData } from '../engine/tensor';
import type { NodeKind, Params, ShapeResult } from '../engine/types';
import { checkLabelValues, labelsTensor } from './labels';
import { numberParam } from './params';

/** Reads the X or y parameter. Returns null for the default empty tensor, which means zeros. */
function shownValue(params: Params, name: 'X' | 'y'): TensorData | null {
  const value = params[name];
  if (typeof value !== 'object' || Array.isArray(value)) throw new Error(`parameter "${name}" must be a tensor, found ${JSON.stringify(value)}`);
  return value.data.length > 0 ? value : null;
}

function batchShapes(params: Params): ShapeResult {
  const batchSize = numberParam(params, 'batchSize');
  const features = numberParam(params, 'features');
  for (const [name, count] of [['batchSize', batchSize], ['features', features]] as const) {
    if (!Number.isInteger(count) || count < 1) {
      return {
        error: `${name} must be a whole number of at least 1, found ${count}`,
        reason: { code: 'whole-count', details: { name, count } },
        code: 'invalid-param',
      };
    }
  }
  const x = shownValue(params, 'X');
  if (x && !shapesEqual(x.shape, [batchSize, features])) {
    return {
      error: `X must be [batchSize, features] = [${batchSize}, ${features}], found ${formatShape(x.shape)}`,
      reason: { code: 'batch-x-shape', details: { batchSize, features, found: formatShape(x.shape) } },
      code: 'invalid-param',
    };
  }
  const y = shownValue(params, 'y');
  if (y && !shapesEqual(y.shape, [batchSize])) {
    return {
      error: `y must be [batchSize] = [${batchSize}], found ${formatShape(y.shape)}`,
      reason: { code: 'batch-y-shape', details: { batchSize, found: formatShape(y.shape) } },
      code: 'invalid-param',
    };
  }
  return (y && checkLabelValues('y', y)) ?? { shapes: [[batchSize, features], [batchSize]] };
}

/**
 * The data source of a training graph: a batch of examples X [batchSize,
 * features] and their class labels y [batchSize]. Training replaces both
 * outputs through feeds at every step. Outside training the node shows its X
 * and y parameters, and an empty tensor there (the default) means zeros.
 */
export const batch: NodeKind = {
  kind: 'batch',
  category: 'inputs',
  symbol: 'batch',
  inputs: [],
  outputs: [{ name: 'X' }, { name: 'y', type: 'labels' }],
  params: [
    { name: 'features', type: 'number', default: 2, min: 1 },
    { name: 'batchSize', type: 'number', default: 4, min: 1 },
    { name: 'X', type: 'tensor', default: { shape: [0], data: [] } },
    { name: 'y', type: 'tensor', default: { shape: [0], data: [] } },
  ],
  formula: 'X = examples [batchSize, features], y = labels [batchSize]',
  inferShapes: (_shapes, params) => batchShapes(params),
  documentOutputs: (params) => [shownValue(params, 'X'), shownValue(params, 'y')],
  forward: ({ params }) => {
    const batchSize = numberParam(params, 'batchSize');
    const x = shownValue(params, 'X');
    const y = shownValue(params, 'y');
    return [
      x ? toTensor(x) : tf.zeros([batchSize, numberParam(params, 'features')]),
      y ? labelsTensor(y) : tf.zeros([batchSize], 'int32'),
    ];
  },
  backward: () => [],
};
