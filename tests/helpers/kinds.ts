import type { GraphDocument } from '../../src/engine/document';
import type { TensorData } from '../../src/engine/tensor';
import type { Params } from '../../src/engine/types';
import { TestGraph } from './graph';

/** Id of the node under test in `weightedLossGraph`. */
export const KIND_NODE = 'k';

/**
 * Builds loss = Σ kind(inputs) · w: one input node per port, named after the
 * port, the node under test "k", a constant "w" and the sink "loss". The
 * weights make the upstream gradient at "k" equal to w rather than all ones,
 * so a backward that ignores its upstream gradient fails.
 */
export function weightedLossGraph(kind: string, inputs: Record<string, TensorData>, weights: TensorData, params: Params = {}): GraphDocument {
  const graph = new TestGraph();
  for (const [port, value] of Object.entries(inputs)) graph.source(port, value);
  const wires = Object.fromEntries(Object.keys(inputs).map((port) => [port, port]));
  return graph
    .node(KIND_NODE, kind, wires, params)
    .source('w', weights, 'constant')
    .node('loss', 'multiply', { a: KIND_NODE, b: 'w' })
    .build();
}

/** Σ out · w in float64, the loss `weightedLossGraph` builds. */
export function weightedSum(out: TensorData, weights: TensorData): number {
  return out.data.reduce((total, value, index) => total + value * weights.data[index], 0);
}
