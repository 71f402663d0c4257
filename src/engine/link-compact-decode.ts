import { readVarint } from './link-bytes';

// Decoding of the compact form of link format 1, whose layout link-compact.ts
// describes. Bytes that do not fit that layout give a LinkLayoutProblem.

/** The parts of a decoded compact form, still unchecked: the caller validates them. */
export interface ExpandedParts {
  document: unknown;
  view?: unknown;
  lecture?: unknown;
}

/** Codes for why compact-form bytes do not have the layout of link format 1. */
export const LINK_LAYOUT_CODES = [
  'length',
  'json',
  'leftover',
  'not-list',
  'modules-not-object',
  'params-not-object',
  'binary-tensor',
  'binary-tensor-count',
  'node-index',
  'tensor-data',
] as const;

export type LinkLayoutCode = (typeof LINK_LAYOUT_CODES)[number];

/**
 * Why compact-form bytes do not fit the layout: a code, the values its
 * sentence names, and that sentence in English. A part of the form is named
 * by the details `part` (a LayoutPartName), `index` and `module` (the
 * module's name, at most 100 characters, absent for the document), and a JSON
 * value's type by `found` or `countType` (a JsonTypeName).
 */
export interface LinkLayoutProblem {
  code: LinkLayoutCode;
  details: Record<string, string | number>;
  text: string;
}

/** Parts of the compact form that a layout problem can name. */
export type LayoutPartName = 'content' | 'document' | 'nodes' | 'edges' | 'module' | 'port' | 'inputs' | 'outputs' | 'node' | 'edge';

/** Types of JSON value that a layout problem can report as found; "missing" is a list item that is not there. */
export type JsonTypeName = 'missing' | 'null' | 'list' | 'object' | 'string' | 'number' | 'boolean';

interface LayoutPart {
  part: LayoutPartName;
  index?: number;
  module?: string;
}

/** Rebuilds the parts from compact-form bytes, or returns why they do not fit the layout. */
export function decodeCompact(bytes: Uint8Array): ExpandedParts | { problem: LinkLayoutProblem } {
  const length = readVarint(bytes, 0);
  if (!length || length.next + length.value > bytes.length) {
    return { problem: layoutProblem('length', {}, 'the length of its JSON part is missing or too large') };
  }

  let tree: unknown;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(length.next, length.next + length.value));
    tree = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    return { problem: layoutProblem('json', { message }, `its JSON part cannot be read: ${message}`) };
  }

  const binary = new BinaryReader(bytes.subarray(length.next + length.value));
  try {
    const [document, view, lecture] = expectArray(tree, { part: 'content' });
    const parts: ExpandedParts = { document: expandDocument(document, binary) };
    if (view !== undefined && view !== null) parts.view = view;
    if (lecture !== undefined && lecture !== null) parts.lecture = lecture;
    if (binary.remaining > 0) {
      return { problem: layoutProblem('leftover', { count: binary.remaining }, `${binary.remaining} bytes of tensor data are left over`) };
    }
    return parts;
  } catch (error) {
    if (error instanceof LayoutError) return { problem: error.problem };
    throw error;
  }
}

function layoutProblem(code: LinkLayoutCode, details: LinkLayoutProblem['details'], text: string): LinkLayoutProblem {
  return { code, details, text };
}

/** A part of the compact form that does not have the layout above; caught in decodeCompact. */
class LayoutError extends Error {
  readonly problem: LinkLayoutProblem;

  constructor(code: LinkLayoutCode, details: LinkLayoutProblem['details'], text: string) {
    super(text);
    this.problem = layoutProblem(code, details, text);
  }
}

/** Returns the English name of a part, such as "the node list of module "m"". */
function partText({ part, index, module }: LayoutPart): string {
  const owner = module === undefined ? 'the document' : `module "${module}"`;
  switch (part) {
    case 'content':
      return 'the content';
    case 'document':
      return 'the document';
    case 'nodes':
      return `the node list of ${owner}`;
    case 'edges':
      return `the edge list of ${owner}`;
    case 'module':
      return owner;
    case 'port':
      return `port ${index} of ${owner}`;
    case 'inputs':
      return `the inputs of ${owner}`;
    case 'outputs':
      return `the outputs of ${owner}`;
    case 'node':
      return module === undefined ? `node ${index}` : `node ${index} of ${owner}`;
    case 'edge':
      return module === undefined ? `edge ${index}` : `edge ${index} of ${owner}`;
  }
}

function partDetails({ part, index, module }: LayoutPart): LinkLayoutProblem['details'] {
  return { part, ...(index === undefined ? {} : { index }), ...(module === undefined ? {} : { module }) };
}

function expectArray(value: unknown, where: LayoutPart): unknown[] {
  if (Array.isArray(value)) return value;
  const found = jsonTypeOf(value);
  throw new LayoutError('not-list', { ...partDetails(where), found }, `${partText(where)} must be a list, found ${jsonTypeText(found)}`);
}

function jsonTypeOf(value: unknown): JsonTypeName {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' ? type : 'object';
}

/** Returns the English words for a type found, such as "a list". */
function jsonTypeText(type: JsonTypeName): string {
  if (type === 'missing') return 'nothing';
  if (type === 'null') return 'null';
  return type === 'object' ? 'an object' : `a ${type}`;
}

