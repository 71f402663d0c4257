import * as tf from '@tensorflow/tfjs-core';
import type { Program } from '../compile';
import { computeOutputs, readInputs } from '../pass';

/** Labelled examples stored row-major, as the training loop reads them. */
export interface ExampleSet {
  features: number;
  classes: number;
  x: Float32Array;
  y: Int32Array;
}

/** Tensors [x, y] for examples start … end of a set, in the given order. */
export function batchTensors(set: ExampleSet, order: ArrayLike<number> | null, start: number, end: number): [tf.Tensor2D, tf.Tensor1D] {
  const count = end - start;
  const x = new Float32Array(count * set.features);
  const y = new Int32Array(count);
  for (let row = 0; row < count; row++) {
    const source = order ? order[start + row] : start + row;
    x.set(set.x.subarray(source * set.features, (source + 1) * set.features), row * set.features);
    y[row] = set.y[source];
  }
  return [tf.tensor2d(x, [count, set.features]), tf.tensor1d(y, 'int32')];
}

/**
 * Runs a program forward only and returns the first output of each wanted node.
 * Parameter nodes read their variable; fed nodes read their feed. The caller
 * wraps this in tf.tidy.
 */
export function forwardOutputs(
  program: Program,
  feeds: Record<string, tf.Tensor[]>,
  variables: ReadonlyMap<string, tf.Variable>,
  wanted: readonly { nodeId: string; port?: string }[],
): tf.Tensor[] {
  const outputs = new Map<string, tf.Tensor[]>();
  for (const node of program.order) {
    const variable = variables.get(node.id);
    outputs.set(node.id, variable ? [variable] : computeOutputs(node, readInputs(node, outputs), feeds));
  }
  return wanted.map(({ nodeId, port }) => {
    const node = program.nodes.get(nodeId)!;
    const index = port ? node.kind.outputs.findIndex((output) => output.name === port) : 0;
    return outputs.get(nodeId)![index];
  });
}

/** Counts the rows whose highest score is at the example's label. */
export function countCorrect(scores: tf.Tensor, labels: tf.Tensor): number {
  return tf.tidy(() => tf.sum(tf.cast(tf.equal(tf.argMax(scores, -1), tf.cast(labels, 'int32')), 'int32')).dataSync()[0]);
}
