import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import type { TensorData } from '../../src/engine/tensor';
import { gradientOf, runDocument, tensor, TestGraph, valueOf } from '../helpers/graph';
import { KIND_NODE, weightedLossGraph, weightedSum } from '../helpers/kinds';
import { autodiffGradients, broadcastApply, centralDifferences, expectClose } from '../helpers/numeric';

interface BinaryCase {
  kind: string;
  /** The kind's formula in float64. */
  formula(a: number, b: number): number;
  /** The same formula as tfjs ops, for autodiff. */
  ops(a: tf.Tensor, b: tf.Tensor): tf.Tensor;
}

const cases: BinaryCase[] = [
  { kind: 'add', formula: (a, b) => a + b, ops: (a, b) => tf.add(a, b) },
  { kind: 'subtract', formula: (a, b) => a - b, ops: (a, b) => tf.sub(a, b) },
  { kind: 'multiply', formula: (a, b) => a * b, ops: (a, b) => tf.mul(a, b) },
  { kind: 'divide', formula: (a, b) => a / b, ops: (a, b) => tf.div(a, b) },
  { kind: 'max', formula: Math.max, ops: (a, b) => tf.maximum(...broadcastBoth(a, b)) },
  { kind: 'min', formula: Math.min, ops: (a, b) => tf.minimum(...broadcastBoth(a, b)) },
];

/**
 * Broadcasts a and b to their common shape with tf.broadcastTo, whose gradient
 * sums over the broadcast axes. In tfjs-core 4.22 the Maximum and Minimum
 * gradients return the broadcast shape for a broadcast input and tf.grads
 * rejects it, so the autodiff reference for max and min broadcasts first.
 */
function broadcastBoth(a: tf.Tensor, b: tf.Tensor): [tf.Tensor, tf.Tensor] {
  const shape = tf.broadcastArgs(tf.tensor1d(a.shape, 'int32'), tf.tensor1d(b.shape, 'int32')).arraySync() as number[];
  return [tf.broadcastTo(a, shape), tf.broadcastTo(b, shape)];
}

// Every a differs from every b, so max and min have no ties, and no b is 0.
const shapeCases: { name: string; a: TensorData; b: TensorData }[] = [
  { name: '[2, 3] and [2, 3]', a: tensor([2, 3], [0.5, -1.2, 2.3, -0.7, 1.9, 3.1]), b: tensor([2, 3], [1.3, -0.4, 0.8, -2.1, 2.6, 0.6]) },
  { name: '[2, 3] and [3]', a: tensor([2, 3], [0.5, -1.2, 2.3, -0.7, 1.9, 3.1]), b: tensor([3], [1.3, -0.4, 0.8]) },
  { name: '[2, 3] and scalar', a: tensor([2, 3], [0.5, -1.2, 2.3, -0.7, 1.9, 3.1]), b: tensor([], [0.9]) },
  { name: '[2, 1] and [1, 3]', a: tensor([2, 1], [0.5, -1.2]), b: tensor([1, 3], [1.3, -0.4, 2.1]) },
];

const weights = tensor([2, 3], [0.3, -1.1, 0.7, 1.5, -0.2, 0.9]);

