import type { Diagnostic } from './diagnostics';
import { describeNode } from './diagnostics';
import type { GraphDocument, GraphEdge } from './document';
import { attributeToModules } from './modules/diagnostics';
import { expandModules, type ModuleInstance } from './modules/expand';
import { formatShape, MAX_GRAPH_ELEMENTS, MAX_TENSOR_ELEMENTS, sizeOf, type TensorData } from './tensor';
import { topologicalOrder } from './topology';
import type { KindRegistry, NodeKind, Params, ScalarRule } from './types';

export interface InputBinding {
  edge: GraphEdge;
  /** Index of the source node's output port the wire reads. */
  sourceIndex: number;
  /** Index of the source node in `Program.order`, or -1 when the source cannot run. */
  sourcePosition: number;
}

export interface CompiledNode {
  id: string;
  /** Index of this node in `Program.order`, or -1 when the node cannot run. */
  position: number;
  kind: NodeKind;
  /** The document's params completed with the kind's defaults. */
  params: Params;
  /** One binding per input port, null where the port has no wire. */
  inputs: (InputBinding | null)[];
  /** Wires leaving each output port. */
  consumers: GraphEdge[][];
  outputShapes: number[][];
  /** The kind's rule on numbers when every input and output of this node is a scalar, else null. */
  scalarRule: ScalarRule | null;
}

/** A graph ready to run: nodes that can run, in topological order, and what blocks the rest. */
export interface Program {
  document: GraphDocument;
  order: CompiledNode[];
  nodes: ReadonlyMap<string, CompiledNode>;
  diagnostics: Diagnostic[];
  /**
   * Module nodes the program expanded; `order` and `nodes` hold their inner
   * nodes under ids "<module node id>/<inner id>". Absent or empty without modules.
   */
  modules?: ModuleInstance[];
}

/**
 * Validates a document, orders its nodes and infers shapes. Nodes with a problem,
 * and every node that reads from one, are left out of `order` with a diagnostic,
 * so the rest of the graph still runs.
 */
export function compile(document: GraphDocument, registry: KindRegistry): Program {
  const expansion = expandModules(document);
  const flat = expansion.document;
  const diagnostics: Diagnostic[] = [...expansion.diagnostics];
  const { order: ids, cyclic } = topologicalOrder(flat.nodes, flat.edges);
  const byId = new Map(flat.nodes.map((node) => [node.id, node]));

  for (const id of cyclic) {
    const kind = byId.get(id)!.kind;
    diagnostics.push({
      code: 'cycle', severity: 'error', nodeId: id, details: { kind },
      message: `${describeNode(id, kind)} is on a cycle or reads from one; remove a wire of the cycle.`,
    });
  }

  const wiring = indexWires(flat.edges);
  const compiled = new Map<string, CompiledNode>();
  const order: CompiledNode[] = [];
  let graphElements = 0;
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
    const entry = bindNode(id, kind, node.params, wiring, compiled, diagnostics);
    compiled.set(id, entry);
    if (entry.outputShapes.length === 0) continue;

    const elements = entry.outputShapes.reduce((sum, shape) => sum + sizeOf(shape), 0);
    if (graphElements + elements > MAX_GRAPH_ELEMENTS) {
      diagnostics.push(graphTooLarge(id, kind, graphElements + elements));
      entry.outputShapes = [];
      continue;
    }
    graphElements += elements;
    entry.position = order.length;
    order.push(entry);
  }

  const runnable = new Map(order.map((entry) => [entry.id, entry]));
  const modules = expansion.instances;
  return { document, order, nodes: runnable, diagnostics: attributeToModules(diagnostics, modules), modules };
}

/**
 * The wires of a document by node id, so binding all nodes takes time linear
 * in the wire count. Keys are node ids as they are, because joining an id and
 * a port name into one key costs a new string per lookup.
 */
interface Wiring {
  /** Wires into each node, in document order. */
  incoming: Map<string, GraphEdge[]>;
  /** Wires out of each node, in document order. */
  outgoing: Map<string, GraphEdge[]>;
}

function addToList(lists: Map<string, GraphEdge[]>, key: string, edge: GraphEdge): void {
  const list = lists.get(key);
  if (list) list.push(edge);
  else lists.set(key, [edge]);
}

function indexWires(edges: readonly GraphEdge[]): Wiring {
  const wiring: Wiring = { incoming: new Map(), outgoing: new Map() };
  for (const edge of edges) {
    addToList(wiring.incoming, edge.target, edge);
    addToList(wiring.outgoing, edge.source, edge);
  }
  return wiring;
}

