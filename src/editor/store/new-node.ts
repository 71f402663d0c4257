import type { GraphDocument, GraphNode } from '../../engine/document';
import type { NodeKind, Params } from '../../engine/types';
import type { Point } from './edits';

/** Id prefixes for kinds whose full name makes a long id; other kinds use their name. */
const idPrefixes: Record<string, string> = {
  input: 'x',
  parameter: 'w',
  constant: 'c',
  multiply: 'mul',
  subtract: 'sub',
  divide: 'div',
  negate: 'neg',
  reciprocal: 'recip',
  'add-constant': 'addc',
  'multiply-constant': 'mulc',
};

/** Returns the first id of the form `<prefix><n>`, n = 1, 2, …, that no node of the document uses. */
export function freshNodeId(document: GraphDocument, kind: string): string {
  const prefix = idPrefixes[kind] ?? kind.replace(/[^a-z0-9]/gi, '');
  const used = new Set(document.nodes.map((node) => node.id));
  let n = 1;
  while (used.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

/** Parameters of a new node: the kind's defaults, with sources starting at the scalar 1 so products are not all 0. */
function initialParams(kind: NodeKind): Params {
  const params: Params = {};
  for (const spec of kind.params) params[spec.name] = spec.default;
  if (kind.category === 'inputs' && kind.params.some((spec) => spec.name === 'value')) {
    params.value = { shape: [], data: [1] };
  }
  return params;
}

/** Returns a node of `kind` at `position` with a fresh id, moved down-right until it does not cover another node's corner. */
export function createNode(document: GraphDocument, kind: NodeKind, position: Point): GraphNode {
  let { x, y } = position;
  const occupied = (px: number, py: number) => document.nodes.some((node) => Math.abs(node.position.x - px) < 12 && Math.abs(node.position.y - py) < 12);
  while (occupied(x, y)) {
    x += 28;
    y += 28;
  }
  return { id: freshNodeId(document, kind.kind), kind: kind.kind, params: initialParams(kind), position: { x: Math.round(x), y: Math.round(y) } };
}
