import type { GraphDocument, GraphEdge, GraphNode } from './document';
import { writeVarint } from './link-bytes';
import type { ModuleDefinition, ModulePort } from './modules/types';
import type { ParamValue } from './types';

/**
 * The compact form of link format 1: what is deflated into a link. It contains
 * JSON text followed by a binary section of tensor values:
 *
 *   varint        length of the JSON text in bytes
 *   JSON text     UTF-8, [document, view, lecture] with null for an absent part
 *   binary        float32 or float64 values, little-endian, of the tensors
 *                 that are shorter in binary than as JSON text, in document order
 *
 * Document: [version, title, nodes, edges, training, modules, quiz, views],
 *           where quiz and views are the document's objects unchanged. Builds
 *           that predate the quiz or the views read the items they know and
 *           drop the rest.
 * Node:     [id, kind, x, y, params, label, group], params null when empty
 * Edge:     [source, sourcePort, target, targetPort, id], where a number source
 *           or target is an index into nodes, and id is left out when it equals
 *           "source.sourcePort->target.targetPort"
 * Modules:  {name: [nodes, edges, inputs, outputs]}, nodes and edges as above
 *           with indices into the module's own nodes, and each input or output
 *           [name, node, port] with the node as an index or an id
 * Tensor:   [[...shape], ...data] as JSON, or [[...shape], "f32" | "f64", count]
 *           with the data in the binary section
 *
 * Trailing nulls are left out. Numbers are written in JavaScript's shortest
 * round-trip form and -0 as "-0", so every value decodes exactly as it was.
 */
export interface CompactParts {
  document: GraphDocument;
  view?: unknown;
  lecture?: unknown;
}

type Compact = number | string | boolean | null | Compact[] | { [key: string]: Compact };

export function encodeCompact(parts: CompactParts): Uint8Array {
  const binary = new BinaryWriter();
  const tree = trimNulls([compactDocument(parts.document, binary), (parts.view ?? null) as Compact, (parts.lecture ?? null) as Compact]);
  const json = new TextEncoder().encode(writeJson(tree));

  const header: number[] = [];
  writeVarint(header, json.length);
  const bytes = new Uint8Array(header.length + json.length + binary.length);
  bytes.set(header, 0);
  bytes.set(json, header.length);
  binary.copyTo(bytes, header.length + json.length);
  return bytes;
}

function compactDocument(document: GraphDocument, binary: BinaryWriter): Compact {
  // Array items are evaluated in order, so tensors reach the binary section in the order decodeCompact reads them.
  const [nodes, edges] = compactGraph(document.nodes, document.edges, binary);
  return trimNulls([
    document.version,
    document.title ?? null,
    nodes,
    edges,
    (document.training ?? null) as Compact,
    document.modules ? compactModules(document.modules, binary) : null,
    (document.quiz ?? null) as Compact,
    (document.views ?? null) as Compact,
  ]);
}

function compactGraph(nodes: readonly GraphNode[], edges: readonly GraphEdge[], binary: BinaryWriter): [Compact, Compact, Map<string, number>] {
  const indexById = new Map<string, number>();
  nodes.forEach((node, index) => {
    if (!indexById.has(node.id)) indexById.set(node.id, index);
  });
  return [nodes.map((node) => compactNode(node, binary)), edges.map((edge) => compactEdge(edge, indexById)), indexById];
}

function compactModules(modules: Readonly<Record<string, ModuleDefinition>>, binary: BinaryWriter): Compact {
  const entries = Object.entries(modules).map(([name, definition]): [string, Compact] => {
    const [nodes, edges, indexById] = compactGraph(definition.nodes, definition.edges, binary);
    const port = (item: ModulePort): Compact => [item.name, indexById.get(item.node) ?? item.node, item.port];
    return [name, [nodes, edges, definition.inputs.map(port), definition.outputs.map(port)]];
  });
  return Object.fromEntries(entries);
}

function compactNode(node: GraphNode, binary: BinaryWriter): Compact {
  const names = Object.keys(node.params);
  const params = names.length === 0 ? null : Object.fromEntries(names.map((name) => [name, compactParam(node.params[name], binary)]));
  return trimNulls([node.id, node.kind, node.position.x, node.position.y, params, node.label ?? null, node.group ?? null]);
}

function compactParam(value: ParamValue, binary: BinaryWriter): Compact {
  if (typeof value !== 'object' || Array.isArray(value)) return value;
  const inlineChars = value.data.reduce((chars, number) => chars + String(number).length + 1, 0);
  const type = value.data.every((number) => Math.fround(number) === number) ? 'f32' : 'f64';
  const binaryBytes = value.data.length * (type === 'f32' ? 4 : 8);
  if (binaryBytes >= inlineChars) return [[...value.shape], ...value.data];
  binary.write(value.data, type);
  return [[...value.shape], type, value.data.length];
}

function compactEdge(edge: GraphEdge, indexById: ReadonlyMap<string, number>): Compact {
  const derivedId = `${edge.source}.${edge.sourcePort}->${edge.target}.${edge.targetPort}`;
  const source = indexById.get(edge.source) ?? edge.source;
  const target = indexById.get(edge.target) ?? edge.target;
  return [source, edge.sourcePort, target, edge.targetPort, ...(edge.id === derivedId ? [] : [edge.id])];
}

function trimNulls(items: Compact[]): Compact[] {
  let length = items.length;
  while (length > 0 && items[length - 1] === null) length--;
  return items.slice(0, length);
}

/**
 * Writes JSON like JSON.stringify, except that -0 stays "-0". The input is
 * built from a document that passed the schema, so its depth is small.
 */
function writeJson(value: Compact): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(writeJson).join(',')}]`;
  const entries = Object.entries(value).filter(([, item]) => item !== undefined);
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${writeJson(item)}`).join(',')}}`;
}

class BinaryWriter {
  private readonly chunks: Uint8Array[] = [];
  length = 0;

  write(values: readonly number[], type: 'f32' | 'f64'): void {
    const chunk = new Uint8Array(values.length * (type === 'f32' ? 4 : 8));
    const view = new DataView(chunk.buffer);
    values.forEach((value, index) => (type === 'f32' ? view.setFloat32(index * 4, value, true) : view.setFloat64(index * 8, value, true)));
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  copyTo(target: Uint8Array, offset: number): void {
    let at = offset;
    for (const chunk of this.chunks) {
      target.set(chunk, at);
      at += chunk.length;
    }
  }
}
