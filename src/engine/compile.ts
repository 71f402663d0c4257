import { cycleDiagnostics } from './cycle-problems';
import type { Diagnostic } from './diagnostics';
import { describeNode } from './diagnostics';
import type { WiredInput } from './reasons';
import type { GraphDocument, GraphEdge } from './document';
import { attributeToModules } from './modules/diagnostics';
import { expandModules, type ModuleInstance } from './modules/expand';
import { formatShape, MAX_GRAPH_ELEMENTS, MAX_TENSOR_ELEMENTS, sizeOf, type TensorData } from './tensor';
import { SlotNumbering, type ProgramSlots } from './slots';
import type { IdLookup } from './id-index';
import { indexGraph, orderIndexedGraph, type IndexedGraph } from './topology';
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
  /** The ports of `order` as numbered slots, which a run keeps its values by. */
  slots: ProgramSlots;
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
  // Read in document order, usually the order the nodes were created in, so the loops below find them in compact lists.
  const ids: string[] = new Array(flat.nodes.length);
  const documentParams: Params[] = new Array(flat.nodes.length);
  const kinds: (NodeKind | undefined)[] = new Array(flat.nodes.length);
  for (let index = 0; index < flat.nodes.length; index++) {
    const node = flat.nodes[index];
    ids[index] = node.id;
    documentParams[index] = node.params;
    kinds[index] = registry.get(node.kind);
  }
  const graph = indexGraph(ids, flat.edges);
  const { order: sorted, placed } = orderIndexedGraph(graph, flat.nodes.length);

  diagnostics.push(...cycleDiagnostics(flat.nodes, flat.edges, graph, { order: sorted, placed }));

  // Compiled nodes by node index, filled in topological order, so a node's sources are set before it binds.
  const compiled: (CompiledNode | undefined)[] = new Array(flat.nodes.length);
  const order: CompiledNode[] = [];
  const numbering = new SlotNumbering(flat.nodes.length, flat.edges);
  const wiring: Wiring = {
    graph, edges: flat.edges, compiled, order,
    kinds, positions: new Int32Array(flat.nodes.length).fill(-1), scalarOutputs: new Uint8Array(flat.nodes.length),
  };
  // The document's index of the wire into each input of the node bound last.
  const wires: number[] = [];
  let graphElements = 0;
  for (let next = 0; next < sorted.length; next++) {
    const index = sorted[next];
    const kind = wiring.kinds[index];
    if (!kind) {
      const node = flat.nodes[index];
      diagnostics.push({
        code: 'unknown-kind', severity: 'error', nodeId: node.id, details: { kind: node.kind },
        message: `Node "${node.id}" has unknown kind "${node.kind}".`,
      });
      continue;
    }
    const id = ids[index];
    const entry = bindNode(index, id, kind, documentParams[index], wiring, wires, diagnostics);
    compiled[index] = entry;
    if (entry.outputShapes.length === 0) continue;

    let elements = 0;
    let scalars = true;
    for (let output = 0; output < entry.outputShapes.length; output++) {
      elements += sizeOf(entry.outputShapes[output]);
      scalars &&= entry.outputShapes[output].length === 0;
    }
    if (graphElements + elements > MAX_GRAPH_ELEMENTS) {
      diagnostics.push(graphTooLarge(id, kind, graphElements + elements));
      entry.outputShapes = [];
      continue;
    }
    graphElements += elements;
    entry.position = order.length;
    wiring.positions[index] = entry.position;
    wiring.scalarOutputs[index] = scalars ? 1 : 0;
    order.push(entry);
    numbering.place(kind.outputs.length, kind.inputs.length, wires, sourcePositions, sourceOutputs);
  }

  const modules = expansion.instances;
  const nodes = new RunnableNodes(graph.indexOf, compiled, order);
  return { document, order, nodes, diagnostics: attributeToModules(diagnostics, modules), slots: numbering.finish(), modules };
}

