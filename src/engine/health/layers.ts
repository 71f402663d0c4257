import type { Program } from '../compile';

/** Activation kinds whose health the monitor measures: dead units for ReLU, saturation for sigmoid and tanh. */
export const WATCHED_ACTIVATIONS = ['relu', 'sigmoid', 'tanh'] as const;
export type WatchedActivation = (typeof WATCHED_ACTIVATIONS)[number];

/**
 * One layer as the health signals see it: a trainable parameter node, or an
 * activation node. `depth` counts the layers of the same role before it in
 * topological order, from 1, so W1 of an MLP is the weight at depth 1.
 */
export type HealthLayer =
  | { nodeId: string; role: 'weight' | 'bias'; kind: string; depth: number }
  | { nodeId: string; role: 'activation'; kind: WatchedActivation; depth: number };

/**
 * Finds the layers of any graph from its structure: every trainable source
 * node and every ReLU, sigmoid or tanh node, from the input side to the
 * output. A trainable node with two or more axes is a weight, one with fewer
 * is a bias. Each node is placed by its longest path from a source. A
 * trainable node is a source itself, so it is placed just before the deepest
 * node that reads it: W2 of an MLP sits before the matmul of layer 2, not
 * beside its L2 penalty.
 */
export function findHealthLayers(program: Program): HealthLayer[] {
  const level = new Map<string, number>();
  for (const node of program.order) {
    const inputs = node.inputs.map((binding) => (binding ? level.get(binding.edge.source) ?? 0 : 0));
    level.set(node.id, inputs.length > 0 ? Math.max(...inputs) + 1 : 0);
  }
  const placed = program.order.flatMap((node, index) => {
    if (node.kind.trainable) {
      const readers = node.consumers.flat().map((edge) => level.get(edge.target) ?? 0);
      return [{ node, at: readers.length > 0 ? Math.max(...readers) - 0.5 : 0, index }];
    }
    return (WATCHED_ACTIVATIONS as readonly string[]).includes(node.kind.kind) ? [{ node, at: level.get(node.id)!, index }] : [];
  });
  placed.sort((a, b) => a.at - b.at || a.index - b.index);

  const depths = { weight: 0, bias: 0, activation: 0 };
  return placed.map(({ node }): HealthLayer => {
    if (!node.kind.trainable) return { nodeId: node.id, role: 'activation', kind: node.kind.kind as WatchedActivation, depth: ++depths.activation };
    const role = (node.outputShapes[0]?.length ?? 0) >= 2 ? 'weight' : 'bias';
    return { nodeId: node.id, role, kind: node.kind.kind, depth: ++depths[role] };
  });
}