function expandDocument(value: unknown, binary: BinaryReader): unknown {
  const [version, title, nodes, edges, training, modules, quiz, views] = expectArray(value, { part: 'document' });
  const graph = expandGraph(nodes, edges, binary, undefined);
  const expandedModules = modules === null || modules === undefined ? null : expandModules(modules, binary);
  return withoutNulls({ format: 'backprop-studio-graph', version, title, nodes: graph.nodes, edges: graph.edges, training, modules: expandedModules, quiz, views });
}

/** Expands the nodes and edges of the document (`module` undefined) or of a module (`module` its name). */
function expandGraph(nodes: unknown, edges: unknown, binary: BinaryReader, module: string | undefined): { nodes: { id: unknown }[]; edges: unknown[]; ids: unknown[] } {
  const expandedNodes = expectArray(nodes, { part: 'nodes', module }).map((node, index) => expandNode(node, { part: 'node', index, module }, binary));
  const ids = expandedNodes.map((node) => node.id);
  const expandedEdges = expectArray(edges, { part: 'edges', module }).map((edge, index) => expandEdge(edge, { part: 'edge', index, module }, ids));
  return { nodes: expandedNodes, edges: expandedEdges, ids };
}

function expandModules(value: unknown, binary: BinaryReader): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const found = jsonTypeOf(value);
    throw new LayoutError('modules-not-object', { found }, `the modules must be an object, found ${jsonTypeText(found)}`);
  }
  return Object.fromEntries(Object.entries(value).map(([name, definition]) => {
    const module = name.slice(0, 100);
    const [nodes, edges, inputs, outputs] = expectArray(definition, { part: 'module', module });
    const graph = expandGraph(nodes, edges, binary, module);
    const port = (item: unknown, index: number) => {
      const where: LayoutPart = { part: 'port', index, module };
      const [portName, node, portId] = expectArray(item, where);
      return withoutNulls({ name: portName, node: resolveNode(node, graph.ids, where), port: portId });
    };
    const ports = { inputs: expectArray(inputs, { part: 'inputs', module }).map(port), outputs: expectArray(outputs, { part: 'outputs', module }).map(port) };
    return [name, { nodes: graph.nodes, edges: graph.edges, ...ports }];
  }));
}

function expandNode(value: unknown, where: LayoutPart, binary: BinaryReader): { id: unknown } {
  const [id, kind, x, y, params, label, group] = expectArray(value, where);
  const expandedParams = params === null || params === undefined ? {} : expandParams(params, where, binary);
  return withoutNulls({ id, kind, params: expandedParams, position: { x, y }, label, group }) as { id: unknown };
}

/** Expands the parameters of the node at `where`. */
function expandParams(value: unknown, where: LayoutPart, binary: BinaryReader): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const found = jsonTypeOf(value);
    throw new LayoutError('params-not-object', { ...partDetails(where), found }, `the parameters of ${partText(where)} must be an object, found ${jsonTypeText(found)}`);
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
    const typeText = JSON.stringify(type).slice(0, 40);
    const expected = 'a binary tensor must be [shape, "f32" or "f64", count]';
    if (typeof count === 'number') {
      throw new LayoutError('binary-tensor', { type: typeText, count }, `${expected}, found type ${typeText} and count ${count}`);
    }
    const countType = jsonTypeOf(count);
    throw new LayoutError('binary-tensor-count', { type: typeText, countType }, `${expected}, found type ${typeText} and count ${jsonTypeText(countType)}`);
  }
  return { shape, data: binary.read(type, count as number) };
}

function expandEdge(value: unknown, where: LayoutPart, ids: unknown[]): unknown {
  const [source, sourcePort, target, targetPort, id] = expectArray(value, where);
  const sourceId = resolveNode(source, ids, where);
  const targetId = resolveNode(target, ids, where);
  const parts = [sourceId, sourcePort, targetId, targetPort];
  // Only strings are joined: String() of a deeply nested list recurses once per level.
  const derivedId = parts.every((part) => typeof part === 'string') ? `${sourceId}.${sourcePort}->${targetId}.${targetPort}` : undefined;
  return withoutNulls({ id: id ?? derivedId, source: sourceId, sourcePort, target: targetId, targetPort });
}

function resolveNode(reference: unknown, ids: unknown[], where: LayoutPart): unknown {
  if (typeof reference !== 'number') return reference;
  if (!Number.isInteger(reference) || reference < 0 || reference >= ids.length) {
    const details = { ...partDetails(where), reference, count: ids.length };
    throw new LayoutError('node-index', details, `${partText(where)} refers to node ${reference}, but the node list has length ${ids.length}`);
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
      const details = { count, type, remaining: this.remaining };
      throw new LayoutError('tensor-data', details, `a tensor needs ${count} ${type} values, but only ${this.remaining} bytes of tensor data are left`);
    }
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.offset, count * size);
    const values = Array.from({ length: count }, (_, index) => (size === 4 ? view.getFloat32(index * 4, true) : view.getFloat64(index * 8, true)));
    this.offset += count * size;
    return values;
  }
}
