import type { GraphDocument, GraphEdge, GraphNode } from './document';
import { readVarint, writeVarint } from './link-bytes';
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

/** The parts of a decoded compact form, still unchecked: the caller validates them. */
export interface ExpandedParts {
  document: unknown;
  view?: unknown;
  lecture?: unknown;
}

/** Rebuilds the parts from compact-form bytes, or returns why they do not fit the layout. */
export function decodeCompact(bytes: Uint8Array): ExpandedParts | { problem: string } {
  const length = readVarint(bytes, 0);
  if (!length || length.next + length.value > bytes.length) return { problem: 'the length of its JSON part is missing or too large' };

  let tree: unknown;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(length.next, length.next + length.value));
    tree = JSON.parse(text);
  } catch (error) {
    return { problem: `its JSON part cannot be read: ${(error as Error).message}` };
  }

  const binary = new BinaryReader(bytes.subarray(length.next + length.value));
  try {
    const [document, view, lecture] = expectArray(tree, 'the content');
    const parts: ExpandedParts = { document: expandDocument(document, binary) };
    if (view !== undefined && view !== null) parts.view = view;
    if (lecture !== undefined && lecture !== null) parts.lecture = lecture;
    if (binary.remaining > 0) return { problem: `${binary.remaining} bytes of tensor data are left over` };
    return parts;
  } catch (error) {
    if (error instanceof LayoutError) return { problem: error.message };
    throw error;
  }
}

/** A part of the compact form that does not have the layout above; caught in decodeCompact. */
class LayoutError extends Error {}

function expectArray(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new LayoutError(`${what} must be a list, found ${describeJsonType(value)}`);
  return value;
}

function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'a list' : `a ${typeof value}`;
}

function expandDocument(value: unknown, binary: BinaryReader): unknown {
  const [version, title, nodes, edges, training, modules, quiz, views] = expectArray(value, 'the document');
  const graph = expandGraph(nodes, edges, binary, 'the document');
  const expandedModules = modules === null || modules === undefined ? null : expandModules(modules, binary);
  return withoutNulls({ format: 'backprop-studio-graph', version, title, nodes: graph.nodes, edges: graph.edges, training, modules: expandedModules, quiz, views });
}

function expandGraph(nodes: unknown, edges: unknown, binary: BinaryReader, owner: string): { nodes: { id: unknown }[]; edges: unknown[]; ids: unknown[] } {
  const expandedNodes = expectArray(nodes, `the node list of ${owner}`).map((node, index) => expandNode(node, index, binary));
  const ids = expandedNodes.map((node) => node.id);
  const expandedEdges = expectArray(edges, `the edge list of ${owner}`).map((edge, index) => expandEdge(edge, index, ids));
  return { nodes: expandedNodes, edges: expandedEdges, ids };
}

function expandModules(value: unknown, binary: BinaryReader): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new LayoutError(`the modules must be an object, found ${describeJsonType(value)}`);
  }
  return Object.fromEntries(Object.entries(value).map(([name, definition]) => {
    const owner = `module ${JSON.stringify(name.slice(0, 100))}`;
    const [nodes, edges, inputs, outputs] = expectArray(definition, owner);
    const graph = expandGraph(nodes, edges, binary, owner);
    const port = (item: unknown, index: number) => {
      const [portName, node, portId] = expectArray(item, `port ${index} of ${owner}`);
      return withoutNulls({ name: portName, node: resolveNode(node, graph.ids, `port ${index} of ${owner}`), port: portId });
    };
    const ports = { inputs: expectArray(inputs, `the inputs of ${owner}`).map(port), outputs: expectArray(outputs, `the outputs of ${owner}`).map(port) };
    return [name, { nodes: graph.nodes, edges: graph.edges, ...ports }];
  }));
}

function expandNode(value: unknown, index: number, binary: BinaryReader): { id: unknown } {
  const [id, kind, x, y, params, label, group] = expectArray(value, `node ${index}`);
  const expandedParams = params === null || params === undefined ? {} : expandParams(params, index, binary);
  return withoutNulls({ id, kind, params: expandedParams, position: { x, y }, label, group }) as { id: unknown };
}

function expandParams(value: unknown, index: number, binary: BinaryReader): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new LayoutError(`the parameters of node ${index} must be an object, found ${describeJsonType(value)}`);
  }
  // Object.fromEntries defines each name as an own property, "__proto__" included.
  return Object.fromEntries(Object.entries(value).map(([name, param]) => [name, expandParam(param, binary)]));
}

/** Rebuilds a tensor from a list whose first item is a list, and returns any other value unchanged. */
function expandParam(value: unknown, binary: BinaryReader): unknown {
  if (!Array.isArray(value) || !Array.isArray(value[0])) return value;
  const [shape, ...data] = value;
  if (typeof data[0] !== 'string') return { shape, data };
  const [type, count] = data;
  if ((type !== 'f32' && type !== 'f64') || data.length !== 2 || !Number.isSafeInteger(count) || (count as number) < 0) {
    const found = typeof count === 'number' ? String(count) : describeJsonType(count);
    throw new LayoutError(`a binary tensor must be [shape, "f32" or "f64", count], found type ${JSON.stringify(type).slice(0, 40)} and count ${found}`);
  }
  return { shape, data: binary.read(type, count as number) };
}

function expandEdge(value: unknown, index: number, ids: unknown[]): unknown {
  const [source, sourcePort, target, targetPort, id] = expectArray(value, `edge ${index}`);
  const sourceId = resolveNode(source, ids, `edge ${index}`);
  const targetId = resolveNode(target, ids, `edge ${index}`);
  const parts = [sourceId, sourcePort, targetId, targetPort];
  // Only strings are joined: String() of a deeply nested list recurses once per level.
  const derivedId = parts.every((part) => typeof part === 'string') ? `${sourceId}.${sourcePort}->${targetId}.${targetPort}` : undefined;
  return withoutNulls({ id: id ?? derivedId, source: sourceId, sourcePort, target: targetId, targetPort });
}

function resolveNode(reference: unknown, ids: unknown[], owner: string): unknown {
  if (typeof reference !== 'number') return reference;
  if (!Number.isInteger(reference) || reference < 0 || reference >= ids.length) {
    throw new LayoutError(`${owner} refers to node ${reference}, but there are ${ids.length} nodes`);
  }
  return ids[reference];
}

function withoutNulls(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== null && value !== undefined));
}

class BinaryReader {
  private offset = 0;

  constructor(private readonly bytes: Uint8Array) {}

  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  read(type: 'f32' | 'f64', count: number): number[] {
    const size = type === 'f32' ? 4 : 8;
    if (count * size > this.remaining) {
      throw new LayoutError(`a tensor needs ${count} ${type} values, but only ${this.remaining} bytes of tensor data are left`);
    }
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.offset, count * size);
    const values = Array.from({ length: count }, (_, index) => (size === 4 ? view.getFloat32(index * 4, true) : view.getFloat64(index * 8, true)));
    this.offset += count * size;
    return values;
  }
}
