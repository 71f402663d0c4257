import type { GraphEdge, GraphNode } from './document';
import { IdIndex, type IdLookup } from './id-index';

export interface TopologicalOrder {
  order: string[];
  /** Nodes that sit on a cycle or downstream of one, so they have no order. */
  cyclic: string[];
}

/**
 * The wires of a graph by node index (the node's position in the node list),
 * in compressed sparse row form. The wires into node i are the edge indices
 * `incoming[incomingStart[i]]` up to, not including, `incoming[incomingStart[i + 1]]`,
 * in document order, and likewise for `outgoing`. A wire whose other end names
 * an unknown node is listed at its known end only.
 */
export interface IndexedGraph {
  /** Node index by id. With duplicate ids, the last node wins. */
  indexOf: IdLookup;
  /** Index of each edge's source node, or -1 when the id is unknown. */
  sourceOf: Int32Array;
  /** Index of each edge's target node, or -1 when the id is unknown. */
  targetOf: Int32Array;
  /**
   * Each edge's source and target port, read while the edge is indexed, so
   * later lookups read a compact list instead of every edge object again.
   */
  sourcePortOf: string[];
  targetPortOf: string[];
  incomingStart: Int32Array;
  incoming: Int32Array;
  outgoingStart: Int32Array;
  outgoing: Int32Array;
}

/**
 * Indexes a graph's wires by node, in time linear in the node and wire counts.
 * `ids` lists the node ids by node index; the graph keeps the list.
 */
export function indexGraph(ids: readonly string[], edges: readonly GraphEdge[]): IndexedGraph {
  const indexOf = new IdIndex(ids);
  const sourceOf = new Int32Array(edges.length);
  const targetOf = new Int32Array(edges.length);
  const sourcePortOf: string[] = new Array(edges.length);
  const targetPortOf: string[] = new Array(edges.length);
  for (let index = 0; index < edges.length; index++) {
    const edge = edges[index];
    sourceOf[index] = indexOf.get(edge.source) ?? -1;
    targetOf[index] = indexOf.get(edge.target) ?? -1;
    sourcePortOf[index] = edge.sourcePort;
    targetPortOf[index] = edge.targetPort;
  }
  const [incomingStart, incoming] = groupEdges(ids.length, targetOf);
  const [outgoingStart, outgoing] = groupEdges(ids.length, sourceOf);
  return { indexOf, sourceOf, targetOf, sourcePortOf, targetPortOf, incomingStart, incoming, outgoingStart, outgoing };
}

/** Groups edge indices by the node index `endOf` gives each edge, keeping edge order within a group and leaving out -1. */
function groupEdges(count: number, endOf: Int32Array): [Int32Array, Int32Array] {
  const start = new Int32Array(count + 1);
  for (let edge = 0; edge < endOf.length; edge++) {
    if (endOf[edge] >= 0) start[endOf[edge] + 1]++;
  }
  for (let index = 0; index < count; index++) start[index + 1] += start[index];

  // Walking the edges backwards, each group fills from its end, and start[node + 1] counts down to the group's
  // first slot, so no second list of cursors is needed. Moving each entry one node back then restores the starts.
  const grouped = new Int32Array(start[count]);
  for (let edge = endOf.length - 1; edge >= 0; edge--) {
    const node = endOf[edge];
    if (node >= 0) grouped[--start[node + 1]] = edge;
  }
  for (let index = 0; index < count; index++) start[index] = start[index + 1];
  start[count] = grouped.length;
  return [start, grouped];
}

/** Node indices in topological order, and which nodes have a place in it. */
export interface IndexedOrder {
  order: Int32Array;
  /** 1 for a node in `order`, 0 for a node on a cycle or downstream of one. */
  placed: Uint8Array;
}

/**
 * Orders node indices so every node comes after the nodes it reads from
 * (Kahn's algorithm). Wires with an unknown end are ignored.
 */
export function orderIndexedGraph(graph: IndexedGraph, count: number): IndexedOrder {
  const indegree = new Int32Array(count);
  for (let edge = 0; edge < graph.targetOf.length; edge++) {
    if (graph.sourceOf[edge] >= 0 && graph.targetOf[edge] >= 0) indegree[graph.targetOf[edge]]++;
  }

  // `queue` contains ready node indices; entries from `next` on are not yet visited.
  const queue = new Int32Array(count);
  let length = 0;
  for (let index = 0; index < count; index++) {
    if (indegree[index] === 0) queue[length++] = index;
  }
  for (let next = 0; next < length; next++) {
    const index = queue[next];
    for (let slot = graph.outgoingStart[index]; slot < graph.outgoingStart[index + 1]; slot++) {
      const successor = graph.targetOf[graph.outgoing[slot]];
      if (successor >= 0 && --indegree[successor] === 0) queue[length++] = successor;
    }
  }

  const placed = new Uint8Array(count);
  for (let next = 0; next < length; next++) placed[queue[next]] = 1;
  return { order: queue.subarray(0, length), placed };
}

/**
 * Orders nodes so every node comes after the nodes it reads from (Kahn's
 * algorithm). Nodes are handled by index in typed arrays, so a large graph
 * costs a few allocations instead of one list per node.
 */
export function topologicalOrder(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): TopologicalOrder {
  const { order, placed } = orderIndexedGraph(indexGraph(nodes.map((node) => node.id), edges), nodes.length);
  return {
    order: Array.from(order, (index) => nodes[index].id),
    cyclic: nodes.filter((_node, index) => placed[index] === 0).map((node) => node.id),
  };
}

/** Tells whether adding a wire from `source` to `target` would close a cycle. */
export function wouldCreateCycle(edges: readonly GraphEdge[], source: string, target: string): boolean {
  if (source === target) return true;
  const successors = new Map<string, string[]>();
  for (const edge of edges) {
    const list = successors.get(edge.source);
    if (list) list.push(edge.target);
    else successors.set(edge.source, [edge.target]);
  }

  const stack = [target];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === source) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const successor of successors.get(id) ?? []) stack.push(successor);
  }
  return false;
}
