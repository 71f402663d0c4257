import type { GraphDocument, GraphEdge, GraphNode, ViewSettings } from '../../engine/document';
import { pruneQuiz } from '../../engine/quiz';
import { wouldCreateCycle } from '../../engine/topology';
import type { ParamValue } from '../../engine/types';

export interface Point {
  x: number;
  y: number;
}

/** One change to the graph document. Every document change in the editor is one of these. */
export type GraphEdit =
  | { type: 'addNode'; node: GraphNode }
  | { type: 'removeItems'; nodeIds: readonly string[]; edgeIds: readonly string[] }
  | { type: 'connect'; source: string; sourcePort: string; target: string; targetPort: string }
  | { type: 'moveNode'; nodeId: string; position: Point }
  | { type: 'setParam'; nodeId: string; name: string; value: ParamValue }
  /** Replaces the lecture views' settings. */
  | { type: 'setViews'; views: ViewSettings }
  | { type: 'replaceDocument'; document: GraphDocument };

/** Edge id in the presets' form `source.port->target.port`; one input port takes one wire, so it is unique. */
export function edgeIdFor(source: string, sourcePort: string, target: string, targetPort: string): string {
  return `${source}.${sourcePort}->${target}.${targetPort}`;
}

/**
 * Applies one edit and returns the new document, leaving the old one untouched.
 * Returns the same document object when the edit changes nothing, for example
 * when it names a node that does not exist or a wire would close a cycle.
 */
export function applyEdit(document: GraphDocument, edit: GraphEdit): GraphDocument {
  const edited = applyEditToGraph(document, edit);
  // A quiz entry whose wire or node an edit removed would make the document fail to load.
  return edited === document ? edited : pruneQuiz(edited);
}

function applyEditToGraph(document: GraphDocument, edit: GraphEdit): GraphDocument {
  switch (edit.type) {
    case 'addNode':
      return addNode(document, edit.node);
    case 'removeItems':
      return removeItems(document, new Set(edit.nodeIds), new Set(edit.edgeIds));
    case 'connect':
      return connect(document, edit);
    case 'moveNode':
      return moveNode(document, edit.nodeId, edit.position);
    case 'setParam':
      return updateNode(document, edit.nodeId, (node) => ({ ...node, params: { ...node.params, [edit.name]: edit.value } }));
    case 'setViews':
      return { ...document, views: edit.views };
    case 'replaceDocument':
      return edit.document;
    default: {
      const unhandled: never = edit;
      throw new Error(`applyEdit: unknown edit ${JSON.stringify(unhandled)}`);
    }
  }
}

function addNode(document: GraphDocument, node: GraphNode): GraphDocument {
  if (document.nodes.some((existing) => existing.id === node.id)) return document;
  return { ...document, nodes: [...document.nodes, node] };
}

/** Removes the listed nodes and edges, and every edge that touches a removed node. */
function removeItems(document: GraphDocument, nodeIds: ReadonlySet<string>, edgeIds: ReadonlySet<string>): GraphDocument {
  const nodes = document.nodes.filter((node) => !nodeIds.has(node.id));
  const edges = document.edges.filter(
    (edge) => !edgeIds.has(edge.id) && !nodeIds.has(edge.source) && !nodeIds.has(edge.target),
  );
  if (nodes.length === document.nodes.length && edges.length === document.edges.length) return document;
  return { ...document, nodes, edges };
}

/** Adds a wire; a wire already on the target input port is replaced, because an input takes one wire. */
function connect(document: GraphDocument, wire: Omit<GraphEdge, 'id'>): GraphDocument {
  const ids = new Set(document.nodes.map((node) => node.id));
  if (!ids.has(wire.source) || !ids.has(wire.target)) return document;

  const otherEdges = document.edges.filter((edge) => !(edge.target === wire.target && edge.targetPort === wire.targetPort));
  if (wouldCreateCycle(otherEdges, wire.source, wire.target)) return document;

  const id = edgeIdFor(wire.source, wire.sourcePort, wire.target, wire.targetPort);
  if (document.edges.some((edge) => edge.id === id)) return document;
  const edge: GraphEdge = { id, source: wire.source, sourcePort: wire.sourcePort, target: wire.target, targetPort: wire.targetPort };
  return { ...document, edges: [...otherEdges, edge] };
}

function moveNode(document: GraphDocument, nodeId: string, position: Point): GraphDocument {
  const node = document.nodes.find((candidate) => candidate.id === nodeId);
  if (!node || (node.position.x === position.x && node.position.y === position.y)) return document;
  return updateNode(document, nodeId, (current) => ({ ...current, position: { x: position.x, y: position.y } }));
}

function updateNode(document: GraphDocument, nodeId: string, update: (node: GraphNode) => GraphNode): GraphDocument {
  const index = document.nodes.findIndex((node) => node.id === nodeId);
  if (index < 0) return document;
  const nodes = [...document.nodes];
  nodes[index] = update(nodes[index]);
  return { ...document, nodes };
}