describe.each(cases)('$kind', ({ kind, formula, ops }) => {
  describe.each(shapeCases)('$name', ({ a, b }) => {
    const document = weightedLossGraph(kind, { a, b }, weights);

    test('forward matches float64 formula', () => {
      const { trace } = runDocument(document);
      expectClose(valueOf(trace, KIND_NODE), broadcastApply(a, b, formula), { abs: 1e-6, rel: 1e-5 }, `${kind}(a, b)`);
    });

    test('backward matches finite differences', () => {
      const { trace } = runDocument(document);
      const split = a.data.length;
      const loss = (values: number[]) => {
        const out = broadcastApply(tensor(a.shape, values.slice(0, split)), tensor(b.shape, values.slice(split)), formula);
        return weightedSum(out, weights);
      };
      const expected = centralDifferences(loss, [...a.data, ...b.data]);

      expectClose(gradientOf(trace, 'a').data, expected.slice(0, split), { abs: 1e-5, rel: 1e-4 }, 'dloss/da');
      expectClose(gradientOf(trace, 'b').data, expected.slice(split), { abs: 1e-5, rel: 1e-4 }, 'dloss/db');
    });

    test('backward matches tfjs autodiff', () => {
      const { trace } = runDocument(document);
      const [expectedA, expectedB] = autodiffGradients(
        (left, right) => tf.sum(tf.mul(ops(left, right), tf.tensor(weights.data, weights.shape))),
        [a, b],
      );

      expectClose(gradientOf(trace, 'a'), expectedA, { abs: 1e-6, rel: 1e-5 }, 'dloss/da');
      expectClose(gradientOf(trace, 'b'), expectedB, { abs: 1e-6, rel: 1e-5 }, 'dloss/db');
    });
  });

  test('NaN input gives NaN output', () => {
    const document = weightedLossGraph(kind, { a: tensor([2], [NaN, 1]), b: tensor([2], [2, NaN]) }, tensor([2], [1, 1]));
    const { trace } = runDocument(document);
    const nonFinite = trace.diagnostics.filter((diagnostic) => diagnostic.code === 'non-finite-value');

    expect(valueOf(trace, KIND_NODE).data[0]).toBeNaN();
    expect(valueOf(trace, KIND_NODE).data[1]).toBeNaN();
    expect(nonFinite.map((diagnostic) => diagnostic.nodeId)).toEqual(['a']);
  });

  test('unwired input b is reported', () => {
    const { program } = runDocument(new TestGraph().source('a', 1).node(KIND_NODE, kind, { a: 'a' }).build());
    const [diagnostic] = program.diagnostics;

    expect(diagnostic).toMatchObject({ code: 'missing-input', severity: 'warning', nodeId: KIND_NODE, port: 'b' });
    expect(diagnostic.message).toContain(`node "${KIND_NODE}" (${kind}), input b`);
  });

  test('shapes that do not broadcast are reported', () => {
    const document = new TestGraph().source('a', tensor([2, 3], [1, 2, 3, 4, 5, 6])).source('b', tensor([4], [1, 2, 3, 4])).node(KIND_NODE, kind, { a: 'a', b: 'b' }).build();
    const { program } = runDocument(document);
    const [diagnostic] = program.diagnostics;

    expect(diagnostic).toMatchObject({ code: 'shape-mismatch', severity: 'error', nodeId: KIND_NODE });
    expect(diagnostic.message).toContain(`node "${KIND_NODE}" (${kind})`);
    expect(diagnostic.message).toContain('[2, 3]');
    expect(diagnostic.message).toContain('[4]');
    expect(program.nodes.has(KIND_NODE)).toBe(false);
  });
});

describe('broadcast gradients', () => {
  test('add sums the gradient of b over axis 0', () => {
    const document = weightedLossGraph('add', { a: tensor([2, 3], [0, 0, 0, 0, 0, 0]), b: tensor([3], [0, 0, 0]) }, tensor([2, 3], [1, 2, 3, 4, 5, 6]));
    const { trace } = runDocument(document);

    expect(gradientOf(trace, 'a')).toEqual(tensor([2, 3], [1, 2, 3, 4, 5, 6]));
    expect(gradientOf(trace, 'b')).toEqual(tensor([3], [5, 7, 9]));
  });

  test('multiply by a scalar sums the scalar gradient', () => {
    const document = weightedLossGraph('multiply', { a: tensor([2, 3], [1, 2, 3, 4, 5, 6]), b: tensor([], [10]) }, tensor([2, 3], [1, 1, 1, 1, 1, 2]));
    const { trace } = runDocument(document);

    // By hand: d/db Σ a·b·w = Σ a·w = 1 + 2 + 3 + 4 + 5 + 12 = 27.
    expect(gradientOf(trace, 'a')).toEqual(tensor([2, 3], [10, 10, 10, 10, 10, 20]));
    expect(gradientOf(trace, 'b')).toEqual(tensor([], [27]));
  });
});

describe('max and min routing', () => {
  test('max routes gradient to the larger input', () => {
    const { trace } = runDocument(weightedLossGraph('max', { a: tensor([2], [3, -2]), b: tensor([2], [-1, 5]) }, tensor([2], [2, 2])));

    expect(gradientOf(trace, 'a').data).toEqual([2, 0]);
    expect(gradientOf(trace, 'b').data).toEqual([0, 2]);
  });

  test('min routes gradient to the smaller input', () => {
    const { trace } = runDocument(weightedLossGraph('min', { a: tensor([2], [3, -2]), b: tensor([2], [-1, 5]) }, tensor([2], [2, 2])));

    expect(gradientOf(trace, 'a').data).toEqual([0, 2]);
    expect(gradientOf(trace, 'b').data).toEqual([2, 0]);
  });

  // Tie rule: where a = b the whole upstream gradient goes to a and none to b,
  // so the two gradients still sum to the upstream gradient.
  test.each(['max', 'min'])('%s sends the gradient at a tie to a', (kind) => {
    const { trace } = runDocument(weightedLossGraph(kind, { a: tensor([2], [1.5, -4]), b: tensor([2], [1.5, -4]) }, tensor([2], [3, -2])));
    const gradientA = gradientOf(trace, 'a').data;
    const gradientB = gradientOf(trace, 'b').data;

    expectClose(gradientA, [3, -2], {}, 'gradient at a');
    expectClose(gradientB, [0, 0], {}, 'gradient at b');
    expectClose(gradientA.map((value, index) => value + gradientB[index]), [3, -2], {}, 'sum of both gradients');
  });
});
