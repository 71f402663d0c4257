import type { GraphEdge, GraphNode } from '../document';
import type { Params } from '../types';
import type { ModuleDefinition } from './types';

/** Adds nodes in a row and wires by "node" or "node:port", as the presets' builder does. */
class DefinitionBuilder {
  private readonly nodes: GraphNode[] = [];
  private readonly edges: GraphEdge[] = [];

  node(id: string, kind: string, inputs: Record<string, string> = {}, params: Params = {}): this {
    this.nodes.push({ id, kind, params, position: { x: 220 * this.nodes.length, y: 0 } });
    for (const [targetPort, wire] of Object.entries(inputs)) {
      const [source, sourcePort = 'out'] = wire.split(':');
      this.edges.push({ id: `${source}.${sourcePort}->${id}.${targetPort}`, source, sourcePort, target: id, targetPort });
    }
    return this;
  }

  build(inputs: ModuleDefinition['inputs'], outputs: ModuleDefinition['outputs']): ModuleDefinition {
    return { nodes: this.nodes, edges: this.edges, inputs, outputs };
  }
}

/** σ(x) as the lecture's four gates: −1·x, exp, +1, 1/x. Elementwise, so its trace has a local gradient σ(1 − σ). */
export function sigmoidModule(): ModuleDefinition {
  return new DefinitionBuilder()
    .node('neg', 'multiply-constant', {}, { c: -1 })
    .node('e', 'exp', { x: 'neg' })
    .node('plus1', 'add-constant', { x: 'e' }, { c: 1 })
    .node('f', 'reciprocal', { x: 'plus1' })
    .build([{ name: 'x', node: 'neg', port: 'x' }], [{ name: 'out', node: 'f', port: 'out' }]);
}

/**
 * Softmax, then cross-entropy against one-hot rows: loss = −mean_i Σ_j onehot_ij · log p_ij
 * for scores and onehot of shape [N, C]. Outputs the loss and the probabilities p.
 * NOTE: log(softmax) here is not the fused log-sum-exp form of the softmax-ce
 * kind, so a probability that underflows to 0 gives log 0 = −∞; use softmax-ce for training.
 */
export function softmaxCrossEntropyModule(): ModuleDefinition {
  return new DefinitionBuilder()
    .node('p', 'softmax')
    .node('logp', 'log', { x: 'p' })
    .node('picked', 'multiply', { a: 'logp' })
    .node('perExample', 'sum', { x: 'picked' }, { axis: '1' })
    .node('average', 'mean', { x: 'perExample' }, { axis: 'all' })
    .node('loss', 'negate', { x: 'average' })
    .build(
      [{ name: 'scores', node: 'p', port: 'x' }, { name: 'onehot', node: 'picked', port: 'b' }],
      [{ name: 'loss', node: 'loss', port: 'out' }, { name: 'probs', node: 'p', port: 'out' }],
    );
}

/** A fully connected layer relu(x · W + b) for x [N, D], W [D, H] and b [H]; W and b stay outside as inputs, so training finds them as parameter nodes. */
export function fullyConnectedModule(): ModuleDefinition {
  return new DefinitionBuilder()
    .node('xw', 'matmul')
    .node('z', 'bias-add', { x: 'xw' })
    .node('h', 'relu', { x: 'z' })
    .build(
      [{ name: 'x', node: 'xw', port: 'a' }, { name: 'W', node: 'xw', port: 'b' }, { name: 'b', node: 'z', port: 'b' }],
      [{ name: 'out', node: 'h', port: 'out' }],
    );
}

/** The built-in module definitions by the name a document stores them under. */
export const BUILTIN_MODULES: Readonly<Record<string, () => ModuleDefinition>> = {
  sigmoid: sigmoidModule,
  'softmax-cross-entropy': softmaxCrossEntropyModule,
  'fully-connected': fullyConnectedModule,
};
