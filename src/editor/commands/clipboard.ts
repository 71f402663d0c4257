import { DOCUMENT_FORMAT, DOCUMENT_VERSION, type GraphDocument, type GraphEdge, type GraphNode } from '../../engine/document';
import { loadDocumentValue, MAX_DOCUMENT_CHARS } from '../../engine/load';
import type { ModuleDefinition } from '../../engine/modules';
import type { KindRegistry } from '../../engine/types';
import { loadFailureMessage } from '../i18n/load-problem-text';
import { translateMessage, type Message } from '../i18n/translate';
import { edgeIdFor, type GraphEdit, type Point } from '../store/edits';
import { mergeModules, modulesUsedBy, retargetModuleNodes } from './clipboard-modules';

/** Format name of copied nodes on the system clipboard. */
export const CLIPBOARD_FORMAT = 'backprop-studio-clipboard';
export const CLIPBOARD_VERSION = 1;

/** Copied nodes and the wires between them, as JSON text on the system clipboard. */
export interface ClipboardEnvelope {
  format: typeof CLIPBOARD_FORMAT;
  version: typeof CLIPBOARD_VERSION;
  nodes: GraphNode[];
  edges: GraphEdge[];
  /**
   * Definitions of the modules that copied module nodes stand for, nested ones
   * included, so a paste into another document can expand them. Absent when no
   * module node was copied; older clipboard text has none.
   */
  modules?: Record<string, ModuleDefinition>;
}

/** A failure's `reason` is the English text, for logs and tests. `message` is the same text to translate where it is shown. */
export type ClipboardResult = { ok: true; envelope: ClipboardEnvelope } | { ok: false; reason: string; message: Message };

/** Distance by which a paste moves nodes that would land on top of existing ones, in canvas pixels. */
export const PASTE_OFFSET = 40;

/** Returns the listed nodes, every wire whose two ends are both listed, and the modules the nodes use. */
export function copyNodes(document: GraphDocument, nodeIds: readonly string[]): ClipboardEnvelope {
  const ids = new Set(nodeIds);
  const nodes = document.nodes.filter((node) => ids.has(node.id));
  const modules = modulesUsedBy(nodes, document.modules);
  return {
    format: CLIPBOARD_FORMAT,
    version: CLIPBOARD_VERSION,
    nodes,
    edges: document.edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target)),
    ...(Object.keys(modules).length > 0 ? { modules } : {}),
  };
}

export function serializeClipboard(envelope: ClipboardEnvelope): string {
  return JSON.stringify(envelope);
}

/**
 * Parses clipboard text as copied nodes. The text is untrusted (any program
 * can put it there), so it gets the checks of a loaded document: size cap,
 * JSON, format and version, schema, known kinds and ports, no cycles.
 */
export function parseClipboard(text: string, registry: KindRegistry): ClipboardResult {
  if (text.length > MAX_DOCUMENT_CHARS) {
    return reject({ key: 'paste.tooLong', params: { length: text.length, limit: MAX_DOCUMENT_CHARS } });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return reject({ key: 'paste.notJson' });
  }
  const envelope = checkEnvelope(value);
  if ('key' in envelope) return reject(envelope);

  const document = { format: DOCUMENT_FORMAT, version: DOCUMENT_VERSION, nodes: envelope.nodes, edges: envelope.edges, ...(envelope.modules === undefined ? {} : { modules: envelope.modules }) };
  const loaded = loadDocumentValue(document, registry);
  if (!loaded.ok) return { ok: false, reason: loaded.errors.join(' '), message: loadFailureMessage(loaded.errors, loaded.problems) };
  const { nodes, edges, modules } = loaded.document;
  return { ok: true, envelope: { format: CLIPBOARD_FORMAT, version: CLIPBOARD_VERSION, nodes, edges, ...(modules === undefined ? {} : { modules }) } };
}

/** Returns a failed parse whose reason is the message's English text. */
function reject(message: Message): ClipboardResult {
  return { ok: false, reason: translateMessage('en', message), message };
}

