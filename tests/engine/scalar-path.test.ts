import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { compile } from '../../src/engine/compile';
import type { GraphDocument } from '../../src/engine/document';
import { run } from '../../src/engine/run';
import type { TensorData } from '../../src/engine/tensor';
import type { NodeTrace, Trace } from '../../src/engine/trace';
import type { NodeKind, Params } from '../../src/engine/types';
import { registry } from '../../src/nodes';
import { gradientOf, runDocument, tensor, TestGraph, valueOf } from '../helpers/graph';
import { autodiffGradients, expectClose } from '../helpers/numeric';

// Runs of scalar nodes compute on numbers. Each case builds the same graph
// twice, once with scalars and once with shape-[1] tensors that go through
// tfjs, and the two traces must agree to float32 rounding.

interface KindCase {
  kind: string;
  inputs: Record<string, number>;
  params?: Params;
  /** The node's formula as tfjs ops, for autodiff. */
  ops(...inputs: tf.Tensor[]): tf.Tensor;
}

const cases: KindCase[] = [
  { kind: 'add', inputs: { a: 1.3, b: -0.7 }, ops: (a, b) => tf.add(a, b) },
  { kind: 'subtract', inputs: { a: 1.3, b: -0.7 }, ops: (a, b) => tf.sub(a, b) },
  { kind: 'multiply', inputs: { a: 1.3, b: -0.7 }, ops: (a, b) => tf.mul(a, b) },
  { kind: 'divide', inputs: { a: 1.3, b: -0.7 }, ops: (a, b) => tf.div(a, b) },
  { kind: 'max', inputs: { a: 1.3, b: -0.7 }, ops: (a, b) => tf.maximum(a, b) },
  { kind: 'min', inputs: { a: 1.3, b: -0.7 }, ops: (a, b) => tf.minimum(a, b) },
  { kind: 'negate', inputs: { x: 0.45 }, ops: (x) => tf.neg(x) },
  { kind: 'exp', inputs: { x: 0.45 }, ops: (x) => tf.exp(x) },
  { kind: 'log', inputs: { x: 0.45 }, ops: (x) => tf.log(x) },
  { kind: 'reciprocal', inputs: { x: 0.45 }, ops: (x) => tf.reciprocal(x) },
  { kind: 'add-constant', inputs: { x: 0.45 }, params: { c: 0.1 }, ops: (x) => tf.add(x, 0.1) },
  { kind: 'multiply-constant', inputs: { x: 0.45 }, params: { c: -1.3 }, ops: (x) => tf.mul(x, -1.3) },
  { kind: 'sigmoid', inputs: { x: 0.45 }, ops: (x) => tf.sigmoid(x) },
  { kind: 'tanh', inputs: { x: 0.45 }, ops: (x) => tf.tanh(x) },
  { kind: 'relu', inputs: { x: -0.45 }, ops: (x) => tf.relu(x) },
  { kind: 'leaky-relu', inputs: { x: -0.45 }, params: { alpha: 0.1 }, ops: (x) => tf.leakyRelu(x, 0.1) },
];

const WEIGHT = 1.7;

/** Builds inputs → node → multiply by a weight, with every value a scalar or, when `asVector`, of shape [1]. */
function weightedGraph({ kind, inputs, params }: KindCase, asVector: boolean): GraphDocument {
  const value = (number: number) => (asVector ? tensor([1], [number]) : number);
  const graph = new TestGraph();
  for (const [port, number] of Object.entries(inputs)) graph.source(port, value(number));
  graph.source('w', value(WEIGHT), 'parameter');
  graph.node('k', kind, Object.fromEntries(Object.keys(inputs).map((port) => [port, port])), params);
  graph.node('f', 'multiply', { a: 'k', b: 'w' });
  return graph.build();
}

function scalarOf(data: TensorData): number {
  return data.data[0];
}

const float32 = { rel: 1e-6, abs: 1e-7 };

/** Asserts that two lists of trace tensors contain the same numbers, the first of scalars and the second of shape [1]. */
function expectSameNumbers(scalars: TensorData[] | null, vectors: TensorData[] | null, label: string): void {
  expect(scalars === null, `${label}: recorded`).toBe(vectors === null);
  if (!scalars || !vectors) return;
  scalars.forEach((data) => expect(data.shape, `${label}: scalar shape`).toEqual([]));
  expectClose(scalars.map(scalarOf), vectors.map(scalarOf), float32, label);
}

function expectSameRecord(scalar: NodeTrace, vector: NodeTrace, nodeId: string): void {
  expectSameNumbers(scalar.outputs, vector.outputs, `${nodeId} outputs`);
  expectSameNumbers(scalar.upstream, vector.upstream, `${nodeId} upstream`);
  expectSameNumbers(scalar.local, vector.local, `${nodeId} local`);
  expectSameNumbers(scalar.downstream, vector.downstream, `${nodeId} downstream`);
  expect(scalar.upstreamParts.map((parts) => parts.map((part) => part.edgeId)), `${nodeId} parts`).toEqual(
    vector.upstreamParts.map((parts) => parts.map((part) => part.edgeId)),
  );
}

