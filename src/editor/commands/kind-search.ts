import type { GraphDocument } from '../../engine/document';
import type { KindRegistry, NodeKind, PortType } from '../../engine/types';
import { kindGloss, languages } from '../i18n/translate';
import type { WireStart } from './ui-store';

/** A kind offered by the add-node popup, with the port a dropped wire connects to. */
export interface KindChoice {
  kind: NodeKind;
  /** Port of the new node that takes the dropped wire; absent when no wire is being placed. */
  port?: string;
}

/** Words a kind is found by: its name, its name with spaces, its symbol and its gloss in every language. */
function searchTerms(kind: NodeKind): string[] {
  const glosses = languages.map((language) => kindGloss(language, kind.kind)).filter((gloss): gloss is string => gloss !== undefined);
  return [kind.kind, kind.kind.replace(/-/g, ' '), kind.symbol, ...glosses].map((term) => term.toLowerCase());
}

/** 0 for an exact match of a term, 1 for a prefix, 2 for a match inside a term, null for none. */
function matchRank(query: string, terms: readonly string[]): number | null {
  if (terms.some((term) => term === query)) return 0;
  if (terms.some((term) => term.startsWith(query))) return 1;
  if (terms.some((term) => term.includes(query))) return 2;
  return null;
}

/** The type of the port a wire starts from, or null when the node or port no longer exists. */
export function wirePortType(document: GraphDocument, registry: KindRegistry, wire: WireStart): PortType | null {
  const node = document.nodes.find((candidate) => candidate.id === wire.nodeId);
  const kind = node ? registry.get(node.kind) : undefined;
  const ports = wire.handleType === 'source' ? kind?.outputs : kind?.inputs;
  const port = ports?.find((candidate) => candidate.name === wire.port);
  return port ? (port.type ?? 'tensor') : null;
}

/**
 * Returns the port of `kind` that can take a wire: for a wire from an output,
 * the first input of the same type, and for a wire from an input, the first
 * output of the same type. Returns null when the kind has none.
 */
export function compatiblePort(kind: NodeKind, handleType: WireStart['handleType'], type: PortType): string | null {
  const ports = handleType === 'source' ? kind.inputs : kind.outputs;
  return ports.find((port) => (port.type ?? 'tensor') === type)?.name ?? null;
}

/**
 * Lists the kinds matching a query in English or Chinese (case-insensitive),
 * best match first and otherwise in palette order. With `wire`, only kinds
 * that can take the wire are listed.
 */
export function searchKinds(query: string, kinds: readonly NodeKind[], wire?: { handleType: WireStart['handleType']; type: PortType }): KindChoice[] {
  const normalized = query.trim().toLowerCase();
  const ranked: { choice: KindChoice; rank: number; order: number }[] = [];
  kinds.forEach((kind, order) => {
    const port = wire ? compatiblePort(kind, wire.handleType, wire.type) : undefined;
    if (port === null) return;
    const rank = normalized === '' ? 0 : matchRank(normalized, searchTerms(kind));
    if (rank === null) return;
    ranked.push({ choice: port === undefined ? { kind } : { kind, port }, rank, order });
  });
  return ranked.sort((a, b) => a.rank - b.rank || a.order - b.order).map((entry) => entry.choice);
}
