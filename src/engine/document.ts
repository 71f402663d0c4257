import type { Params } from './types';

/** Format name written into every graph document. */
export const DOCUMENT_FORMAT = 'backprop-studio-graph';
/** The version this build writes; older versions load through migrations. */
export const DOCUMENT_VERSION = 1;

export interface GraphNode {
  id: string;
  kind: string;
  params: Params;
  position: { x: number; y: number };
  label?: string;
  group?: string;
}

/** A wire from an output port of one node to an input port of another. */
export interface GraphEdge {
  id: string;
  source: string;
  sourcePort: string;
  target: string;
  targetPort: string;
}

export interface GraphDocument {
  format: typeof DOCUMENT_FORMAT;
  version: typeof DOCUMENT_VERSION;
  title?: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export function emptyDocument(): GraphDocument {
  return { format: DOCUMENT_FORMAT, version: DOCUMENT_VERSION, nodes: [], edges: [] };
}

export function serializeDocument(document: GraphDocument): string {
  return JSON.stringify(document, null, 2);
}
