import type { Diagnostic } from './diagnostics';
import { describeNode } from './diagnostics';
import type { GraphDocument, GraphEdge } from './document';
import { formatShape, type TensorData } from './tensor';
import { topologicalOrder } from './topology';
import type { KindRegistry, NodeKind, Params } from './types';

export interface InputBinding {
  edge: GraphEdge;
  /** Index of the source node's output port the wire reads. */
  sourceIndex: number;
}

export interface CompiledNode {
  id: string;
  kind: NodeKind;
  /** The document's params completed with the kind's defaults. */
  params: Params;
  /** One binding per input port, null where the port has no wire. */
  inputs: (InputBinding | null)[];
  /** Wires leaving each output port. */
  consumers: GraphEdge[][];
  outputShapes: number[][];
}

/** A graph ready to run: nodes that can run, in topological order, and what blocks the rest. */
export interface Program {
  document: GraphDocument;
  order: CompiledNode[];
  nodes: ReadonlyMap<string, CompiledNode>;
  diagnostics: Diagnostic[];
}

/**
 * Validates a document, orders its nodes and infers shapes. Nodes with a problem,
 * and every node that reads from one, are left out of `order` with a diagnostic,
 * so the rest of the graph still runs.
 */
export function compile(document: GraphDocument, registry: KindRegistry): Program {
  const diagnostics: Diagnostic[] = [];
  const { order: ids, cyclic } = topologicalOrder(document.nodes, document.edges);
  const byId = new Map(document.nodes.map((node) => [node.id, node]));

  for (const id of cyclic) {
    const kind = byId.get(id)!.kind;
    diagnostics.push({
      code: 'cycle', severity: 'error', nodeId: id, details: { kind },
      message: `${describeNode(id, kind)} is on a cycle or reads from one; remove a wire of the cycle.`,
    });
  }

  const compiled = new Map<string, CompiledNode>();
  const order: CompiledNode[] = [];
  for (const id of ids) {
    const node = byId.get(id)!;
    const kind = registry.get(node.kind);
    if (!kind) {
      diagnostics.push({
        code: 'unknown-kind', severity: 'error', nodeId: id, details: { kind: node.kind },
        message: `Node "${id}" has unknown kind "${node.kind}".`,
      });
      continue;
    }
    const entry = bindNode(id, kind, node.params, document.edges, compiled, diagnostics);
    compiled.set(id, entry);
    if (entry.outputShapes.length > 0) order.push(entry);
  }

  const runnable = new Map(order.map((entry) => [entry.id, entry]));
  return { document, order, nodes: runnable, diagnostics };
}

function bindNode(
  id: string,
  kind: NodeKind,
  documentParams: Params,
  edges: readonly GraphEdge[],
  compiled: ReadonlyMap<string, CompiledNode>,
  diagnostics: Diagnostic[],
): CompiledNode {
  const params: Params = Object.fromEntries(kind.params.map((spec) => [spec.name, documentParams[spec.name] ?? spec.default]));
  const inputs = kind.inputs.map((port) => {
    const edge = edges.find((candidate) => candidate.target === id && candidate.targetPort === port.name);
    if (!edge) return null;
    const source = compiled.get(edge.source);
    const sourceIndex = source ? source.kind.outputs.findIndex((output) => output.name === edge.sourcePort) : -1;
    return { edge, sourceIndex };
  });
  const consumers = kind.outputs.map((port) => edges.filter((edge) => edge.source === id && edge.sourcePort === port.name));
  const entry: CompiledNode = { id, kind, params, inputs, consumers, outputShapes: [] };

  const inputShapes: number[][] = [];
  const inputValues: (TensorData | null)[] = [];
  for (const [index, binding] of inputs.entries()) {
    const port = kind.inputs[index].name;
    if (!binding) {
      diagnostics.push({
        code: 'missing-input', severity: 'warning', nodeId: id, port, details: { kind: kind.kind, port },
        message: `${describeNode(id, kind.kind)}, input ${port}: no wire connected; connect a value to run this node.`,
      });
      return entry;
    }
    const source = compiled.get(binding.edge.source);
    const shape = source?.outputShapes[binding.sourceIndex];
    if (!shape) {
      diagnostics.push({
        code: 'blocked-by-input', severity: 'warning', nodeId: id, port, details: { kind: kind.kind, port, source: binding.edge.source },
        message: `${describeNode(id, kind.kind)}, input ${port}: node "${binding.edge.source}" has no value, so this node cannot run.`,
      });
      return entry;
    }
    const mismatch = checkPortType(id, kind, index, source!, binding);
    if (mismatch) {
      diagnostics.push(mismatch);
      return entry;
    }
    inputShapes.push(shape);
    inputValues.push(source!.kind.documentOutputs?.(source!.params)[binding.sourceIndex] ?? null);
  }

  const result = kind.inferShapes(inputShapes, params, inputValues);
  if ('error' in result) {
    const sources = inputs
      .map((binding, index) => `${kind.inputs[index].name} from "${binding!.edge.source}" ${formatShape(inputShapes[index])}`)
      .join(', ');
    const reason = sources ? `${result.error} (${sources})` : result.error;
    diagnostics.push({
      code: result.code ?? 'shape-mismatch', severity: 'error', nodeId: id, port: result.port, details: { kind: kind.kind, reason },
      message: `${describeNode(id, kind.kind)}${result.port ? `, input ${result.port}` : ''}: ${reason}`,
    });
    return entry;
  }
  entry.outputShapes = result.shapes;
  return entry;
}

/** Reports a wire that joins a tensor output to a labels input, or the reverse. */
function checkPortType(id: string, kind: NodeKind, index: number, source: CompiledNode, binding: InputBinding): Diagnostic | null {
  const port = kind.inputs[index].name;
  const expected = kind.inputs[index].type ?? 'tensor';
  const found = source.kind.outputs[binding.sourceIndex].type ?? 'tensor';
  if (expected === found) return null;
  const wire = `${binding.edge.source}.${binding.edge.sourcePort}`;
  return {
    code: 'type-mismatch', severity: 'error', nodeId: id, port, details: { kind: kind.kind, port, expected, found, source: wire },
    message: `${describeNode(id, kind.kind)}, input ${port}: expected a ${expected} output, found the ${found} output ${wire}; connect a ${expected} output instead.`,
  };
}