/** Counts the tensors `body` creates, from the ids tfjs gives tensors in creation order, and asserts none stays alive. */
function newTensorsDuring(body: () => unknown): number {
  const before = tf.memory().numTensors;
  const probeBefore = tf.scalar(0);
  body();
  const probeAfter = tf.scalar(0);
  const created = probeAfter.id - probeBefore.id - 1;
  tf.dispose([probeBefore, probeAfter]);

  expect(tf.memory().numTensors, 'tensors left alive').toBe(before);
  return created;
}

describe.each(cases)('scalar $kind', (kindCase) => {
  test('trace matches the tensor path', () => {
    const scalar = runDocument(weightedGraph(kindCase, false)).trace;
    const vector = runDocument(weightedGraph(kindCase, true)).trace;

    expect(scalar.steps).toEqual(vector.steps);
    for (const nodeId of Object.keys(vector.nodes)) expectSameRecord(scalar.nodes[nodeId], vector.nodes[nodeId], nodeId);
  });

  test('gradients match tfjs autodiff', () => {
    const { trace } = runDocument(weightedGraph(kindCase, false));
    const ports = Object.keys(kindCase.inputs);
    const expected = autodiffGradients(
      (...inputs) => tf.mul(kindCase.ops(...inputs), WEIGHT),
      ports.map((port) => tensor([], [kindCase.inputs[port]])),
    );

    ports.forEach((port, index) => expectClose(gradientOf(trace, port), expected[index], float32, `df/d${port}`));
  });
});

describe('scalar path', () => {
  test('scalar graph creates no tensors', () => {
    const program = compile(weightedGraph(cases[12], false), registry);

    expect(newTensorsDuring(() => run(program))).toBe(0);
  });

  test('shape-[1] graph still uses tensors', () => {
    const program = compile(weightedGraph(cases[12], true), registry);

    expect(newTensorsDuring(() => run(program))).toBeGreaterThan(0);
  });

  test('copy sums its two upstream gradients', () => {
    // out0 · out1 = x² at x = 3: value 9, gradient 2x = 6, each output's gradient the other one, 3.
    const document = new TestGraph().source('x', 3).node('c', 'copy', { x: 'x' }).node('f', 'multiply', { a: 'c:out0', b: 'c:out1' }).build();
    const { trace } = runDocument(document);

    expect(valueOf(trace, 'f').data).toEqual([9]);
    expect(trace.nodes.c.upstream!.map(scalarOf)).toEqual([3, 3]);
    expect(gradientOf(trace, 'x').data).toEqual([6]);
    expect(trace.nodes.c.local).toBeNull();
  });

  test('scalars mix with tensor kinds', () => {
    // L = sigmoid(sum(v)) · w with v = [0.5, -1, 2]: sum 1.5, σ(1.5) = 0.8175745, dL/dv_i = w · σ(1 − σ) = 0.3 · 0.1491465.
    const document = new TestGraph()
      .source('v', tensor([3], [0.5, -1, 2]))
      .source('w', 0.3, 'parameter')
      .node('s', 'sum', { x: 'v' })
      .node('h', 'sigmoid', { x: 's' })
      .node('L', 'multiply', { a: 'h', b: 'w' })
      .build();
    const { trace } = runDocument(document);

    expectClose(valueOf(trace, 'h'), tensor([], [0.8175745]), float32, 'σ(1.5)');
    expectClose(gradientOf(trace, 'w'), tensor([], [0.8175745]), float32, 'dL/dw');
    expectClose(gradientOf(trace, 'v'), tensor([3], Array(3).fill(0.3 * 0.1491465)), float32, 'dL/dv');
  });

  test('fed scalar source feeds scalar nodes', () => {
    const document = new TestGraph().source('x', 2).source('y', 5).node('f', 'multiply', { a: 'x', b: 'y' }).build();
    const program = compile(document, registry);
    const fed = tf.scalar(-3);
    const trace: Trace = run(program, { x: [fed] });
    fed.dispose();

    expect(valueOf(trace, 'f').data).toEqual([-15]);
    expect(gradientOf(trace, 'x').data).toEqual([5]);
    expect(gradientOf(trace, 'y').data).toEqual([-3]);
  });

  test('kind with a replaced backward runs on tensors', () => {
    // The scalar rule mirrors multiply's own backward, so a kind that replaces it must not use the rule.
    const doubled: NodeKind = { ...registry.get('multiply')!, backward: ({ upstream }) => [tf.mul(upstream[0], 10), tf.mul(upstream[0], 20)] };
    const document = new TestGraph().source('a', 3).source('b', -2).node('f', 'multiply', { a: 'a', b: 'b' }).build();
    const trace = run(compile(document, new Map(registry).set('multiply', doubled)));

    expect(gradientOf(trace, 'a').data).toEqual([10]);
    expect(gradientOf(trace, 'b').data).toEqual([20]);
  });
});
