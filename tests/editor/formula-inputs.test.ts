import { describe, expect, test } from 'vitest';
import { emptyDocument, type GraphDocument, type GraphNode } from '../../src/engine/document';
import { differsBesidesPositions } from '../../src/editor/teaching/formula-inputs';

function documentOf(nodes: GraphNode[]): GraphDocument {
  return {
    ...emptyDocument(),
    nodes,
    edges: [{ id: 'a.out->m.a', source: 'a', sourcePort: 'out', target: 'm', targetPort: 'a' }],
  };
}

const parameter: GraphNode = { id: 'a', kind: 'parameter', params: { value: 2 }, position: { x: 0, y: 0 } };
const product: GraphNode = { id: 'm', kind: 'multiply', params: {}, position: { x: 200, y: 0 } };

describe('differsBesidesPositions', () => {
  const before = documentOf([parameter, product]);

  test('same document', () => {
    expect(differsBesidesPositions(before, before)).toBe(false);
  });

  test('moved node', () => {
    const moved = { ...before, nodes: [parameter, { ...product, position: { x: 260, y: 40 } }] };
    expect(differsBesidesPositions(before, moved)).toBe(false);
  });

  test('changed parameter value', () => {
    const edited = { ...before, nodes: [{ ...parameter, params: { value: 3 } }, product] };
    expect(differsBesidesPositions(before, edited)).toBe(true);
  });

  test('changed kind, label or group', () => {
    expect(differsBesidesPositions(before, { ...before, nodes: [parameter, { ...product, kind: 'add' }] })).toBe(true);
    expect(differsBesidesPositions(before, { ...before, nodes: [parameter, { ...product, label: 'product' }] })).toBe(true);
    expect(differsBesidesPositions(before, { ...before, nodes: [parameter, { ...product, group: 'layer 1' }] })).toBe(true);
  });

  test('added node', () => {
    const added = { ...before, nodes: [parameter, product, { id: 'b', kind: 'input', params: {}, position: { x: 0, y: 100 } }] };
    expect(differsBesidesPositions(before, added)).toBe(true);
  });

  test('changed wires', () => {
    expect(differsBesidesPositions(before, { ...before, edges: [] })).toBe(true);
  });

  test('changed document field', () => {
    expect(differsBesidesPositions(before, { ...before, title: 'renamed' })).toBe(true);
    expect(differsBesidesPositions(before, { ...before, modules: {} })).toBe(true);
  });
});
