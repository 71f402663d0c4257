import { describe, expect, test } from 'vitest';
import type { TensorData } from '../../src/engine/tensor';
import type { Trace } from '../../src/engine/trace';
import { runDocument, TestGraph } from '../helpers/graph';
import { centralDifferences, expectClose } from '../helpers/numeric';

// A scalar run keeps its numbers in typed arrays and builds trace records
// from them when they are read. These tests check every record of a small
// graph against values computed by hand in float64.

const float32 = { rel: 1e-6, abs: 1e-7 };

const X = 0.5;
const W = 3;
const Y = -2;

/** f = σ(x · w + y) · x: x fans out to both multiplies. */
function fanOutGraph(x = X) {
  return new TestGraph()
    .source('x', x)
    .source('w', W, 'parameter')
    .source('y', Y)
    .node('q', 'multiply', { a: 'x', b: 'w' })
    .node('s', 'add', { a: 'q', b: 'y' })
    .node('h', 'sigmoid', { x: 's' })
    .node('f', 'multiply', { a: 'h', b: 'x' })
    .build();
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

function f([x, w, y]: number[]): number {
  return sigmoid(x * w + y) * x;
}

/** Every value and gradient of the graph at x, by hand in float64. */
function handValues(x: number) {
  const q = x * W;
  const s = q + Y;
  const h = sigmoid(s);
  // dσ/ds = σ(1 − σ); the gradient at s is df/dh · dσ/ds = x · σ(1 − σ).
  const slope = h * (1 - h);
  const gradientS = x * slope;
  return { q, s, h, f: h * x, slope, gradientS, gradientX: W * gradientS + h };
}

function numbers(records: TensorData[] | null): number[] {
  expect(records, 'records present').not.toBeNull();
  return records!.map((record) => {
    expect(record.shape, 'scalar shape').toEqual([]);
    return record.data[0];
  });
}

function expectRecord(trace: Trace, nodeId: string, field: 'outputs' | 'upstream' | 'local' | 'downstream', expected: number[]): void {
  expectClose(numbers(trace.nodes[nodeId][field]), expected, float32, `${nodeId} ${field}`);
}

describe('scalar records', () => {
  test('forward values match hand values', () => {
    const { trace } = runDocument(fanOutGraph());
    const hand = handValues(X);

    expectRecord(trace, 'x', 'outputs', [X]);
    expectRecord(trace, 'q', 'outputs', [hand.q]);
    expectRecord(trace, 's', 'outputs', [hand.s]);
    expectRecord(trace, 'h', 'outputs', [hand.h]);
    expectRecord(trace, 'f', 'outputs', [hand.f]);
  });

  test('local gradients match hand values', () => {
    const { trace } = runDocument(fanOutGraph());
    const hand = handValues(X);

    // A multiply's local gradients are the other input, add's are 1.
    expectRecord(trace, 'f', 'local', [X, hand.h]);
    expectRecord(trace, 'h', 'local', [hand.slope]);
    expectRecord(trace, 's', 'local', [1, 1]);
    expectRecord(trace, 'q', 'local', [W, X]);
  });

  test('upstream and downstream match hand values', () => {
    const { trace } = runDocument(fanOutGraph());
    const hand = handValues(X);

    expectRecord(trace, 'f', 'upstream', [1]);
    expectRecord(trace, 'f', 'downstream', [X, hand.h]);
    expectRecord(trace, 'h', 'upstream', [X]);
    expectRecord(trace, 'h', 'downstream', [hand.gradientS]);
    expectRecord(trace, 's', 'upstream', [hand.gradientS]);
    expectRecord(trace, 's', 'downstream', [hand.gradientS, hand.gradientS]);
    expectRecord(trace, 'q', 'upstream', [hand.gradientS]);
    expectRecord(trace, 'q', 'downstream', [W * hand.gradientS, X * hand.gradientS]);
    expectRecord(trace, 'y', 'upstream', [hand.gradientS]);
    expectRecord(trace, 'w', 'upstream', [X * hand.gradientS]);
    expectRecord(trace, 'x', 'upstream', [hand.gradientX]);
  });

  test('fan-out parts match hand values', () => {
    const { trace } = runDocument(fanOutGraph());
    const hand = handValues(X);
    const parts = trace.nodes.x.upstreamParts[0];

    expect(parts.map((part) => part.edgeId)).toEqual(['x.out->q.a', 'x.out->f.b']);
    expectClose(numbers(parts.map((part) => part.gradient)), [W * hand.gradientS, hand.h], float32, 'x parts');
  });

  test('gradients match finite differences', () => {
    const { trace } = runDocument(fanOutGraph());
    const expected = centralDifferences(f, [X, W, Y]);

    expectClose(numbers(['x', 'w', 'y'].map((id) => trace.nodes[id].upstream![0])), expected, { rel: 1e-5, abs: 1e-6 }, 'df/d(x, w, y)');
  });

  test('wires carry source values and target gradients', () => {
    const { trace } = runDocument(fanOutGraph());
    const hand = handValues(X);
    const wires: [string, number, number][] = [
      ['x.out->q.a', X, W * hand.gradientS],
      ['w.out->q.b', W, X * hand.gradientS],
      ['q.out->s.a', hand.q, hand.gradientS],
      ['y.out->s.b', Y, hand.gradientS],
      ['s.out->h.x', hand.s, hand.gradientS],
      ['h.out->f.a', hand.h, X],
      ['x.out->f.b', X, hand.h],
    ];

    for (const [edgeId, value, gradient] of wires) {
      const edge = trace.edges[edgeId];
      expectClose(numbers([edge.value]), [value], float32, `${edgeId} value`);
      expect(edge.gradient, `${edgeId} gradient present`).not.toBeNull();
      expectClose(numbers([edge.gradient!]), [gradient], float32, `${edgeId} gradient`);
    }
  });

  test('second run leaves first trace intact', () => {
    const first = runDocument(fanOutGraph(X)).trace;
    runDocument(fanOutGraph(-1.25));
    const hand = handValues(X);

    expectRecord(first, 'f', 'outputs', [hand.f]);
    expectRecord(first, 's', 'local', [1, 1]);
    expectRecord(first, 'x', 'upstream', [hand.gradientX]);
  });

  test('negative zero gradient stays negative', () => {
    // relu(−x) at x = 2 is 0 with local gradient 0, so negate's upstream is +0
    // and its downstream is −1 · 0 = −0 in IEEE arithmetic: a record of +0 must not stand in for it.
    const document = new TestGraph().source('x', 2).node('n', 'negate', { x: 'x' }).node('r', 'relu', { x: 'n' }).build();
    const { trace } = runDocument(document);

    expect(Object.is(trace.nodes.n.upstream![0].data[0], 0)).toBe(true);
    expect(Object.is(trace.nodes.n.downstream![0].data[0], -0)).toBe(true);
    expect(Object.is(trace.nodes.x.upstream![0].data[0], -0)).toBe(true);
  });
});
