import { describe, expect, test } from 'vitest';
import type { GraphEdge, GraphNode } from '../../src/engine/document';
import { indexGraph, orderIndexedGraph, topologicalOrder } from '../../src/engine/topology';

function nodes(...ids: string[]): GraphNode[] {
  return ids.map((id) => ({ id, kind: 'add', params: {}, position: { x: 0, y: 0 } }));
}

function wire(source: string, target: string, targetPort = 'a'): GraphEdge {
  return { id: `${source}->${target}.${targetPort}`, source, sourcePort: 'out', target, targetPort };
}

/** Lists the edge ids of one node's slice of a compressed sparse row index. */
function slice(start: Int32Array, list: Int32Array, node: number, edges: GraphEdge[]): string[] {
  return Array.from(list.subarray(start[node], start[node + 1]), (edge) => edges[edge].id);
}

describe('indexed graph', () => {
  test('wires listed per node in document order', () => {
    // Node order a, b, c; edge order deliberately not grouped by node.
    const edges = [wire('a', 'c', 'b'), wire('b', 'c', 'a'), wire('a', 'b')];
    const graph = indexGraph(['a', 'b', 'c'], edges);

    expect(slice(graph.outgoingStart, graph.outgoing, 0, edges)).toEqual(['a->c.b', 'a->b.a']);
    expect(slice(graph.outgoingStart, graph.outgoing, 1, edges)).toEqual(['b->c.a']);
    expect(slice(graph.outgoingStart, graph.outgoing, 2, edges)).toEqual([]);
    expect(slice(graph.incomingStart, graph.incoming, 2, edges)).toEqual(['a->c.b', 'b->c.a']);
    expect(slice(graph.incomingStart, graph.incoming, 1, edges)).toEqual(['a->b.a']);
  });

  test('wire to unknown node kept at known end', () => {
    const edges = [wire('ghost', 'a'), wire('a', 'nowhere')];
    const graph = indexGraph(['a'], edges);

    expect(Array.from(graph.sourceOf)).toEqual([-1, 0]);
    expect(Array.from(graph.targetOf)).toEqual([0, -1]);
    expect(slice(graph.incomingStart, graph.incoming, 0, edges)).toEqual(['ghost->a.a']);
    expect(slice(graph.outgoingStart, graph.outgoing, 0, edges)).toEqual(['a->nowhere.a']);
    expect(Array.from(orderIndexedGraph(graph, 1).order)).toEqual([0]);
  });

  test('many interleaved wires grouped per node', () => {
    const ids = Array.from({ length: 40 }, (_unused, index) => `n${index}`);
    // A fixed pseudo-random sequence, so each run builds the same graph. About one wire in 20 has an unknown end.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) % 41;
    const name = (index: number) => (index === 40 ? 'ghost' : ids[index]);
    const edges = Array.from({ length: 300 }, (_unused, index) => ({ ...wire(name(next()), name(next())), id: `e${index}` }));
    const graph = indexGraph(ids, edges);

    for (const [node, id] of ids.entries()) {
      expect(slice(graph.incomingStart, graph.incoming, node, edges)).toEqual(edges.filter((edge) => edge.target === id).map((edge) => edge.id));
      expect(slice(graph.outgoingStart, graph.outgoing, node, edges)).toEqual(edges.filter((edge) => edge.source === id).map((edge) => edge.id));
    }
    expect(graph.incomingStart[40]).toBe(edges.filter((edge) => edge.target !== 'ghost').length);
    expect(graph.outgoingStart[40]).toBe(edges.filter((edge) => edge.source !== 'ghost').length);
  });

  test('order puts sources before readers', () => {
    // d reads c, c reads b and a, b reads a; nodes listed backwards.
    const list = nodes('d', 'c', 'b', 'a');
    const edges = [wire('c', 'd'), wire('b', 'c', 'a'), wire('a', 'c', 'b'), wire('a', 'b')];

    expect(topologicalOrder(list, edges)).toEqual({ order: ['a', 'b', 'c', 'd'], cyclic: [] });
  });

  test('cycle and its readers left unplaced', () => {
    const list = nodes('x', 'p', 'q', 'r');
    const edges = [wire('p', 'q'), wire('q', 'p'), wire('q', 'r'), wire('x', 'r', 'b')];
    const { order, placed } = orderIndexedGraph(indexGraph(list.map((node) => node.id), edges), list.length);

    expect(Array.from(order)).toEqual([0]);
    expect(Array.from(placed)).toEqual([1, 0, 0, 0]);
    expect(topologicalOrder(list, edges).cyclic).toEqual(['p', 'q', 'r']);
  });
});