/**
 * The runnable nodes by id, in topological order. It looks nodes up through
 * the node index that compile built anyway, instead of a second map of every id.
 * Of nodes that share an id, only the one the index names is listed.
 */
class RunnableNodes implements ReadonlyMap<string, CompiledNode> {
  private count = -1;

  constructor(
    private readonly indexOf: IdLookup,
    private readonly compiled: readonly (CompiledNode | undefined)[],
    private readonly order: readonly CompiledNode[],
  ) {}

  get size(): number {
    if (this.count < 0) {
      this.count = 0;
      for (const node of this.order) if (this.get(node.id) === node) this.count++;
    }
    return this.count;
  }

  get(id: string): CompiledNode | undefined {
    const index = this.indexOf.get(id);
    const node = index === undefined ? undefined : this.compiled[index];
    // A node left out of the order has position -1.
    return node && node.position >= 0 ? node : undefined;
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  forEach(callback: (node: CompiledNode, id: string, map: ReadonlyMap<string, CompiledNode>) => void, thisArg?: unknown): void {
    for (const [id, node] of this.entries()) callback.call(thisArg, node, id, this);
  }

  *entries(): MapIterator<[string, CompiledNode]> {
    for (const node of this.order) {
      if (this.get(node.id) === node) yield [node.id, node];
    }
  }

  *keys(): MapIterator<string> {
    for (const [id] of this.entries()) yield id;
  }

  *values(): MapIterator<CompiledNode> {
    for (const [, node] of this.entries()) yield node;
  }

  [Symbol.iterator](): MapIterator<[string, CompiledNode]> {
    return this.entries();
  }
}

/** The wires of the flattened document by node index. */
interface Wires {
  graph: IndexedGraph;
  edges: readonly GraphEdge[];
}

/**
 * The wires of the flattened document by node index, and the nodes compiled
 * so far. Binding a node reads what it needs of its sources from the compact
 * lists by node index, not from the sources' compiled nodes, which for a
 * large graph do not fit in the processor's faster caches.
 */
interface Wiring extends Wires {
  compiled: readonly (CompiledNode | undefined)[];
  /** The kind of each node by node index, undefined for an unknown kind. */
  kinds: (NodeKind | undefined)[];
  /** The position in the order of each node by node index, -1 for a node not placed. */
  positions: Int32Array;
  /** 1 for a placed node whose outputs are all scalars, by node index. */
  scalarOutputs: Uint8Array;
  /** The runnable nodes placed so far. */
  order: readonly CompiledNode[];
}

/** Returns the index of the first wire into input `port` of the node at `index`, or -1 when none is connected. */
function wireInto(wiring: Wiring, index: number, port: string): number {
  const { incomingStart, incoming } = wiring.graph;
  for (let slot = incomingStart[index]; slot < incomingStart[index + 1]; slot++) {
    if (wiring.graph.targetPortOf[incoming[slot]] === port) return incoming[slot];
  }
  return -1;
}

/** Returns every wire out of output `port` of the node at `index`, in document order. */
function wiresOutOf(wires: Wires, index: number, port: string): GraphEdge[] {
  const { outgoingStart, outgoing } = wires.graph;
  let count = 0;
  for (let slot = outgoingStart[index]; slot < outgoingStart[index + 1]; slot++) {
    if (wires.graph.sourcePortOf[outgoing[slot]] === port) count++;
  }
  // Sized exactly, because V8 gives a list that grows by push spare room on
  // its first push, and a large graph keeps one list per output.
  const leaving: GraphEdge[] = new Array(count);
  count = 0;
  for (let slot = outgoingStart[index]; slot < outgoingStart[index + 1]; slot++) {
    if (wires.graph.sourcePortOf[outgoing[slot]] === port) leaving[count++] = wires.edges[outgoing[slot]];
  }
  return leaving;
}

/**
 * A compiled node whose lists of consumers are built on first read. Few
 * readers need them, and a large graph would keep two lists per node.
 */
class CompiledEntry implements CompiledNode {
  position = -1;
  outputShapes = NO_OUTPUTS;
  scalarRule: ScalarRule | null = null;
  private consumerLists: GraphEdge[][] | null = null;
  private bindings: (InputBinding | null)[] | null = null;

