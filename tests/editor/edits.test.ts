import { describe, expect, test } from 'vitest';
import type { GraphDocument, GraphNode } from '../../src/engine/document';
import { applyEdit } from '../../src/editor/store/edits';

const scalar = (value: number) => ({ shape: [], data: [value] });

function node(id: string, kind: string, params: GraphNode['params'] = {}): GraphNode {
  return { id, kind, params, position: { x: 0, y: 0 } };
}

/** x, y, z inputs; q = x + y; f = q · z, wired as in the add-mul preset. */
function addMulDocument(): GraphDocument {
  return {
    format: 'backprop-studio-graph',
    version: 1,
    nodes: [
      node('x', 'input', { value: scalar(-2) }),
      node('y', 'input', { value: scalar(5) }),
      node('z', 'input', { value: scalar(-4) }),
      node('q', 'add'),
      node('f', 'multiply'),
    ],
    edges: [
      { id: 'x.out->q.a', source: 'x', sourcePort: 'out', target: 'q', targetPort: 'a' },
      { id: 'y.out->q.b', source: 'y', sourcePort: 'out', target: 'q', targetPort: 'b' },
      { id: 'q.out->f.a', source: 'q', sourcePort: 'out', target: 'f', targetPort: 'a' },
      { id: 'z.out->f.b', source: 'z', sourcePort: 'out', target: 'f', targetPort: 'b' },
    ],
  };
}

describe('applyEdit', () => {
  test('addNode appends the node', () => {
    const before = addMulDocument();
    const after = applyEdit(before, { type: 'addNode', node: node('mul1', 'multiply') });
    expect(after.nodes.map((n) => n.id)).toEqual(['x', 'y', 'z', 'q', 'f', 'mul1']);
    expect(before.nodes).toHaveLength(5);
  });

  test('addNode with a used id changes nothing', () => {
    const before = addMulDocument();
    expect(applyEdit(before, { type: 'addNode', node: node('q', 'multiply') })).toBe(before);
  });

  test('connect adds a wire with a port-named id', () => {
    const before = applyEdit(addMulDocument(), { type: 'addNode', node: node('g', 'exp') });
    const after = applyEdit(before, { type: 'connect', source: 'f', sourcePort: 'out', target: 'g', targetPort: 'x' });
    expect(after.edges.at(-1)).toEqual({ id: 'f.out->g.x', source: 'f', sourcePort: 'out', target: 'g', targetPort: 'x' });
    expect(after.edges).toHaveLength(5);
  });

  test('connect replaces the wire on an occupied input', () => {
    const after = applyEdit(addMulDocument(), { type: 'connect', source: 'z', sourcePort: 'out', target: 'q', targetPort: 'a' });
    const intoQa = after.edges.filter((edge) => edge.target === 'q' && edge.targetPort === 'a');
    expect(intoQa).toHaveLength(1);
    expect(intoQa[0].source).toBe('z');
    expect(after.edges.some((edge) => edge.id === 'x.out->q.a')).toBe(false);
    expect(after.edges).toHaveLength(4);
  });

  test('connect rejects a cycle and a self-loop', () => {
    const before = addMulDocument();
    expect(applyEdit(before, { type: 'connect', source: 'f', sourcePort: 'out', target: 'q', targetPort: 'a' })).toBe(before);
    expect(applyEdit(before, { type: 'connect', source: 'q', sourcePort: 'out', target: 'q', targetPort: 'a' })).toBe(before);
  });

  test('connect to a missing node changes nothing', () => {
    const before = addMulDocument();
    expect(applyEdit(before, { type: 'connect', source: 'nope', sourcePort: 'out', target: 'q', targetPort: 'a' })).toBe(before);
  });

  test('removeItems cascades to attached edges', () => {
    const after = applyEdit(addMulDocument(), { type: 'removeItems', nodeIds: ['q'], edgeIds: [] });
    expect(after.nodes.map((n) => n.id)).toEqual(['x', 'y', 'z', 'f']);
    expect(after.edges.map((e) => e.id)).toEqual(['z.out->f.b']);
  });

  test('removeItems removes a listed edge only', () => {
    const after = applyEdit(addMulDocument(), { type: 'removeItems', nodeIds: [], edgeIds: ['z.out->f.b'] });
    expect(after.nodes).toHaveLength(5);
    expect(after.edges.map((e) => e.id)).toEqual(['x.out->q.a', 'y.out->q.b', 'q.out->f.a']);
  });

  test('setParam replaces one parameter of one node', () => {
    const before = addMulDocument();
    const after = applyEdit(before, { type: 'setParam', nodeId: 'x', name: 'value', value: scalar(-3) });
    expect(after.nodes[0].params.value).toEqual(scalar(-3));
    expect(before.nodes[0].params.value).toEqual(scalar(-2));
    expect(after.nodes[1]).toBe(before.nodes[1]);
  });

  test('moveNode keeps params by reference', () => {
    const before = addMulDocument();
    const after = applyEdit(before, { type: 'moveNode', nodeId: 'x', position: { x: 40, y: -10 } });
    expect(after.nodes[0].position).toEqual({ x: 40, y: -10 });
    expect(after.nodes[0].params).toBe(before.nodes[0].params);
    expect(after.edges).toBe(before.edges);
  });

  test('moveNode to the same place changes nothing', () => {
    const before = addMulDocument();
    expect(applyEdit(before, { type: 'moveNode', nodeId: 'x', position: { x: 0, y: 0 } })).toBe(before);
  });

  test('replaceDocument returns the new document', () => {
    const other = addMulDocument();
    expect(applyEdit(addMulDocument(), { type: 'replaceDocument', document: other })).toBe(other);
  });
});
