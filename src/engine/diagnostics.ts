import type { DiagnosticReason } from './reasons';

/**
 * Problems found in a user's graph or file. They are values attached to node
 * or edge ids, shown on the canvas and recovered from, never thrown.
 */
export type DiagnosticCode =
  | 'unknown-kind'
  | 'cycle'
  | 'missing-input'
  | 'blocked-by-input'
  | 'shape-mismatch'
  | 'type-mismatch'
  | 'label-out-of-range'
  | 'invalid-param'
  | 'non-finite-value'
  | 'non-finite-gradient';

export interface Diagnostic {
  code: DiagnosticCode;
  severity: 'error' | 'warning';
  nodeId: string;
  port?: string;
  /** English text for the CLI and logs; the editor translates by code and details. */
  message: string;
  details: Record<string, string | number>;
  /** The code and values of `details.reason`, the English reason text, where a node kind, compile or module expansion gave one. */
  reason?: DiagnosticReason;
}

export function describeNode(id: string, kind: string): string {
  return `node "${id}" (${kind})`;
}
