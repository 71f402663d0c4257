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

/**
 * Tells whether a wire may be drawn: both ports exist, their types (tensor or labels)
 * match, and the wire is neither a self-loop nor closes a cycle. A wire onto an
 * occupied input is allowed because it replaces the old wire.
 */
export function isConnectionAllowed(document: GraphDocument, registry: KindRegistry, request: ConnectionRequest): boolean {
  if (request.source === request.target) return false;
  const source = document.nodes.find((node) => node.id === request.source);
  const target = document.nodes.find((node) => node.id === request.target);
  const sourceKind = source && (registry.get(source.kind) ?? moduleDisplayKind(source, document.modules));
  const targetKind = target && (registry.get(target.kind) ?? moduleDisplayKind(target, document.modules));
  if (!sourceKind || !targetKind) return false;

  const output = sourceKind.outputs.find((port) => port.name === request.sourceHandle);
  const input = targetKind.inputs.find((port) => port.name === request.targetHandle);
  if (!output || !input || portType(output) !== portType(input)) return false;

  return !wouldCreateCycle(document.edges, request.source, request.target);
}
