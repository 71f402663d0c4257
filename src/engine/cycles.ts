import type { IndexedGraph, IndexedOrder } from './topology';

/** One cycle of a graph: a strongly connected component of two or more nodes, or a node wired to itself. */
export interface GraphCycle {
  /**
   * Node indices on the cycle. When removing `edge` breaks every cycle among them,
   * they are listed in data-flow order from the wire's target to its source.
   * Otherwise they are in document order.
   */
  nodes: number[];
  /** Edge index of a wire of the cycle to remove: the wire that closes the cycle in a walk from its first node in document order. */
  edge: number;
  /** Whether removing `edge` alone leaves these nodes without a cycle. */
  breaks: boolean;
  /** Number of nodes on no cycle that read from this cycle, directly or through other nodes. */
  downstream: number;
}

/**
 * Maximum number of other wires tried as the one to name when the first one
 * does not break every cycle of a component. Each try orders the component
 * once, so the cost is at most this many times the component's size.
 */
const MAX_WIRES_TRIED = 500;

/**
 * Finds the cycles among the nodes that `order` could not place (nodes on a
 * cycle or downstream of one), ordered by their first node in document order.
 * Runs Tarjan's strongly connected components algorithm without recursion, so
 * a cycle of thousands of nodes does not overflow the call stack.
 */
export function findCycles(graph: IndexedGraph, { placed }: IndexedOrder): GraphCycle[] {
  const count = placed.length;
  const components = stronglyConnected(graph, placed);
  const onCycle = new Uint8Array(count);
  const cycles: number[][] = [];
  for (const component of components) {
    if (component.length === 1 && selfEdges(graph, component[0]).length === 0) continue;
    for (const node of component) onCycle[node] = 1;
    cycles.push(component.sort((a, b) => a - b));
  }
  cycles.sort((a, b) => a[0] - b[0]);

  // Marks shared by all cycles, so many small cycles cost no array per cycle: the cycle's number
  // (1, 2, …) marks its own nodes in `member` and the nodes its downstream walk has reached in `reached`.
  const member = new Int32Array(count);
  const reached = new Int32Array(count);
  return cycles.map((nodes, index) => {
    const mark = index + 1;
    for (const node of nodes) member[node] = mark;
    const { edge, breaks, order } = wireToRemove(graph, nodes, (node) => member[node] === mark);
    return { nodes: order ?? nodes, edge, breaks, downstream: countDownstream(graph, nodes, onCycle, reached, mark) };
  });
}

/** Lists the strongly connected components among the unplaced nodes, each as node indices. */
function stronglyConnected(graph: IndexedGraph, placed: Uint8Array): number[][] {
  const count = placed.length;
  // Discovery number of each node, counted from 1, so 0 means unvisited.
  const number = new Int32Array(count);
  const low = new Int32Array(count);
  const onStack = new Uint8Array(count);
  // The next outgoing slot to look at for each node on the walk.
  const nextSlot = new Int32Array(count);
  const stack: number[] = [];
  const walk: number[] = [];
  const components: number[][] = [];
  let counter = 0;

  const visit = (node: number) => {
    number[node] = low[node] = ++counter;
    nextSlot[node] = graph.outgoingStart[node];
    stack.push(node);
    onStack[node] = 1;
    walk.push(node);
  };

  for (let root = 0; root < count; root++) {
    if (placed[root] === 1 || number[root] !== 0) continue;
    visit(root);

    while (walk.length > 0) {
      const node = walk[walk.length - 1];
      if (nextSlot[node] < graph.outgoingStart[node + 1]) {
        const successor = graph.targetOf[graph.outgoing[nextSlot[node]++]];
        if (successor < 0 || placed[successor] === 1) continue;
        if (number[successor] === 0) visit(successor);
        else if (onStack[successor] === 1) low[node] = Math.min(low[node], number[successor]);
        continue;
      }

      walk.pop();
      if (walk.length > 0) {
        const parent = walk[walk.length - 1];
        low[parent] = Math.min(low[parent], low[node]);
      }
      if (low[node] !== number[node]) continue;
      const component: number[] = [];
      let member: number;
      do {
        member = stack.pop()!;
        onStack[member] = 0;
        component.push(member);
      } while (member !== node);
      components.push(component);
    }
  }
  return components;
}

/** Returns the edge indices of the wires from `node` to itself. */
function selfEdges(graph: IndexedGraph, node: number): number[] {
  const edges: number[] = [];
  for (let slot = graph.outgoingStart[node]; slot < graph.outgoingStart[node + 1]; slot++) {
    const edge = graph.outgoing[slot];
    if (graph.targetOf[edge] === node) edges.push(edge);
  }
  return edges;
}

