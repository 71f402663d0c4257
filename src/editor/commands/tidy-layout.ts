import { Graph, layout } from '@dagrejs/dagre';
import type { GraphDocument } from '../../engine/document';
import type { GraphEdit, Point } from '../store/edits';

export interface Size {
  width: number;
  height: number;
}

/** Size assumed for a node the canvas has not measured yet, in canvas pixels. */
export const DEFAULT_NODE_SIZE: Size = { width: 180, height: 110 };

/** Gaps between nodes of one layer and between layers, in canvas pixels. */
const NODE_GAP = 50;
const LAYER_GAP = 160;

/**
 * Lays the graph out in layers from left to right with dagre: every wire
 * points right, and nodes of one layer stack vertically. Returns each node's
 * new top-left corner, with the layout's top-left corner kept where the
 * graph's was, so the tidied graph stays in view.
 */
export function tidyPositions(document: GraphDocument, sizes: ReadonlyMap<string, Size>): Map<string, Point> {
  const graph = new Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: NODE_GAP, ranksep: LAYER_GAP });
  graph.setDefaultEdgeLabel(() => ({}));
  // dagre keys nodes in plain objects, so it gets index names instead of user-chosen ids such as "__proto__".
  const names = new Map(document.nodes.map((node, index) => [node.id, `n${index}`]));
  for (const node of document.nodes) graph.setNode(names.get(node.id)!, { ...(sizes.get(node.id) ?? DEFAULT_NODE_SIZE) });
  for (const edge of document.edges) {
    const source = names.get(edge.source);
    const target = names.get(edge.target);
    if (source && target) graph.setEdge(source, target);
  }
  layout(graph);

  const origin = topLeft(document);
  const positions = new Map<string, Point>();
  for (const node of document.nodes) {
    const placed = graph.node(names.get(node.id)!);
    const size = sizes.get(node.id) ?? DEFAULT_NODE_SIZE;
    positions.set(node.id, { x: Math.round(origin.x + placed.x - size.width / 2), y: Math.round(origin.y + placed.y - size.height / 2) });
  }
  return positions;
}

function topLeft(document: GraphDocument): Point {
  if (document.nodes.length === 0) return { x: 0, y: 0 };
  return { x: Math.min(...document.nodes.map((node) => node.position.x)), y: Math.min(...document.nodes.map((node) => node.position.y)) };
}

/** Returns the moveNode edits of a tidy layout. Dispatched together, they are one undo step. */
export function tidyEdits(document: GraphDocument, sizes: ReadonlyMap<string, Size>): GraphEdit[] {
  return [...tidyPositions(document, sizes)].map(([nodeId, position]) => ({ type: 'moveNode', nodeId, position }));
}
