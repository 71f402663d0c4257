import { findCycles, type GraphCycle } from './cycles';
import { describeNode, type Diagnostic } from './diagnostics';
import type { GraphDocument, GraphEdge, GraphNode } from './document';
import type { DescribedProblem, LoadProblem } from './load-problems';
import { indexGraph, orderIndexedGraph, type IndexedGraph, type IndexedOrder } from './topology';

/** Maximum number of nodes a cycle problem lists by id; the sentence counts the rest. */
export const MAX_LISTED_CYCLE_NODES = 20;

/**
 * Describes each cycle of a document as one problem: the nodes on the cycle,
 * a wire to remove, and how many nodes downstream of it cannot run. Nodes
 * that only read from a cycle are counted, not listed, so a cycle early in a
 * large graph gives a short message. Returns no problems for an acyclic graph.
 */
export function describeCycles(document: GraphDocument): DescribedProblem[] {
  const ids = document.nodes.map((node) => node.id);
  const graph = indexGraph(ids, document.edges);
  const order = orderIndexedGraph(graph, ids.length);
  if (order.order.length === ids.length) return [];
  return findCycles(graph, order).map((cycle) => describeCycle(document, cycle));
}

function describeCycle(document: GraphDocument, cycle: GraphCycle): DescribedProblem {
  const edge = document.edges[cycle.edge];
  const wire = { edge: edge.id, source: edge.source, sourcePort: edge.sourcePort, target: edge.target, targetPort: edge.targetPort };
  const wireText = `"${edge.id}" (${edge.source}.${edge.sourcePort} → ${edge.target}.${edge.targetPort})`;
  const downstream = downstreamText(cycle.downstream);

  // A node with two wires to itself is named here too, by its first wire; the next check names the other.
  if (cycle.nodes.length === 1) {
    const node = document.nodes[cycle.nodes[0]];
    const problem: LoadProblem = { code: 'self-loop', details: { node: node.id, kind: node.kind, ...wire, downstream: cycle.downstream } };
    const text = `Node "${node.id}" (${node.kind}) reads its own output through wire ${wireText}. Remove that wire, because a computational graph must be acyclic.${downstream}`;
    return { text, problem };
  }

  const listed = cycle.nodes.slice(0, MAX_LISTED_CYCLE_NODES).map((index) => document.nodes[index].id);
  const more = cycle.nodes.length - listed.length;
  const remedy = cycle.breaks
    ? `Remove wire ${wireText} to break it, because a computational graph must be acyclic.`
    : `They form more than one cycle, and removing wire ${wireText} breaks only some of them. A computational graph must be acyclic.`;
  const text =
    `The graph has a cycle through ${cycle.nodes.length} nodes: ${listed.map((id) => `"${id}"`).join(', ')}` +
    `${more > 0 ? ` and ${more} more` : ''}. ${remedy}${downstream}`;
  const details = { count: cycle.nodes.length, more, ...wire, breaks: cycle.breaks ? 1 : 0, downstream: cycle.downstream };
  return { text, problem: { code: 'cycle', details, nodes: listed } };
}

/** Writes the English sentence that counts the nodes downstream of a cycle, with its leading space, or nothing for none. */
function downstreamText(count: number): string {
  if (count === 0) return '';
  if (count === 1) return ' 1 other node reads from the cycle, so it cannot run either.';
  return ` ${count} other nodes read from the cycle, so they cannot run either.`;
}

/**
 * Writes a "cycle" diagnostic for each node that `order` could not place. A
 * node on a cycle names the wire that breaks its cycle, where one wire does,
 * and the diagnostic of a node downstream of a cycle states that it reads from one. Returns none
 * when every node is placed.
 */
export function cycleDiagnostics(nodes: readonly GraphNode[], edges: readonly GraphEdge[], graph: IndexedGraph, order: IndexedOrder): Diagnostic[] {
  if (order.order.length === nodes.length) return [];
  const cycleOf = new Map<number, GraphCycle>();
  for (const cycle of findCycles(graph, order)) {
    for (const node of cycle.nodes) cycleOf.set(node, cycle);
  }

  const diagnostics: Diagnostic[] = [];
  for (let index = 0; index < nodes.length; index++) {
    if (order.placed[index] === 1) continue;
    const { id, kind } = nodes[index];
    const cycle = cycleOf.get(index);
    const where = describeNode(id, kind);
    if (!cycle) {
      diagnostics.push({ code: 'cycle', severity: 'error', nodeId: id, details: { kind, onCycle: 'no' }, message: `${where} reads from a cycle, so it cannot run until the cycle is broken.` });
      continue;
    }
    if (!cycle.breaks) {
      diagnostics.push({ code: 'cycle', severity: 'error', nodeId: id, details: { kind, onCycle: 'yes' }, message: `${where} is on a cycle. Remove a wire of the cycle.` });
      continue;
    }
    const edge = edges[cycle.edge];
    const wire = { edge: edge.id, source: edge.source, sourcePort: edge.sourcePort, target: edge.target, targetPort: edge.targetPort };
    diagnostics.push({
      code: 'cycle', severity: 'error', nodeId: id, details: { kind, onCycle: 'yes', ...wire },
      message: `${where} is on a cycle. Remove wire "${edge.id}" (${edge.source}.${edge.sourcePort} → ${edge.target}.${edge.targetPort}) to break it.`,
    });
  }
  return diagnostics;
}
