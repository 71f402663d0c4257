import type { GraphEdge, GraphNode } from './document';

export interface TopologicalOrder {
  order: string[];
  /** Nodes that sit on a cycle or downstream of one, so they have no order. */
  cyclic: string[];
}

/**
 * Orders nodes so every node comes after the nodes it reads from (Kahn's
 * algorithm). Nodes are handled by index in typed arrays, so a large graph
 * costs a few allocations instead of one list per node.
 */
export function topologicalOrder(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): TopologicalOrder {
  const indexOf = new Map<string, number>();
  nodes.forEach((node, index) => indexOf.set(node.id, index));
  const successors = successorLists(nodes.length, edges, indexOf);
  const indegree = new Int32Array(nodes.length);
  for (const target of successors.targets) indegree[target]++;

  // `queue` contains ready node indices; entries from `next` on are not yet visited.
  const queue = new Int32Array(nodes.length);
  let length = 0;
  for (let index = 0; index < nodes.length; index++) {
    if (indegree[index] === 0) queue[length++] = index;
  }
  for (let next = 0; next < length; next++) {
    const index = queue[next];
    for (let slot = successors.start[index]; slot < successors.start[index + 1]; slot++) {
      const successor = successors.targets[slot];
      if (--indegree[successor] === 0) queue[length++] = successor;
    }
  }

  const order = Array.from(queue.subarray(0, length), (index) => nodes[index].id);
  const placed = new Uint8Array(nodes.length);
  for (let next = 0; next < length; next++) placed[queue[next]] = 1;
  return { order, cyclic: nodes.filter((_node, index) => placed[index] === 0).map((node) => node.id) };
}

/**
 * Successor indices of every node in compressed sparse row form: those of node
 * i are targets[start[i]] up to, not including, targets[start[i + 1]]. Edges
 * that name an unknown node are left out.
 */
function successorLists(count: number, edges: readonly GraphEdge[], indexOf: ReadonlyMap<string, number>): { start: Int32Array; targets: Int32Array } {
  const start = new Int32Array(count + 1);
  const known = edges.filter((edge) => indexOf.has(edge.source) && indexOf.has(edge.target));
  for (const edge of known) start[indexOf.get(edge.source)! + 1]++;
  for (let index = 0; index < count; index++) start[index + 1] += start[index];

  const targets = new Int32Array(known.length);
  const filled = start.slice(0, count);
  for (const edge of known) targets[filled[indexOf.get(edge.source)!]++] = indexOf.get(edge.target)!;
  return { start, targets };
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
