import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { gradientOf, runDocument, tensor, TestGraph, valueOf } from '../helpers/graph';
import { autodiffGradients, centralDifferences, expectClose } from '../helpers/numeric';

const x = tensor([2, 2], [1.5, -0.5, 2, -3]);
const weights0 = tensor([2, 2], [0.5, -1, 2, 0.25]);
const weights1 = tensor([2, 2], [-2, 3, 0.5, 1]);

/** loss = Σ out0 · w0 + Σ out1 · w1, with one sink per output. */
function copyGraph(value = x) {
  return new TestGraph()
    .source('x', value)
    .node('c', 'copy', { x: 'x' })
    .source('w0', weights0, 'constant')
    .source('w1', weights1, 'constant')
    .node('loss0', 'multiply', { a: 'c:out0', b: 'w0' })
    .node('loss1', 'multiply', { a: 'c:out1', b: 'w1' })
    .build();
}

describe('copy', () => {
  test('both outputs carry the input', () => {
    const { trace } = runDocument(copyGraph());

    expect(valueOf(trace, 'c', 0)).toEqual(x);
    expect(valueOf(trace, 'c', 1)).toEqual(x);
  });

  test('backward sums both output gradients', () => {
    const { trace } = runDocument(copyGraph());
    // By hand: d/dx (Σ x·w0 + Σ x·w1) = w0 + w1.
    const expected = weights0.data.map((value, index) => value + weights1.data[index]);

    expect(gradientOf(trace, 'c', 0)).toEqual(weights0);
    expect(gradientOf(trace, 'c', 1)).toEqual(weights1);
    expectClose(gradientOf(trace, 'x').data, expected, {}, 'dloss/dx');
  });

  test('backward matches finite differences', () => {
    const { trace } = runDocument(copyGraph());
    const loss = (values: number[]) => values.reduce((total, value, index) => total + value * weights0.data[index] + value * weights1.data[index], 0);

    expectClose(gradientOf(trace, 'x').data, centralDifferences(loss, x.data), { abs: 1e-6 }, 'dloss/dx');
  });

  test('backward matches tfjs autodiff', () => {
    const { trace } = runDocument(copyGraph());
    const [expected] = autodiffGradients(
      (input) => tf.add(tf.sum(tf.mul(input, tf.tensor(weights0.data, weights0.shape))), tf.sum(tf.mul(input, tf.tensor(weights1.data, weights1.shape)))),
      [x],
    );

    expectClose(gradientOf(trace, 'x'), expected, { abs: 1e-6 }, 'dloss/dx');
  });

  test('unread output adds zero gradient', () => {
    const document = new TestGraph().source('x', 2).node('c', 'copy', { x: 'x' }).node('double', 'multiply-constant', { x: 'c:out0' }, { c: 2 }).build();
    const { trace } = runDocument(document);

    expect(trace.sinks).toEqual(['double']);
    expect(gradientOf(trace, 'c', 1).data).toEqual([0]);
    expect(gradientOf(trace, 'x').data).toEqual([2]);
  });

  test('NaN input gives NaN outputs', () => {
    const { trace } = runDocument(copyGraph(tensor([2, 2], [NaN, 1, 2, 3])));

    expect(valueOf(trace, 'c', 0).data[0]).toBeNaN();
    expect(valueOf(trace, 'c', 1).data[0]).toBeNaN();
  });

  test('unwired input is reported', () => {
    const { program } = runDocument(new TestGraph().node('c', 'copy').build());

    expect(program.diagnostics).toHaveLength(1);
    expect(program.diagnostics[0]).toMatchObject({ code: 'missing-input', nodeId: 'c', port: 'x' });
    expect(program.diagnostics[0].message).toContain('node "c" (copy), input x');
  });
});