function checkEnvelope(value: unknown): { nodes: unknown; edges: unknown; modules: unknown } | Message {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { key: 'paste.notObject' };
  const record = value as Record<string, unknown>;
  if (record.format !== CLIPBOARD_FORMAT) {
    const found = JSON.stringify(record.format);
    return found === undefined ? { key: 'paste.missingFormat', params: { expected: CLIPBOARD_FORMAT } } : { key: 'paste.wrongFormat', params: { found, expected: CLIPBOARD_FORMAT } };
  }
  if (record.version !== CLIPBOARD_VERSION) {
    const found = JSON.stringify(record.version);
    return found === undefined ? { key: 'paste.missingVersion', params: { version: CLIPBOARD_VERSION } } : { key: 'paste.wrongVersion', params: { found, version: CLIPBOARD_VERSION } };
  }
  if (!Array.isArray(record.nodes) || !Array.isArray(record.edges)) return { key: 'paste.incomplete' };
  return { nodes: record.nodes, edges: record.edges, modules: record.modules };
}

/** Where pasted nodes go: their copied positions moved by `offset`, or with their top-left corner at `at`. */
export interface Placement {
  at?: Point;
}

export interface PastePlan {
  edits: GraphEdit[];
  nodeIds: string[];
  edgeIds: string[];
}

/**
 * Plans the edits that add copied nodes to a document: ids that are taken get
 * a fresh number, wires follow the renamed nodes, and positions move until no
 * pasted node covers an existing node's corner. Carried modules that the
 * document lacks are added, and one whose name the document uses for a
 * different definition is added under a new name (see mergeModules).
 */
export function planPaste(document: GraphDocument, envelope: ClipboardEnvelope, placement: Placement = {}): PastePlan {
  const merge = mergeModules(document.modules, envelope.modules ?? {});
  const used = new Set(document.nodes.map((node) => node.id));
  const renamed = new Map<string, string>();
  for (const node of envelope.nodes) {
    const id = freeId(node.id, used);
    used.add(id);
    renamed.set(node.id, id);
  }

  const shift = pasteShift(document, envelope.nodes, placement);
  const nodes = retargetModuleNodes(envelope.nodes, merge.renamed).map((node) => ({
    ...node,
    id: renamed.get(node.id)!,
    position: { x: Math.round(node.position.x + shift.x), y: Math.round(node.position.y + shift.y) },
  }));
  const edges = envelope.edges.map((edge) => ({
    source: renamed.get(edge.source)!,
    sourcePort: edge.sourcePort,
    target: renamed.get(edge.target)!,
    targetPort: edge.targetPort,
  }));

  const edits: GraphEdit[] = [
    // The module definitions go in first, in the same undo step, so the module nodes never name a missing module.
    ...(Object.keys(merge.added).length > 0 ? [{ type: 'replaceDocument' as const, document: { ...document, modules: { ...document.modules, ...merge.added } } }] : []),
    ...nodes.map((node): GraphEdit => ({ type: 'addNode', node })),
    ...edges.map((edge): GraphEdit => ({ type: 'connect', ...edge })),
  ];
  return { edits, nodeIds: nodes.map((node) => node.id), edgeIds: edges.map((edge) => edgeIdFor(edge.source, edge.sourcePort, edge.target, edge.targetPort)) };
}

/** Keeps `id` when it is free, else numbers its stem: "mul1" becomes "mul2", "x" becomes "x1". */
function freeId(id: string, used: ReadonlySet<string>): string {
  if (!used.has(id)) return id;
  const stem = id.replace(/\d+$/, '') || 'n';
  let n = 1;
  while (used.has(`${stem}${n}`)) n++;
  return `${stem}${n}`;
}

function pasteShift(document: GraphDocument, nodes: readonly GraphNode[], placement: Placement): Point {
  if (nodes.length === 0) return { x: 0, y: 0 };
  if (placement.at) {
    const left = Math.min(...nodes.map((node) => node.position.x));
    const top = Math.min(...nodes.map((node) => node.position.y));
    return { x: placement.at.x - left, y: placement.at.y - top };
  }
  // Each paste of the same nodes lands one offset further, so copies never stack exactly.
  const covers = (dx: number, dy: number) =>
    nodes.some((node) =>
      document.nodes.some((other) => Math.abs(other.position.x - node.position.x - dx) < 12 && Math.abs(other.position.y - node.position.y - dy) < 12),
    );
  let offset = PASTE_OFFSET;
  while (covers(offset, offset)) offset += PASTE_OFFSET;
  return { x: offset, y: offset };
}
