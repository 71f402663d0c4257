import { describe, expect, test } from 'vitest';
import type { GraphDocument } from '../../src/engine/document';
import type { NodeTrace } from '../../src/engine/trace';
import { runDocument, TestGraph } from '../helpers/graph';

// A trace keeps a run's scalars in typed arrays and builds its records when
// they are read. These tests check that the trace still reads like plain
// records: keys, order, identity, written records and steps.

/** f = (x · w) + y, plus a node blocked by a missing input. */
function smallGraph(): GraphDocument {
  return new TestGraph()
    .source('x', 2)
    .source('w', 3, 'parameter')
    .source('y', -1)
    .node('q', 'multiply', { a: 'x', b: 'w' })
    .node('f', 'add', { a: 'q', b: 'y' })
    .node('loose', 'sigmoid', {})
    .build();
}

/**
 * f = x·w0 + x·w1 + … : x feeds `fanOut` multiplies, and the document lists
 * the wires in reverse, so document order differs from the order the nodes run.
 */
function fanOutGraph(fanOut: number): { document: GraphDocument; weights: number[] } {
  const weights = Array.from({ length: fanOut }, (_unused, index) => (index % 7) - 3.25);
  const graph = new TestGraph().source('x', 1.5);
  weights.forEach((weight, index) => {
    graph.source(`w${index}`, weight, 'parameter').node(`m${index}`, 'multiply', { a: 'x', b: `w${index}` });
    if (index > 0) graph.node(`s${index}`, 'add', { a: index === 1 ? 'm0' : `s${index - 1}`, b: `m${index}` });
  });
  const document = graph.build();
  document.edges.reverse();
  return { document, weights };
}

describe('trace records read as plain data', () => {
  test('nodes list runnable ids in run order', () => {
    const { trace } = runDocument(smallGraph());

    expect(Object.keys(trace.nodes)).toEqual(['x', 'w', 'y', 'q', 'f']);
    expect('q' in trace.nodes).toBe(true);
    expect('loose' in trace.nodes).toBe(false);
    expect(trace.nodes.loose).toBeUndefined();
    expect(trace.nodes.constructor).toBe(Object);
  });

  test('edges list every wire of a runnable node', () => {
    const { trace } = runDocument(smallGraph());

    expect(Object.keys(trace.edges)).toEqual(['x.out->q.a', 'w.out->q.b', 'q.out->f.a', 'y.out->f.b']);
    expect(trace.edges['q.out->f.a'].value.data).toEqual([6]);
    expect(trace.edges['q.out->f.a'].gradient!.data).toEqual([1]);
    expect(trace.edges['x.out->q.a'].gradient!.data).toEqual([3]);
  });

  test('entries match reads by key', () => {
    const { trace } = runDocument(smallGraph());

    for (const [id, record] of Object.entries(trace.nodes)) expect(record).toBe(trace.nodes[id]);
    expect({ ...trace.nodes }.w.upstream![0].data).toEqual([2]);
  });

  test('repeated read returns same record', () => {
    const { trace } = runDocument(smallGraph());

    expect(trace.nodes.q).toBe(trace.nodes.q);
    expect(trace.edges['w.out->q.b']).toBe(trace.edges['w.out->q.b']);
    // A wire's value is its source's output record.
    expect(trace.edges['w.out->q.b'].value).toBe(trace.nodes.w.outputs[0]);
  });

  test('written record replaces built one', () => {
    const { trace } = runDocument(smallGraph());
    const summary: NodeTrace = { outputs: [{ shape: [], data: [7] }], upstream: null, upstreamParts: [], local: null, downstream: null };

    trace.nodes.module = summary;
    trace.nodes.q = summary;

    expect(trace.nodes.module).toBe(summary);
    expect(trace.nodes.q).toBe(summary);
    expect(Object.keys(trace.nodes)).toEqual(['x', 'w', 'y', 'q', 'f', 'module']);
  });

  test('delete and define act as usual', () => {
    const { trace } = runDocument(smallGraph());
    const summary: NodeTrace = { outputs: [{ shape: [], data: [7] }], upstream: null, upstreamParts: [], local: null, downstream: null };

    delete trace.nodes.q;
    Object.defineProperty(trace.nodes, 'module', { value: summary, enumerable: true, configurable: true, writable: true });

    expect('q' in trace.nodes).toBe(false);
    expect(trace.nodes.q).toBeUndefined();
    expect(trace.nodes.module).toBe(summary);
    expect(Object.keys(trace.nodes)).toEqual(['x', 'w', 'y', 'f', 'module']);
  });

  test('steps run forward then backward', () => {
    const { trace } = runDocument(smallGraph());

    expect(trace.steps.map((step) => `${step.phase} ${step.nodeId}`)).toEqual([
      'forward x', 'forward w', 'forward y', 'forward q', 'forward f',
      'backward f', 'backward q', 'backward y', 'backward w', 'backward x',
    ]);
    trace.steps = trace.steps.slice(0, 2);
    expect(trace.steps).toHaveLength(2);
  });

  test.each([3, 40])('fan-out parts follow document order (%i wires)', (fanOut) => {
    const { document, weights } = fanOutGraph(fanOut);
    const { trace } = runDocument(document);
    const fromX = document.edges.filter((edge) => edge.source === 'x').map((edge) => edge.id);

    const parts = trace.nodes.x.upstreamParts[0];

    expect(parts.map((part) => part.edgeId)).toEqual(fromX);
    // d(x · w)/dx = w, and each multiply's gradient reaches it unchanged through the adds.
    const byEdge = new Map(parts.map((part) => [part.edgeId, part.gradient.data[0]]));
    weights.forEach((weight, index) => expect(byEdge.get(`x.out->m${index}.a`)).toBeCloseTo(weight, 6));
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    expect(trace.nodes.x.upstream![0].data[0]).toBeCloseTo(total, 5);
  });
});

describe('documents that load rejects', () => {
  // Compile and run accept these so that a bad document still shows what runs.
  const input = (id: string, value: number) => ({ id, kind: 'input', params: { value: { shape: [], data: [value] } }, position: { x: 0, y: 0 } });
  const gate = (id: string, kind: string) => ({ id, kind, params: {}, position: { x: 0, y: 0 } });
  const wire = (id: string, source: string, target: string, targetPort: string) => ({ id, source, sourcePort: 'out', target, targetPort });

  test('duplicate node ids list each id once', () => {
    const document = { ...new TestGraph().build(), nodes: [input('x', 2), input('x', 3), gate('n', 'negate')], edges: [wire('e', 'x', 'n', 'x')] };
    const { program, trace } = runDocument(document);

    expect(Object.keys(trace.nodes)).toEqual([...new Set(Object.keys(trace.nodes))]);
    expect([...program.nodes.keys()]).toHaveLength(program.nodes.size);
    expect(trace.nodes.n.outputs[0].data).toEqual([-3]);
  });

  test('wire into missing port leaves sink', () => {
    const document = {
      ...new TestGraph().build(),
      nodes: [input('x', 2), gate('a', 'exp'), gate('n', 'negate')],
      edges: [wire('x-a', 'x', 'a', 'x'), wire('x-n', 'x', 'n', 'x'), wire('a-bogus', 'a', 'n', 'bogus')],
    };
    const { trace } = runDocument(document);

    expect(trace.sinks).toEqual(['a', 'n']);
    // f = e^x − x, so df/dx = e² − 1.
    expect(trace.nodes.x.upstream![0].data[0]).toBeCloseTo(Math.exp(2) - 1, 5);
  });
});
