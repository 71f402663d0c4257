import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { loadDocumentValue } from '../../src/engine/load';
import type { Params } from '../../src/engine/types';
import { registry } from '../../src/nodes';
import { gradientOf, runDocument, tensor, TestGraph, valueOf } from '../helpers/graph';
import { KIND_NODE, weightedLossGraph, weightedSum } from '../helpers/kinds';
import { autodiffGradients, centralDifferences, expectClose } from '../helpers/numeric';

interface UnaryCase {
  kind: string;
  params?: Params;
  /** The kind's formula in float64. */
  formula(x: number): number;
  /** The same formula as tfjs ops, for autodiff. */
  ops(x: tf.Tensor): tf.Tensor;
  /** Six inputs inside the domain and away from any kink. */
  sample: number[];
}

const spread = [-1.7, -0.6, 0.3, 0.9, 1.4, 2.2];

const cases: UnaryCase[] = [
  { kind: 'negate', formula: (x) => -x, ops: (x) => tf.neg(x), sample: spread },
  { kind: 'exp', formula: Math.exp, ops: (x) => tf.exp(x), sample: spread },
  { kind: 'log', formula: Math.log, ops: (x) => tf.log(x), sample: [0.2, 0.5, 1, 1.7, 3, 8] },
  { kind: 'reciprocal', formula: (x) => 1 / x, ops: (x) => tf.reciprocal(x), sample: [-2, -0.5, 0.4, 1, 1.5, 4] },
  { kind: 'add-constant', params: { c: 2.5 }, formula: (x) => x + 2.5, ops: (x) => tf.add(x, 2.5), sample: spread },
  { kind: 'multiply-constant', params: { c: -1.5 }, formula: (x) => -1.5 * x, ops: (x) => tf.mul(x, -1.5), sample: spread },
  { kind: 'sigmoid', formula: (x) => 1 / (1 + Math.exp(-x)), ops: (x) => tf.sigmoid(x), sample: spread },
  { kind: 'tanh', formula: Math.tanh, ops: (x) => tf.tanh(x), sample: spread },
  { kind: 'relu', formula: (x) => Math.max(0, x), ops: (x) => tf.relu(x), sample: spread },
];

const weights = tensor([2, 3], [0.3, -1.1, 0.7, 1.5, -0.2, 0.9]);

describe.each(cases)('$kind', ({ kind, params, formula, ops, sample }) => {
  const x = tensor([2, 3], sample);
  const document = weightedLossGraph(kind, { x }, weights, params);
  const loss = (values: number[]) => weightedSum(tensor([2, 3], values.map(formula)), weights);

  test('forward matches float64 formula', () => {
    const { trace } = runDocument(document);
    expectClose(valueOf(trace, KIND_NODE), tensor([2, 3], sample.map(formula)), { abs: 1e-6, rel: 1e-5 }, `${kind}(x)`);
  });

  test('backward matches finite differences', () => {
    const { trace } = runDocument(document);
    expectClose(gradientOf(trace, KIND_NODE), weights, { abs: 1e-7 }, 'upstream gradient at the node');
    expectClose(gradientOf(trace, 'x').data, centralDifferences(loss, sample), { abs: 1e-5, rel: 1e-4 }, 'dloss/dx');
  });

  test('backward matches tfjs autodiff', () => {
    const { trace } = runDocument(document);
    const [expected] = autodiffGradients((input) => tf.sum(tf.mul(ops(input), tf.tensor(weights.data, weights.shape))), [x]);
    expectClose(gradientOf(trace, 'x'), expected, { abs: 1e-6, rel: 1e-5 }, 'dloss/dx');
  });

  test('NaN input gives NaN output', () => {
    const nanDocument = weightedLossGraph(kind, { x: tensor([2], [NaN, 1]) }, tensor([2], [1, 1]), params);
    const { trace } = runDocument(nanDocument);

    expect(valueOf(trace, KIND_NODE).data[0]).toBeNaN();
    const nonFinite = trace.diagnostics.filter((diagnostic) => diagnostic.code === 'non-finite-value');
    expect(nonFinite.map((diagnostic) => diagnostic.nodeId)).toEqual(['x']);
  });

  test('unwired input is reported', () => {
    const { program, trace } = runDocument(new TestGraph().node(KIND_NODE, kind, {}, params).build());
    const [diagnostic] = program.diagnostics;

    expect(diagnostic).toMatchObject({ code: 'missing-input', severity: 'warning', nodeId: KIND_NODE, port: 'x' });
    expect(diagnostic.message).toContain(`node "${KIND_NODE}" (${kind}), input x`);
    expect(trace.nodes[KIND_NODE]).toBeUndefined();
  });
});

describe('constant gates', () => {
  test.each(['add-constant', 'multiply-constant'])('%s rejects a text constant at load', (kind) => {
    const document = new TestGraph().source('x', 1).node('g', kind, { x: 'x' }, { c: 'two' }).build();
    const result = loadDocumentValue(document, registry);

    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors).toContainEqual(`Node "g" (${kind}), parameter "c": expected a number, found "two".`);
  });
});

describe('relu', () => {
  test('gradient at zero is zero', () => {
    const { trace } = runDocument(weightedLossGraph('relu', { x: tensor([3], [0, -0, 1]) }, tensor([3], [1, 1, 1])));

    expect(valueOf(trace, KIND_NODE).data).toEqual([0, 0, 1]);
    expect(gradientOf(trace, 'x').data).toEqual([0, 0, 1]);
  });
});

describe('sigmoid', () => {
  test('local gradient is σ(1 − σ)', () => {
    const { trace } = runDocument(weightedLossGraph('sigmoid', { x: tensor([], [1]) }, tensor([], [2])));
    // By hand: σ(1) = 1 / (1 + e⁻¹) = 0.7310586, σ(1)(1 − σ(1)) = 0.1966119.
    const local = trace.nodes[KIND_NODE].local![0].data[0];

    expect(valueOf(trace, KIND_NODE).data[0]).toBeCloseTo(0.7310586, 6);
    expect(local).toBeCloseTo(0.1966119, 6);
    expect(gradientOf(trace, 'x').data[0]).toBeCloseTo(2 * 0.1966119, 6);
  });
});

describe('non-finite results', () => {
  const domainCases = [
    { kind: 'log', at: 0, value: -Infinity },
    { kind: 'log', at: -1, value: NaN },
    { kind: 'reciprocal', at: 0, value: Infinity },
  ];

  test.each(domainCases)('$kind at $at names the node', ({ kind, at, value }) => {
    // x → kind → ·2: the later gate also sees a non-finite value but is not named.
    const document = new TestGraph().source('x', at).node('bad', kind, { x: 'x' }).node('after', 'multiply-constant', { x: 'bad' }, { c: 2 }).build();
    const { trace } = runDocument(document);
    const forward = trace.diagnostics.filter((diagnostic) => diagnostic.code === 'non-finite-value');

    expect(valueOf(trace, 'bad').data[0]).toBe(value);
    expect(forward).toHaveLength(1);
    expect(forward[0]).toMatchObject({ severity: 'error', nodeId: 'bad' });
    expect(forward[0].message).toContain(`node "bad" (${kind})`);
  });

  test('log at zero names the node for its gradient', () => {
    const { trace } = runDocument(new TestGraph().source('x', 0).node('bad', 'log', { x: 'x' }).build());
    const backward = trace.diagnostics.filter((diagnostic) => diagnostic.code === 'non-finite-gradient');

    expect(gradientOf(trace, 'x').data[0]).toBe(Infinity);
    expect(backward.map((diagnostic) => diagnostic.nodeId)).toEqual(['bad']);
  });
});
