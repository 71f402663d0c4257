import type { Diagnostic } from './diagnostics';
import type { TensorData } from './tensor';

export interface TraceStep {
  phase: 'forward' | 'backward';
  nodeId: string;
}

/** One consumer's share of an output's gradient, or a sink's seed when `edgeId` is null. */
export interface UpstreamPart {
  edgeId: string | null;
  gradient: TensorData;
}

/** What one node computed; gradients are of the graph's output (the sum of its sinks). */
export interface NodeTrace {
  /** Forward value of each output port. */
  outputs: TensorData[];
  /** Gradient with respect to each output port: the sum of what its consumers sent back. */
  upstream: TensorData[] | null;
  /** Each consumer's share of `upstream`, per output port; more than one is an implicit copy. */
  upstreamParts: UpstreamPart[][];
  /** Local gradient of the output with respect to each input, for elementwise kinds. */
  local: TensorData[] | null;
  /** Gradient with respect to each input: what this node sends back along its input wires. */
  downstream: TensorData[] | null;
}

export interface EdgeTrace {
  value: TensorData;
  /** Gradient flowing back along the wire; null when no output depends on it. */
  gradient: TensorData | null;
}

/**
 * Every value and gradient of one run. Records are read-only: a run shares one
 * record among all the places that contain the same scalar, and some shared
 * records and lists are frozen, so writing into one would change or break others.
 */
export interface Trace {
  /** Forward steps in topological order, then backward steps in reverse order. */
  steps: TraceStep[];
  nodes: Record<string, NodeTrace>;
  edges: Record<string, EdgeTrace>;
  /** Nodes whose output nothing reads. A sink seeds each output with gradient 1, or 0 for an auxiliary output. */
  sinks: string[];
  diagnostics: Diagnostic[];
}
