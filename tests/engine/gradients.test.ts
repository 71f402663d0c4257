import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { compile } from '../../src/engine/compile';
import { computeGradients } from '../../src/engine/gradients';
import { run } from '../../src/engine/run';
import { registry } from '../../src/nodes';
import { expectClose, tensorData } from '../nodes/tensor-helpers';
import { TestGraph } from '../helpers/graph';

/** Returns fixed values in [-1, 1) from a small linear congruential generator, so the test needs no seed library. */
function fixedValues(count: number, seed: number): number[] {
  let state = seed;
  return Array.from({ length: count }, () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return (state / 2147483648) * 2 - 1;
  });
}

const shapes = { W1: [2, 5], b1: [5], W2: [5, 3], b2: [3] } as const;
const weights = Object.fromEntries(
  Object.entries(shapes).map(([id, shape], index) => [id, tensorData([...shape], fixedValues(shape.reduce((a, b) => a * b, 1), index + 7))]),
);
const batchX = tensorData([4, 2], fixedValues(8, 99).map((value) => 2 * value));
const batchY = [0, 2, 1, 2];

/** batch → matmul → bias-add → relu → matmul → bias-add → softmax-ce. */
function mlpDocument() {
  const builder = new TestGraph().node('B', 'batch', {}, { features: 2, batchSize: 4 });
  for (const [id, value] of Object.entries(weights)) builder.source(id, value, 'parameter');
  return builder
    .node('z1', 'matmul', { a: 'B:X', b: 'W1' })
    .node('a1', 'bias-add', { x: 'z1', b: 'b1' })
    .node('h', 'relu', { x: 'a1' })
    .node('z2', 'matmul', { a: 'h', b: 'W2' })
    .node('scores', 'bias-add', { x: 'z2', b: 'b2' })
    .node('L', 'softmax-ce', { scores: 'scores', labels: 'B:y' })
    .build();
}

const program = compile(mlpDocument(), registry);
// Tensors are created once the test setup has activated the backend.
const variables = new Map<string, tf.Variable>();
let X: tf.Tensor;
let y: tf.Tensor;
let feeds: Record<string, tf.Tensor[]>;

beforeAll(() => {
  for (const [id, value] of Object.entries(weights)) variables.set(id, tf.variable(tf.tensor(value.data, value.shape), true, `mlp-${id}`));
  X = tf.tensor(batchX.data, batchX.shape);
  y = tf.tensor1d(batchY, 'int32');
  feeds = { B: [X, y] };
});

afterAll(() => tf.dispose([X, y, ...variables.values()]));

/** Computes the same MLP's loss directly in tfjs ops, for autodiff. */
function mlpLoss(): tf.Scalar {
  const v = (id: string) => variables.get(id)!;
  const hidden = tf.relu(tf.add(tf.matMul(X, v('W1')), v('b1')));
  const scores = tf.add(tf.matMul(hidden, v('W2')), v('b2'));
  const oneHot = tf.cast(tf.oneHot(y, 3), 'float32');
  return tf.neg(tf.mean(tf.sum(tf.mul(tf.logSoftmax(scores), oneHot), 1))) as tf.Scalar;
}

function gradientsAsArrays(): { loss: number; grads: Record<string, number[]> } {
  return tf.tidy(() => {
    const { loss, grads } = computeGradients(program, feeds, variables);
    return { loss: loss.dataSync()[0], grads: Object.fromEntries([...grads].map(([id, grad]) => [id, Array.from(grad.dataSync())])) };
  });
}

describe('computeGradients', () => {
  test('program compiles without diagnostics', () => {
    expect(program.diagnostics).toEqual([]);
  });

  test('matches the traced run', () => {
    const { loss, grads } = gradientsAsArrays();
    const trace = run(program, feeds);
    expectClose([loss], trace.nodes.L.outputs[0].data, 1e-5);
    for (const id of variables.keys()) expectClose(grads[id], trace.nodes[id].upstream![0].data, 1e-5);
  });

  test('matches tfjs variableGrads', () => {
    const { loss, grads } = gradientsAsArrays();
    const expected = tf.variableGrads(mlpLoss, [...variables.values()]);
    expectClose([loss], expected.value.dataSync(), 1e-5);
    for (const [id, variable] of variables) expectClose(grads[id], expected.grads[variable.name].dataSync(), 1e-5);
    tf.dispose([expected.value, ...Object.values(expected.grads)]);
  });

  test('reads nothing back to the CPU', () => {
    const backend = tf.engine().backend;
    const readSync = vi.spyOn(backend, 'readSync');
    const read = vi.spyOn(backend, 'read');
    tf.tidy(() => {
      computeGradients(program, feeds, variables);
    });
    expect(readSync).not.toHaveBeenCalled();
    expect(read).not.toHaveBeenCalled();
    readSync.mockRestore();
    read.mockRestore();
  });

  test('tensor count stays flat over 100 steps', () => {
    tf.tidy(() => {
      computeGradients(program, feeds, variables);
    });
    const before = tf.memory().numTensors;
    for (let step = 0; step < 100; step++) {
      tf.tidy(() => {
        computeGradients(program, feeds, variables);
      });
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  test('unreached variable gets a zero gradient', () => {
    const document = mlpDocument();
    document.nodes.push({ id: 'unused', kind: 'parameter', params: { value: tensorData([2], [1, 2]) }, position: { x: 0, y: 0 } });
    const extended = compile(document, registry);
    const unused = tf.variable(tf.tensor1d([1, 2]));
    const grad = tf.tidy(() => Array.from(computeGradients(extended, feeds, new Map([['unused', unused]])).grads.get('unused')!.dataSync()));
    unused.dispose();
    expect(grad).toEqual([0, 0]);
  });

  test('variable of the wrong shape throws', () => {
    const wrong = tf.variable(tf.zeros([3, 5]));
    expect(() => computeGradients(program, feeds, new Map([['W1', wrong]]))).toThrow('variable for node "W1" (parameter): expected shape [2, 5], found [3, 5]');
    wrong.dispose();
  });

  test('variable for a node with inputs throws', () => {
    const wrong = tf.variable(tf.zeros([4, 5]));
    expect(() => computeGradients(program, feeds, new Map([['z1', wrong]]))).toThrow('expected a source node with one output');
    wrong.dispose();
  });
});
