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
 * node and every ReLU, sigmoid or tanh node, in topological order. A trainable
 * node with two or more axes is a weight, one with fewer is a bias.
 */
export function findHealthLayers(program: Program): HealthLayer[] {
  const layers: HealthLayer[] = [];
  const depths = { weight: 0, bias: 0, activation: 0 };
  for (const node of program.order) {
    if (node.kind.trainable) {
      const role = (node.outputShapes[0]?.length ?? 0) >= 2 ? 'weight' : 'bias';
      layers.push({ nodeId: node.id, role, kind: node.kind.kind, depth: ++depths[role] });
    } else if ((WATCHED_ACTIVATIONS as readonly string[]).includes(node.kind.kind)) {
      layers.push({ nodeId: node.id, role: 'activation', kind: node.kind.kind as WatchedActivation, depth: ++depths.activation });
    }
  }
  return layers;
}
