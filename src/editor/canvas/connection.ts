import type { GraphDocument } from '../../engine/document';
import { wouldCreateCycle } from '../../engine/topology';
import type { KindRegistry, PortSpec } from '../../engine/types';
import { moduleDisplayKind } from '../teaching/module-kind';

export interface ConnectionRequest {
  source: string;
  sourceHandle?: string | null;
  target: string;
  targetHandle?: string | null;
}

function portType(port: PortSpec): string {
  return port.type ?? 'tensor';
}

/** The reason a wire may not be drawn. */
export type ConnectionProblem =
  | { code: 'self' }
  | { code: 'cycle' }
  | { code: 'type-mismatch'; found: string; expected: string }
  | { code: 'no-port' };

/**
 * Returns why a wire may not be drawn, or null when it may: both ports must
 * exist, their types (tensor or labels) must match, and the wire must neither
 * be a self-loop nor close a cycle. A wire onto an occupied input is allowed
 * because it replaces the old wire.
 */
export function connectionProblem(document: GraphDocument, registry: KindRegistry, request: ConnectionRequest): ConnectionProblem | null {
  if (request.source === request.target) return { code: 'self' };
  const source = document.nodes.find((node) => node.id === request.source);
  const target = document.nodes.find((node) => node.id === request.target);
  const sourceKind = source && (registry.get(source.kind) ?? moduleDisplayKind(source, document.modules));
  const targetKind = target && (registry.get(target.kind) ?? moduleDisplayKind(target, document.modules));
  const output = sourceKind?.outputs.find((port) => port.name === request.sourceHandle);
  const input = targetKind?.inputs.find((port) => port.name === request.targetHandle);
  if (!output || !input) return { code: 'no-port' };
  if (portType(output) !== portType(input)) return { code: 'type-mismatch', found: portType(output), expected: portType(input) };
  return wouldCreateCycle(document.edges, request.source, request.target) ? { code: 'cycle' } : null;
}

/** Tells whether a wire may be drawn (see connectionProblem). */
export function isConnectionAllowed(document: GraphDocument, registry: KindRegistry, request: ConnectionRequest): boolean {
  return connectionProblem(document, registry, request) === null;
}
