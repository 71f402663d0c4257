import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { loadDocumentValue } from '../../src/engine/load';
import type { TensorData } from '../../src/engine/tensor';
import { registry } from '../../src/nodes';
import { gradientOf, runDocument, tensor, TestGraph, valueOf } from '../helpers/graph';
import { KIND_NODE, weightedLossGraph, weightedSum } from '../helpers/kinds';
import { autodiffGradients, centralDifferences, expectClose } from '../helpers/numeric';

const x = tensor([2, 3], [1, -2, 3, 0.5, 4, -1.5]);

/** Sums of x in float64, written out by hand for each axis choice. */
const axisCases: { axis: string; tfAxis?: number; sum: (values: number[]) => TensorData; weights: TensorData }[] = [
  { axis: 'all', sum: (v) => tensor([], [v[0] + v[1] + v[2] + v[3] + v[4] + v[5]]), weights: tensor([], [1.5]) },
  { axis: '0', tfAxis: 0, sum: (v) => tensor([3], [v[0] + v[3], v[1] + v[4], v[2] + v[5]]), weights: tensor([3], [0.5, -1, 2]) },
  { axis: '1', tfAxis: 1, sum: (v) => tensor([2], [v[0] + v[1] + v[2], v[3] + v[4] + v[5]]), weights: tensor([2], [3, -0.5]) },
];

describe.each(axisCases)('sum over axis $axis', ({ axis, tfAxis, sum, weights }) => {
  const document = weightedLossGraph('sum', { x }, weights, { axis });

  test('forward matches hand sum', () => {
    const { trace } = runDocument(document);
    expectClose(valueOf(trace, KIND_NODE), sum(x.data), { abs: 1e-6 }, `sum(x, ${axis})`);
  });

  test('backward matches finite differences', () => {
    const { trace } = runDocument(document);
    const loss = (values: number[]) => weightedSum(sum(values), weights);

    expect(gradientOf(trace, 'x').shape).toEqual([2, 3]);
    expectClose(gradientOf(trace, 'x').data, centralDifferences(loss, x.data), { abs: 1e-6 }, 'dloss/dx');
  });

  test('backward matches tfjs autodiff', () => {
    const { trace } = runDocument(document);
    const [expected] = autodiffGradients(
      (input) => tf.sum(tf.mul(tf.sum(input, tfAxis), tf.tensor(weights.data, weights.shape))),
      [x],
    );

    expectClose(gradientOf(trace, 'x'), expected, { abs: 1e-6 }, 'dloss/dx');
  });
});

describe('sum', () => {
  test('axis defaults to all', () => {
    const { trace } = runDocument(new TestGraph().source('x', x).node('s', 'sum', { x: 'x' }).build());

    expect(valueOf(trace, 's').shape).toEqual([]);
    expect(valueOf(trace, 's').data[0]).toBeCloseTo(5, 6);
    expect(gradientOf(trace, 'x')).toEqual(tensor([2, 3], [1, 1, 1, 1, 1, 1]));
  });

  test('scalar input passes through', () => {
    const { trace } = runDocument(weightedLossGraph('sum', { x: tensor([], [2.5]) }, tensor([], [-3])));

    expect(valueOf(trace, KIND_NODE)).toEqual(tensor([], [2.5]));
    expect(gradientOf(trace, 'x')).toEqual(tensor([], [-3]));
  });

  test('missing axis is reported', () => {
    const document = new TestGraph().source('x', x).node('s', 'sum', { x: 'x' }, { axis: '2' }).build();
    const { program } = runDocument(document);

    expect(program.diagnostics).toHaveLength(1);
    expect(program.diagnostics[0]).toMatchObject({ code: 'shape-mismatch', severity: 'error', nodeId: 's', port: 'x' });
    expect(program.diagnostics[0].message).toContain('axis 2 does not exist in a tensor of rank 2');
    expect(program.diagnostics[0].message).toContain('[2, 3]');
  });

  test.each([
    { axis: 0, found: '0' },
    { axis: '8', found: '"8"' },
  ])('load rejects axis $found', ({ axis, found }) => {
    const document = new TestGraph().source('x', x).node('s', 'sum', { x: 'x' }, { axis }).build();
    const result = loadDocumentValue(document, registry);

    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors).toContainEqual(`Node "s" (sum), parameter "axis": expected one of all, 0, 1, 2, 3, 4, 5, 6, 7, found ${found}.`);
  });

  test('NaN input gives NaN output', () => {
    const { trace } = runDocument(weightedLossGraph('sum', { x: tensor([2], [NaN, 1]) }, tensor([], [1])));
    expect(valueOf(trace, KIND_NODE).data[0]).toBeNaN();
  });

  test('unwired input is reported', () => {
    const { program } = runDocument(new TestGraph().node('s', 'sum').build());

    expect(program.diagnostics).toHaveLength(1);
    expect(program.diagnostics[0]).toMatchObject({ code: 'missing-input', nodeId: 's', port: 'x' });
  });
});