/** Returns the first wire into input `port` of node `id`, or null when none is connected. */
function wireInto(wiring: Wiring, id: string, port: string): GraphEdge | null {
  for (const edge of wiring.incoming.get(id) ?? []) {
    if (edge.targetPort === port) return edge;
  }
  return null;
}

/** Returns every wire out of output `port` of node `id`, in document order. */
function wiresOutOf(wiring: Wiring, id: string, port: string): GraphEdge[] {
  const leaving: GraphEdge[] = [];
  for (const edge of wiring.outgoing.get(id) ?? []) {
    if (edge.sourcePort === port) leaving.push(edge);
  }
  return leaving;
}

/** Completes the document's params of a node with the kind's defaults. */
function completeParams(kind: NodeKind, documentParams: Params): Params {
  const params: Params = {};
  for (const spec of kind.params) params[spec.name] = documentParams[spec.name] ?? spec.default;
  return params;
}

function bindNode(
  id: string,
  kind: NodeKind,
  documentParams: Params,
  wiring: Wiring,
  compiled: ReadonlyMap<string, CompiledNode>,
  diagnostics: Diagnostic[],
): CompiledNode {
  const params = completeParams(kind, documentParams);
  const inputs = kind.inputs.map((port) => {
    const edge = wireInto(wiring, id, port.name);
    if (!edge) return null;
    const source = compiled.get(edge.source);
    const sourceIndex = source ? source.kind.outputs.findIndex((output) => output.name === edge.sourcePort) : -1;
    return { edge, sourceIndex, sourcePosition: source?.position ?? -1 };
  });
  const consumers = kind.outputs.map((port) => wiresOutOf(wiring, id, port.name));
  const entry: CompiledNode = { id, position: -1, kind, params, inputs, consumers, outputShapes: [], scalarRule: null };

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
  const oversized = checkOutputSizes(id, kind, result.shapes);
  if (oversized) {
    diagnostics.push(oversized);
    return entry;
  }
  entry.outputShapes = result.shapes;
  const scalarOnly = inputShapes.every((shape) => shape.length === 0) && result.shapes.every((shape) => shape.length === 0);
  entry.scalarRule = scalarOnly && mirrorsKind(kind) ? kind.scalar! : null;
  return entry;
}

function mirrorsKind(kind: NodeKind): boolean {
  return kind.scalar?.mirrors.forward === kind.forward && kind.scalar.mirrors.backward === kind.backward;
}

/**
 * Reports an output with more than MAX_TENSOR_ELEMENTS elements, such as a
 * parameter of shape [100000, 100000], before anything allocates it. Also
 * reports an empty output such as shape [0, 3], because backends disagree on
 * them: the WASM backend of tfjs 4.22 sums an empty tensor to an arbitrary
 * value instead of 0, and max and min throw in backward.
 */
function checkOutputSizes(id: string, kind: NodeKind, shapes: number[][]): Diagnostic | null {
  const index = shapes.findIndex((shape) => sizeOf(shape) === 0 || sizeOf(shape) > MAX_TENSOR_ELEMENTS);
  if (index < 0) return null;
  const shape = shapes[index];
  const name = kind.outputs[index]?.name ?? index;
  const reason = sizeOf(shape) === 0
    ? `output ${name} would be empty, with shape ${formatShape(shape)}; every dimension must be at least 1.`
    : `output ${name} would have shape ${formatShape(shape)}, ${sizeOf(shape)} elements; a tensor may have at most ${MAX_TENSOR_ELEMENTS}. Make the shape smaller.`;
  return {
    code: kind.inputs.length === 0 ? 'invalid-param' : 'shape-mismatch', severity: 'error', nodeId: id, details: { kind: kind.kind, reason },
    message: `${describeNode(id, kind.kind)}: ${reason}`,
  };
}

function graphTooLarge(id: string, kind: NodeKind, elements: number): Diagnostic {
  const reason = `its outputs bring the graph's values to ${elements} elements; a graph may have at most ${MAX_GRAPH_ELEMENTS}. Make tensors smaller.`;
  return {
    code: kind.inputs.length === 0 ? 'invalid-param' : 'shape-mismatch', severity: 'error', nodeId: id, details: { kind: kind.kind, reason },
    message: `${describeNode(id, kind.kind)}: ${reason}`,
  };
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
