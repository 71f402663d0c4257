import { DOCUMENT_FORMAT, DOCUMENT_VERSION, type GraphDocument } from '../engine/document';
import type { Params } from '../engine/types';

/** Source of a wire: a node id, or "id:port" for a node with several outputs. */
type WireSource = string;

/** Builds a graph document in code, one node per call, wiring inputs by port name. */
export class GraphBuilder {
  private readonly document: GraphDocument;

  constructor(title: string) {
    this.document = { format: DOCUMENT_FORMAT, version: DOCUMENT_VERSION, title, nodes: [], edges: [] };
  }

  /** Adds a source node of kind input, parameter or constant holding a scalar or vector. */
  value(id: string, kind: 'input' | 'parameter' | 'constant', value: number | number[], x: number, y: number): this {
    const tensor = typeof value === 'number' ? { shape: [], data: [value] } : { shape: [value.length], data: value };
    return this.node(id, kind, {}, x, y, { value: tensor });
  }

  node(id: string, kind: string, inputs: Record<string, WireSource>, x: number, y: number, params: Params = {}): this {
    this.document.nodes.push({ id, kind, params, position: { x, y } });
    for (const [targetPort, source] of Object.entries(inputs)) {
      const [sourceId, sourcePort = 'out'] = source.split(':');
      this.document.edges.push({ id: `${sourceId}.${sourcePort}->${id}.${targetPort}`, source: sourceId, sourcePort, target: id, targetPort });
    }
    return this;
  }

  build(): GraphDocument {
    return structuredClone(this.document);
  }
}
