import type { GraphDocument, GraphNode } from '../document';
import type { OptimizerSettings } from '../optimizers';
import { WATCHED_ACTIVATIONS, type WatchedActivation } from '../health/layers';

/**
 * One side of a comparison: changes applied to a training graph. A field left
 * undefined keeps what the graph has. Every change keeps node ids and wires.
 */
export interface RunVariant {
  optimizer?: OptimizerSettings;
  /** Kind every ReLU, sigmoid and tanh node becomes. */
  activation?: WatchedActivation;
  /** Kind every L1 or L2 penalty node becomes; its λ is kept. */
  penalty?: 'l1-penalty' | 'l2-penalty';
  /** Kind of the data loss node; the SVM margin is 1 when it becomes svm-loss. */
  loss?: 'softmax-ce' | 'svm-loss';
}

const PENALTIES = ['l1-penalty', 'l2-penalty'];
const LOSSES = ['softmax-ce', 'svm-loss'];

/** Returns a copy of a training graph with the variant's changes; the input document is not changed. */
export function applyVariant(document: GraphDocument, variant: RunVariant): GraphDocument {
  const nodes = document.nodes.map((node) => changeNode(node, variant));
  const training = document.training && variant.optimizer ? { ...document.training, optimizer: { ...variant.optimizer } } : document.training;
  return { ...structuredClone(document), nodes, ...(training ? { training: structuredClone(training) } : {}) };
}

function changeNode(node: GraphNode, variant: RunVariant): GraphNode {
  const copy = structuredClone(node);
  if (variant.activation && (WATCHED_ACTIVATIONS as readonly string[]).includes(node.kind)) return { ...copy, kind: variant.activation, params: {} };
  if (variant.penalty && PENALTIES.includes(node.kind)) return { ...copy, kind: variant.penalty };
  if (variant.loss && LOSSES.includes(node.kind) && node.kind !== variant.loss) {
    return { ...copy, kind: variant.loss, params: variant.loss === 'svm-loss' ? { margin: 1 } : {} };
  }
  return copy;
}

/** Counts the nodes each kind of variant change would touch, so a panel can offer only the changes that do something. */
export function variantTargets(document: GraphDocument): { activations: number; penalties: number; losses: number } {
  const count = (kinds: readonly string[]) => document.nodes.filter((node) => kinds.includes(node.kind)).length;
  return { activations: count(WATCHED_ACTIVATIONS), penalties: count(PENALTIES), losses: count(LOSSES) };
}
