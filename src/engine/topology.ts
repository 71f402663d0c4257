import type { GraphEdge, GraphNode } from './document';

export interface TopologicalOrder {
  order: string[];
  /** Nodes that sit on a cycle or downstream of one, so they have no order. */
  cyclic: string[];
}

/** Orders nodes so every node comes after the nodes it reads from (Kahn's algorithm). */
export function topologicalOrder(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): TopologicalOrder {
  const indegree = new Map<string, number>(nodes.map((node) => [node.id, 0]));
  const successors = new Map<string, string[]>(nodes.map((node) => [node.id, []]));
  for (const edge of edges) {
    if (!indegree.has(edge.source) || !indegree.has(edge.target)) continue;
    indegree.set(edge.target, indegree.get(edge.target)! + 1);
    successors.get(edge.source)!.push(edge.target);
  }

  // `order` doubles as the queue: nodes from `next` on are ready but not yet visited.
  // Array.shift would move every waiting id at each step, quadratic in the number of sources.
  const order = nodes.filter((node) => indegree.get(node.id) === 0).map((node) => node.id);
  for (let next = 0; next < order.length; next++) {
    const id = order[next];
    for (const successor of successors.get(id)!) {
      const remaining = indegree.get(successor)! - 1;
      indegree.set(successor, remaining);
      if (remaining === 0) order.push(successor);
    }
  }

  const placed = new Set(order);
  return { order, cyclic: nodes.filter((node) => !placed.has(node.id)).map((node) => node.id) };
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
