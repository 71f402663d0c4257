import * as tf from '@tensorflow/tfjs-core';
import { formatShape, sizeOf, type TensorData } from '../engine/tensor';
import type { NodeKind, Params, ShapeError } from '../engine/types';
import { sourceValue, valueCountReason } from './source';

/**
 * Checks that a labels value has as many numbers as its shape needs and that
 * each is a non-negative integer class index. Returns the problem, or null.
 */
export function checkLabelValues(name: string, value: TensorData): ShapeError | null {
  if (sizeOf(value.shape) !== value.data.length) {
    return {
      error: `${name} of shape ${formatShape(value.shape)} needs ${sizeOf(value.shape)} numbers, found ${value.data.length}`,
      reason: valueCountReason(name, value),
      code: 'invalid-param',
    };
  }
  const position = value.data.findIndex((label) => !Number.isInteger(label) || label < 0);
  if (position >= 0) {
    return {
      error: `${name} must hold class indices (integers 0, 1, 2, …), found ${value.data[position]} at position ${position}`,
      reason: { code: 'labels-not-indices', details: { name, value: value.data[position], position } },
      code: 'invalid-param',
    };
  }
  return null;
}

/** Class indices as an int32 tensor, the form tf.oneHot reads. */
export function labelsTensor(value: TensorData): tf.Tensor {
  return tf.tensor(value.data, value.shape, 'int32');
}

/**
 * Integer class labels y, such as [0, 1, 2] for three examples of three
 * classes. Its output port has type 'labels', so it connects only to labels
 * inputs such as those of svm-loss and softmax-ce.
 */
export const labels: NodeKind = {
  kind: 'labels',
  category: 'inputs',
  symbol: 'y',
  inputs: [],
  outputs: [{ name: 'out', type: 'labels' }],
  params: [{ name: 'value', type: 'tensor', default: { shape: [], data: [0] } }],
  formula: 'out = value (class indices)',
  inferShapes: (_shapes, params) => {
    const value = sourceValue(params);
    return checkLabelValues('value', value) ?? { shapes: [value.shape] };
  },
  documentOutputs: (params: Params) => [sourceValue(params)],
  forward: ({ params }) => [labelsTensor(sourceValue(params))],
  backward: () => [],
};