  constructor(
    readonly id: string,
    readonly kind: NodeKind,
    readonly params: Params,
    private readonly wires: Wiring,
    private readonly index: number,
  ) {}

  /** Built on first read: the run reads input slots instead, so most programs never build them. */
  get inputs(): (InputBinding | null)[] {
    this.bindings ??= bindInputs(this.wires, this.index, this.kind);
    return this.bindings;
  }

  get consumers(): GraphEdge[][] {
    if (!this.consumerLists) {
      const lists: GraphEdge[][] = new Array(this.kind.outputs.length);
      for (let output = 0; output < lists.length; output++) lists[output] = wiresOutOf(this.wires, this.index, this.kind.outputs[output].name);
      this.consumerLists = lists;
    }
    return this.consumerLists;
  }
}

// Compiled nodes share these instead of one object per node, because a large
// scalar graph has thousands of nodes without params and with one scalar output.
// Frozen, because readers never change a compiled node's params or shapes.
const NO_PARAMS: Params = Object.freeze({});
const ONE_SCALAR_OUTPUT = Object.freeze([Object.freeze([])]) as readonly (readonly number[])[] as number[][];
/** The shape of a scalar, which a node reads for every scalar output of its sources. */
const SCALAR_SHAPE = ONE_SCALAR_OUTPUT[0];
/** Output shapes of a node that cannot run. */
const NO_OUTPUTS = Object.freeze([]) as readonly (readonly number[])[] as number[][];

/** Input bindings of a node without inputs. */
const NO_INPUTS = Object.freeze([]) as readonly (InputBinding | null)[] as (InputBinding | null)[];

/** Lists of input shapes by length, reused from node to node, because no kind keeps the list it is given. */
const SHAPE_SCRATCH: number[][][] = [];

/** Returns the reused list of `count` input shapes. */
function shapeScratch(count: number): number[][] {
  SHAPE_SCRATCH[count] ??= new Array<number[]>(count);
  return SHAPE_SCRATCH[count];
}

/** Lists of nulls by length: the input values of a node whose sources store none in the document. */
const NULL_LISTS: null[][] = [];

/** Returns the shared, frozen list of `count` nulls. */
function nulls(count: number): null[] {
  NULL_LISTS[count] ??= Object.freeze(new Array<null>(count).fill(null)) as readonly null[] as null[];
  return NULL_LISTS[count];
}

function isOneScalar(shapes: readonly (readonly number[])[]): boolean {
  return shapes.length === 1 && shapes[0].length === 0;
}

/** Completes the document's params of a node with the kind's defaults, or shares them when nothing is missing. */
function completeParams(kind: NodeKind, documentParams: Params): Params {
  if (kind.params.length === 0) return NO_PARAMS;
  if (isComplete(kind, documentParams)) return documentParams;
  const params: Params = {};
  for (let index = 0; index < kind.params.length; index++) {
    const spec = kind.params[index];
    params[spec.name] = documentParams[spec.name] ?? spec.default;
  }
  return params;
}

/** Tells whether the document's params are exactly the kind's, in the kind's order, with none missing. */
function isComplete(kind: NodeKind, documentParams: Params): boolean {
  let index = 0;
  for (const name in documentParams) {
    const spec = kind.params[index++];
    if (!spec || spec.name !== name || documentParams[name] == null) return false;
  }
  return index === kind.params.length;
}

/**
 * For each input of the node bound last: the position of its source node in
 * the order and the index of the output it reads. The slot numbering reads
 * them, so a runnable node keeps no input binding objects until one is read.
 */
const sourcePositions: number[] = [];
const sourceOutputs: number[] = [];

/** Returns the binding of each input port of the node at `nodeIndex` to the wire into it, null where none is connected. */
function bindInputs(wiring: Wiring, nodeIndex: number, kind: NodeKind): (InputBinding | null)[] {
  if (kind.inputs.length === 0) return NO_INPUTS;
  const inputs: (InputBinding | null)[] = new Array(kind.inputs.length);
  for (let index = 0; index < inputs.length; index++) {
    const edgeIndex = wireInto(wiring, nodeIndex, kind.inputs[index].name);
    if (edgeIndex < 0) {
      inputs[index] = null;
      continue;
    }
    const sourceNode = wiring.graph.sourceOf[edgeIndex];
    const source = sourceNode >= 0 ? wiring.compiled[sourceNode] : undefined;
    const sourceIndex = source ? outputIndex(source.kind, wiring.graph.sourcePortOf[edgeIndex]) : -1;
    inputs[index] = { edge: wiring.edges[edgeIndex], sourceIndex, sourcePosition: source?.position ?? -1 };
  }
  return inputs;
}

/** Binds a node's inputs to their wires and infers its output shapes. Writes the index of the wire into each input to `wires`. */
function bindNode(
  nodeIndex: number, id: string, kind: NodeKind, documentParams: Params, wiring: Wiring, wires: number[], diagnostics: Diagnostic[],
): CompiledNode {
  const params = completeParams(kind, documentParams);
  const entry = new CompiledEntry(id, kind, params, wiring, nodeIndex);
  const count = kind.inputs.length;
  const inputShapes = shapeScratch(count);
  let inputValues: (TensorData | null)[] | null = null;
  let scalarOnly = true;
  for (let index = 0; index < count; index++) {
    const port = kind.inputs[index].name;
    const edgeIndex = wireInto(wiring, nodeIndex, port);
    wires[index] = edgeIndex;
    if (edgeIndex < 0) {
      diagnostics.push({
        code: 'missing-input', severity: 'warning', nodeId: id, port, details: { kind: kind.kind, port },
        message: `${describeNode(id, kind.kind)}, input ${port}: no wire connected; connect a value to run this node.`,
      });
      return entry;
    }
    const sourceNode = wiring.graph.sourceOf[edgeIndex];
    // Sources are bound before the nodes that read them, so a runnable source's position is final.
    const sourcePosition = sourceNode >= 0 ? wiring.positions[sourceNode] : -1;
    const sourceKind = sourcePosition >= 0 ? wiring.kinds[sourceNode] : undefined;
    const sourceIndex = sourceKind ? outputIndex(sourceKind, wiring.graph.sourcePortOf[edgeIndex]) : -1;
    let shape: number[] | undefined;
    if (sourceIndex >= 0) shape = wiring.scalarOutputs[sourceNode] === 1 ? SCALAR_SHAPE : wiring.compiled[sourceNode]!.outputShapes[sourceIndex];
    if (!shape) {
      diagnostics.push({
        code: 'blocked-by-input', severity: 'warning', nodeId: id, port, details: { kind: kind.kind, port, source: wiring.edges[edgeIndex].source },
        message: `${describeNode(id, kind.kind)}, input ${port}: node "${wiring.edges[edgeIndex].source}" has no value, so this node cannot run.`,
      });
      return entry;
    }
    const mismatch = checkPortType(id, kind, index, sourceKind!, sourceIndex, wiring.edges[edgeIndex]);
    if (mismatch) {
      diagnostics.push(mismatch);
      return entry;
    }
    inputShapes[index] = shape;
    sourceOutputs[index] = sourceIndex;
    sourcePositions[index] = sourcePosition;
    scalarOnly &&= shape.length === 0;
    if (sourceKind!.documentOutputs) {
      inputValues ??= new Array<TensorData | null>(count).fill(null);
      inputValues[index] = sourceKind!.documentOutputs(wiring.compiled[sourceNode]!.params)[sourceIndex] ?? null;
    }
  }

  const result = kind.inferShapes(inputShapes, params, inputValues ?? nulls(count));
  if ('error' in result) {
    const wiredInputs: WiredInput[] = entry.inputs.map((binding, index) => ({
      port: kind.inputs[index].name, source: binding!.edge.source, shape: formatShape(inputShapes[index]),
    }));
    const wired = wiredInputs.map((input) => `${input.port} from "${input.source}" ${input.shape}`).join(', ');
    const reason = wired ? `${result.error} (${wired})` : result.error;
    diagnostics.push({
      code: result.code ?? 'shape-mismatch', severity: 'error', nodeId: id, port: result.port, details: { kind: kind.kind, reason },
      message: `${describeNode(id, kind.kind)}${result.port ? `, input ${result.port}` : ''}: ${reason}`,
      reason: { ...result.reason, inputs: wiredInputs },
    });
    return entry;
  }
  const oversized = checkOutputSizes(id, kind, result.shapes);
  if (oversized) {
    diagnostics.push(oversized);
    return entry;
  }
  entry.outputShapes = isOneScalar(result.shapes) ? ONE_SCALAR_OUTPUT : result.shapes;
  for (let output = 0; output < result.shapes.length; output++) scalarOnly &&= result.shapes[output].length === 0;
  entry.scalarRule = scalarOnly && mirrorsKind(kind) ? kind.scalar! : null;
  return entry;
}

function outputIndex(kind: NodeKind, port: string): number {
  for (let index = 0; index < kind.outputs.length; index++) {
    if (kind.outputs[index].name === port) return index;
  }
  return -1;
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
  let index = 0;
  while (index < shapes.length && sizeOf(shapes[index]) > 0 && sizeOf(shapes[index]) <= MAX_TENSOR_ELEMENTS) index++;
  if (index === shapes.length) return null;
  const shape = shapes[index];
  const name = kind.outputs[index]?.name ?? index;
  const empty = sizeOf(shape) === 0;
  const reason = empty
    ? `output ${name} would be empty, with shape ${formatShape(shape)}; every dimension must be at least 1.`
    : `output ${name} would have shape ${formatShape(shape)}, ${sizeOf(shape)} elements; a tensor may have at most ${MAX_TENSOR_ELEMENTS}. Make the shape smaller.`;
  const details = { output: name, shape: formatShape(shape), elements: sizeOf(shape), max: MAX_TENSOR_ELEMENTS };
  return {
    code: kind.inputs.length === 0 ? 'invalid-param' : 'shape-mismatch', severity: 'error', nodeId: id, details: { kind: kind.kind, reason },
    message: `${describeNode(id, kind.kind)}: ${reason}`,
    reason: { code: empty ? 'output-empty' : 'output-too-large', details },
  };
}

function graphTooLarge(id: string, kind: NodeKind, elements: number): Diagnostic {
  const reason = `its outputs bring the graph's values to ${elements} elements; a graph may have at most ${MAX_GRAPH_ELEMENTS}. Make tensors smaller.`;
  return {
    code: kind.inputs.length === 0 ? 'invalid-param' : 'shape-mismatch', severity: 'error', nodeId: id, details: { kind: kind.kind, reason },
    message: `${describeNode(id, kind.kind)}: ${reason}`,
    reason: { code: 'graph-too-large', details: { elements, max: MAX_GRAPH_ELEMENTS } },
  };
}

/** Reports a wire that joins a tensor output to a labels input, or the reverse. */
function checkPortType(id: string, kind: NodeKind, index: number, sourceKind: NodeKind, sourceIndex: number, edge: GraphEdge): Diagnostic | null {
  const port = kind.inputs[index].name;
  const expected = kind.inputs[index].type ?? 'tensor';
  const found = sourceKind.outputs[sourceIndex].type ?? 'tensor';
  if (expected === found) return null;
  const wire = `${edge.source}.${edge.sourcePort}`;
  return {
    code: 'type-mismatch', severity: 'error', nodeId: id, port, details: { kind: kind.kind, port, expected, found, source: wire },
    message: `${describeNode(id, kind.kind)}, input ${port}: expected a ${expected} output, found the ${found} output ${wire}; connect a ${expected} output instead.`,
  };
}
