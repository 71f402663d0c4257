import { compile, type Program } from '../../src/engine/compile';
import { DOCUMENT_FORMAT, DOCUMENT_VERSION, type GraphDocument } from '../../src/engine/document';
import { run } from '../../src/engine/run';
import type { TensorData } from '../../src/engine/tensor';
import type { Trace } from '../../src/engine/trace';
import type { ModuleDefinition } from '../../src/engine/modules';
import type { KindRegistry, Params } from '../../src/engine/types';
import { registry as builtinRegistry } from '../../src/nodes';

/** A tensor as the document stores it; a bare number is a scalar. */
export function tensor(shape: number[], data: number[]): TensorData {
  return { shape, data };
}

function asTensor(value: number | TensorData): TensorData {
  return typeof value === 'number' ? { shape: [], data: [value] } : value;
}

/** Builds a module whose only node is a module node of `inner`, passing x through. */
export function wrapperModule(inner: string): ModuleDefinition {
  return {
    nodes: [{ id: 'n', kind: 'module', params: { module: inner }, position: { x: 0, y: 0 } }],
    edges: [],
    inputs: [{ name: 'x', node: 'n', port: 'x' }],
    outputs: [{ name: 'out', node: 'n', port: 'out' }],
  };
}

/**
 * Builds a graph document in a test. Inputs are wired by port name from a node
 * id, or from "id:port" for a node with several outputs; edge ids follow the
 * presets' "source.port->target.port" form.
 */
export class TestGraph {
  private readonly document: GraphDocument = { format: DOCUMENT_FORMAT, version: DOCUMENT_VERSION, nodes: [], edges: [] };

  /** Adds a source node (input, parameter or constant) holding `value`. */
  source(id: string, value: number | TensorData, kind = 'input'): this {
    return this.node(id, kind, {}, { value: asTensor(value) });
  }

  node(id: string, kind: string, inputs: Record<string, string> = {}, params: Params = {}): this {
    const position = { x: 100 * this.document.nodes.length, y: 0 };
    this.document.nodes.push({ id, kind, params, position });
    for (const [targetPort, wire] of Object.entries(inputs)) {
      const [source, sourcePort = 'out'] = wire.split(':');
      this.document.edges.push({ id: `${source}.${sourcePort}->${id}.${targetPort}`, source, sourcePort, target: id, targetPort });
    }
    return this;
  }

  build(): GraphDocument {
    return structuredClone(this.document);
  }
}

export interface RunResult {
  program: Program;
  trace: Trace;
}

/** Compiles and runs a document the way the editor and the CLI do. */
export function runDocument(document: GraphDocument, registry: KindRegistry = builtinRegistry): RunResult {
  const program = compile(document, registry);
  return { program, trace: run(program) };
}

/** Forward value of one output port of a node. */
export function valueOf(trace: Trace, nodeId: string, port = 0): TensorData {
  const record = trace.nodes[nodeId];
  if (!record) throw new Error(`node "${nodeId}" has no trace record; it did not run`);
  return record.outputs[port];
}

/** Gradient of the graph's output with respect to one output port of a node. */
export function gradientOf(trace: Trace, nodeId: string, port = 0): TensorData {
  const upstream = trace.nodes[nodeId]?.upstream;
  if (!upstream) throw new Error(`node "${nodeId}" has no gradient; nothing downstream of it ran`);
  return upstream[port];
}
