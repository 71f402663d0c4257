import type * as tf from '@tensorflow/tfjs-core';
import type { CompiledNode, Program } from './compile';
import { describeNode } from './diagnostics';
import { formatShape, shapesEqual } from './tensor';

/**
 * Values that replace the outputs of source nodes (batch, input, labels and
 * other nodes without inputs) for one run, keyed by node id, one tensor per
 * output port. The caller owns these tensors: a run never disposes them.
 */
export type Feeds = Readonly<Record<string, readonly tf.Tensor[]>>;

/**
 * Throws when a feed names a node the program cannot feed, or when its tensors
 * do not match the node's output ports and compiled shapes. Feeds come from
 * code, not from the user's document, so a bad feed is a programming error.
 */
export function checkFeeds(program: Program, feeds: Feeds): void {
  for (const [nodeId, tensors] of Object.entries(feeds)) {
    const node = program.nodes.get(nodeId);
    if (!node) {
      throw new Error(`feed for node "${nodeId}": the program has no runnable node with this id; check the id and the compile diagnostics`);
    }
    checkFeed(node, tensors);
  }
}

function checkFeed(node: CompiledNode, tensors: readonly tf.Tensor[]): void {
  const where = `feed for ${describeNode(node.id, node.kind.kind)}`;
  if (node.kind.inputs.length > 0) {
    throw new Error(`${where}: only nodes without inputs can be fed, and this kind has inputs ${node.kind.inputs.map((port) => port.name).join(', ')}`);
  }
  if (tensors.length !== node.kind.outputs.length) {
    throw new Error(`${where}: expected one tensor per output port (${node.kind.outputs.length}), found ${tensors.length}`);
  }
  tensors.forEach((tensor, index) => {
    const expected = node.outputShapes[index];
    if (!shapesEqual(tensor.shape, expected)) {
      const port = node.kind.outputs[index].name;
      throw new Error(`${where}, output ${port}: expected shape ${formatShape(expected)}, found ${formatShape(tensor.shape)}; change the node's parameters to match the fed batch`);
    }
  });
}

/**
 * Returns the feed for `nodeId`, or undefined. Only own keys count, so an
 * unfed node named like an Object member, such as toString, reads no
 * inherited member as its feed.
 */
export function feedOf(feeds: Feeds | undefined, nodeId: string): readonly tf.Tensor[] | undefined {
  return feeds && Object.hasOwn(feeds, nodeId) ? feeds[nodeId] : undefined;
}

/** Computes a node's outputs for one pass: its feed when it has one, else its forward. */
export function computeOutputs(node: CompiledNode, inputs: tf.Tensor[], feeds: Feeds | undefined): tf.Tensor[] {
  const fed = feedOf(feeds, node.id);
  return fed ? [...fed] : node.kind.forward({ inputs, params: node.params });
}

/**
 * Lists the sinks: runnable nodes with inputs whose outputs no runnable node
 * reads through a wire bound to one of its inputs.
 */
export function findSinks(program: Program): string[] {
  const { sink } = program.slots;
  const sinks: string[] = [];
  for (let position = 0; position < sink.length; position++) {
    if (sink[position]) sinks.push(program.order[position].id);
  }
  return sinks;
}

/** Collects the tensors a node reads, in input port order. Every input must be bound and already computed. */
export function readInputs(node: CompiledNode, outputs: ReadonlyMap<string, tf.Tensor[]>): tf.Tensor[] {
  return node.inputs.map((binding) => outputs.get(binding!.edge.source)![binding!.sourceIndex]);
}

/** Tells whether a sink seeds this output with gradient 1. Auxiliary outputs get 0. */
export function isSeeded(node: CompiledNode, outputIndex: number): boolean {
  return !node.kind.outputs[outputIndex].auxiliary;
}