/**
 * Chooses the wire to name for a component. The first choice is the wire
 * that closes the cycle in a depth-first walk from the component's first
 * node in document order, following wires in document order. When that wire
 * does not break every cycle, up to MAX_WIRES_TRIED other wires of the
 * component are tried, and the first that does is named instead.
 */
function wireToRemove(graph: IndexedGraph, nodes: readonly number[], isMember: (node: number) => boolean): { edge: number; breaks: boolean; order: number[] | null } {
  const closing = closingWire(graph, nodes[0], isMember);
  const order = orderWithout(graph, nodes, isMember, closing);
  if (order) return { edge: closing, breaks: true, order };

  let tried = 0;
  for (const node of nodes) {
    for (let slot = graph.outgoingStart[node]; slot < graph.outgoingStart[node + 1]; slot++) {
      const edge = graph.outgoing[slot];
      if (edge === closing || !isMember(graph.targetOf[edge])) continue;
      if (++tried > MAX_WIRES_TRIED) return { edge: closing, breaks: false, order: null };
      const other = orderWithout(graph, nodes, isMember, edge);
      if (other) return { edge, breaks: true, order: other };
    }
  }
  return { edge: closing, breaks: false, order: null };
}

/** Returns the first wire of a depth-first walk from `start` that leads back to a node on the walk. */
function closingWire(graph: IndexedGraph, start: number, isMember: (node: number) => boolean): number {
  const onWalk = new Map<number, number>();
  const visited = new Set<number>([start]);
  const walk = [start];
  onWalk.set(start, graph.outgoingStart[start]);

  while (walk.length > 0) {
    const node = walk[walk.length - 1];
    const slot = onWalk.get(node)!;
    if (slot >= graph.outgoingStart[node + 1]) {
      walk.pop();
      onWalk.delete(node);
      continue;
    }
    onWalk.set(node, slot + 1);
    const edge = graph.outgoing[slot];
    const successor = graph.targetOf[edge];
    if (successor < 0 || !isMember(successor)) continue;
    if (onWalk.has(successor)) return edge;
    if (visited.has(successor)) continue;
    visited.add(successor);
    walk.push(successor);
    onWalk.set(successor, graph.outgoingStart[successor]);
  }
  // Every node of a component lies on a cycle, so the walk always finds a closing wire.
  throw new Error(`No wire closes a cycle through node index ${start}.`);
}

/**
 * Orders the component's nodes by Kahn's algorithm over its own wires less
 * `removed`, starting from nodes in document order. Returns null when a cycle remains.
 */
function orderWithout(graph: IndexedGraph, nodes: readonly number[], isMember: (node: number) => boolean, removed: number): number[] | null {
  const indegree = new Map<number, number>();
  for (const node of nodes) indegree.set(node, 0);
  for (const node of nodes) {
    for (let slot = graph.outgoingStart[node]; slot < graph.outgoingStart[node + 1]; slot++) {
      const edge = graph.outgoing[slot];
      const target = graph.targetOf[edge];
      if (edge !== removed && target >= 0 && isMember(target)) indegree.set(target, indegree.get(target)! + 1);
    }
  }

  const order = nodes.filter((node) => indegree.get(node) === 0);
  for (let next = 0; next < order.length; next++) {
    const node = order[next];
    for (let slot = graph.outgoingStart[node]; slot < graph.outgoingStart[node + 1]; slot++) {
      const edge = graph.outgoing[slot];
      const target = graph.targetOf[edge];
      if (edge === removed || target < 0 || !isMember(target)) continue;
      const left = indegree.get(target)! - 1;
      indegree.set(target, left);
      if (left === 0) order.push(target);
    }
  }
  return order.length === nodes.length ? order : null;
}

/** Counts the nodes on no cycle that the cycle's nodes feed, directly or through other nodes, marking each reached node with `mark`. */
function countDownstream(graph: IndexedGraph, nodes: readonly number[], onCycle: Uint8Array, reached: Int32Array, mark: number): number {
  for (const node of nodes) reached[node] = mark;
  const queue = [...nodes];
  let downstream = 0;
  for (let next = 0; next < queue.length; next++) {
    const node = queue[next];
    for (let slot = graph.outgoingStart[node]; slot < graph.outgoingStart[node + 1]; slot++) {
      const successor = graph.targetOf[graph.outgoing[slot]];
      if (successor < 0 || reached[successor] === mark) continue;
      reached[successor] = mark;
      queue.push(successor);
      if (onCycle[successor] === 0) downstream++;
    }
  }
  return downstream;
}
