/**
 * Codes for why a node cannot run, such as a matmul whose inner dimensions
 * differ. The engine keeps its English sentence next to the code and the
 * values the sentence names, so the editor can build the sentence in the
 * reader's language.
 */
export const REASON_CODES = [
  // Shape rules of node kinds.
  'matmul-rank',
  'matmul-inner',
  'no-broadcast',
  'bias-rank',
  'bias-trailing',
  'axis-out-of-range',
  'mean-empty',
  'mean-axis-empty',
  'softmax-empty',
  'transpose-rank',
  'scores-rank',
  'scores-too-small',
  'labels-per-row',
  'labels-single',
  'label-range',
  // Parameters of source kinds.
  'value-count',
  'labels-not-indices',
  'whole-count',
  'batch-x-shape',
  'batch-y-shape',
  'init-needs-shape',
  // Size limits that compile checks.
  'output-empty',
  'output-too-large',
  'graph-too-large',
  // Module nodes that cannot be expanded.
  'module-unnamed',
  'module-undefined',
  'module-library-empty',
  'module-recursive',
  'module-too-deep',
] as const;

export type ReasonCode = (typeof REASON_CODES)[number];

/** Why a node cannot run: a code and the values its sentence names, with shapes written as "[2, 3]". */
export interface Reason {
  code: ReasonCode;
  details: Record<string, string | number>;
}

/** An input of a node whose shape rule failed: the port, the node it reads from, and that value's shape. */
export interface WiredInput {
  port: string;
  source: string;
  shape: string;
}

/** The reason of a diagnostic, with the node's wired inputs when its shape rule failed. */
export interface DiagnosticReason extends Reason {
  inputs?: WiredInput[];
}
