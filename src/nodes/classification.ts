import * as tf from '@tensorflow/tfjs-core';
import { formatShape, type TensorData } from '../engine/tensor';
import type { ShapeError } from '../engine/types';

/** Input ports of the classification losses: scores [N, C] (rows are examples) and one label per row. */
export const CLASSIFICATION_INPUTS = [{ name: 'scores' }, { name: 'labels', type: 'labels' as const }];

/**
 * Checks scores [N, C] against labels [N], or scores [C] against a scalar
 * label for one example. Returns the shape of the per-example values ([N] or
 * []), or an error. When the labels' value is known it must lie in 0 … C − 1.
 */
export function classificationShapes(
  scores: readonly number[],
  labels: readonly number[],
  labelValue: TensorData | null,
): { perExample: number[] } | ShapeError {
  if (scores.length !== 1 && scores.length !== 2) {
    return {
      error: `scores must be [N, C] with one row per example, or [C] for one example, but scores is ${formatShape(scores)} (rank ${scores.length})`,
      reason: { code: 'scores-rank', details: { scores: formatShape(scores), rank: scores.length } },
      port: 'scores',
    };
  }
  const classes = scores[scores.length - 1];
  const examples = scores.length === 2 ? scores[0] : 1;
  // tf.oneHot, which both losses use, rejects a depth below 2 (tfjs-core 4.22).
  if (classes < 2 || examples === 0) {
    return {
      error: `scores is ${formatShape(scores)}, but the loss needs at least one example and two classes`,
      reason: { code: 'scores-too-small', details: { scores: formatShape(scores) } },
      port: 'scores',
    };
  }
  const perExample = scores.length === 2 ? [examples] : [];
  if (labels.length !== perExample.length || (labels.length === 1 && labels[0] !== examples)) {
    const expected = scores.length === 2 ? `[${examples}] (one label per row)` : '[] (one label for one example)';
    const details = { examples, scores: formatShape(scores), labels: formatShape(labels) };
    return {
      error: `labels must be ${expected} for scores ${formatShape(scores)}, but labels is ${formatShape(labels)}`,
      reason: { code: scores.length === 2 ? 'labels-per-row' : 'labels-single', details },
      port: 'labels',
    };
  }
  return labelValue ? checkLabelRange(labelValue, classes) ?? { perExample } : { perExample };
}

// NOTE: only labels stored in the document reach this check. Labels fed at
// run time are not checked, because that would read them back to the CPU;
// an out-of-range fed label gets a one-hot row of zeros and adds 0 to the loss.
function checkLabelRange(labels: TensorData, classes: number): ShapeError | null {
  const position = labels.data.findIndex((label) => !Number.isInteger(label) || label < 0 || label >= classes);
  if (position < 0) return null;
  return {
    error: `label ${labels.data[position]} at position ${position} is out of range for ${classes} classes; labels must be integers from 0 to ${classes - 1}`,
    reason: { code: 'label-range', details: { label: labels.data[position], position, classes, last: classes - 1 } },
    port: 'labels',
    code: 'label-out-of-range',
  };
}

/** Reshapes scores to an [N, C] matrix, so one example [C] becomes [1, C]. */
export function scoreRows(scores: tf.Tensor): tf.Tensor2D {
  return tf.reshape(scores, [-1, scores.shape[scores.rank - 1]]);
}

/**
 * One-hot rows [N, C] as float32: 1 at each example's label, 0 elsewhere. An
 * index outside 0 … C − 1 gives a row of zeros.
 */
export function oneHotRows(labels: tf.Tensor, classes: number): tf.Tensor2D {
  const indices = tf.cast(tf.reshape(labels, [-1]), 'int32') as tf.Tensor1D;
  // NOTE: tf.oneHot's dtype argument is not used here because the wasm backend
  // of tfjs 4.22 fills a float32 result with int32 bit patterns (1 reads as
  // 1.4e-45). The int32 result cast to float32 is correct on every backend.
  return tf.cast(tf.oneHot(indices, classes), 'float32') as tf.Tensor2D;
}

/** Returns a zero gradient for the labels, because labels are class indices, not real numbers. */
export function labelsGradient(labels: tf.Tensor): tf.Tensor {
  return tf.zeros(labels.shape, 'float32');
}
