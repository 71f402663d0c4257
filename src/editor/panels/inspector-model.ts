import type { Diagnostic } from '../../engine/diagnostics';
import type { TensorData } from '../../engine/tensor';
import type { NodeKind } from '../../engine/types';
import { registry } from '../../nodes';
import { findNode } from '../canvas/selectors';
import { formatTensor } from '../format';
import type { EditorState } from '../store/store';
import { moduleDisplayKind } from '../teaching/module-kind';
import { isNodeGradientRevealed, isNodeValueRevealed } from '../store/timeline';

export interface InspectorInput {
  port: string;
  /** "node.port" of the wire into this port, or null when nothing is connected. */
  source: string | null;
  value: string | null;
}

export interface InspectorGradient {
  port: string;
  total: string;
  /** Each consumer's gradient, when more than one wire (or the sink seed) feeds this output. */
  parts: { edgeId: string | null; value: string }[];
}

/** One "upstream × local = downstream" line for an input port. */
export interface ChainRuleLine {
  port: string;
  upstream: string;
  local: string;
  downstream: string;
}

/** Contents of the inspector for one node, with numbers formatted and hidden until the timeline reveals them. */
export interface InspectorModel {
  nodeId: string;
  kind: NodeKind;
  inputs: InspectorInput[];
  /** Value of each output port, or null before the node's forward step. */
  outputs: { port: string; value: string }[] | null;
  /** Gradient of each output port, or null before the node's backward step. */
  gradients: InspectorGradient[] | null;
  /** Lines for kinds with a local gradient; null before the backward step or without one. */
  chain: ChainRuleLine[] | null;
  /** Gradient of each input port, for kinds without a local gradient (copy). */
  downstream: { port: string; value: string }[] | null;
  /** False for a node the program leaves out, such as one with an unconnected input. */
  hasForwardStep: boolean;
  hasBackwardStep: boolean;
  diagnostics: readonly Diagnostic[];
}

/** The store fields the inspector reads. */
export type InspectorSource = Pick<EditorState, 'document' | 'trace' | 'stepIndex' | 'cursor' | 'diagnosticsByNode'>;

export function buildInspectorModel(state: InspectorSource, nodeId: string): InspectorModel | null {
  const node = findNode(state.document, nodeId);
  const kind = node && (registry.get(node.kind) ?? moduleDisplayKind(node, state.document.modules));
  if (!node || !kind) return null;

  const record = state.trace?.nodes[nodeId];
  const valueShown = record !== undefined && isNodeValueRevealed(state.stepIndex, nodeId, state.cursor);
  const gradientShown = record?.upstream != null && isNodeGradientRevealed(state.stepIndex, nodeId, state.cursor);

  const inputs = kind.inputs.map((port): InspectorInput => {
    const edge = state.document.edges.find((candidate) => candidate.target === nodeId && candidate.targetPort === port.name);
    const edgeTrace = edge && state.trace?.edges[edge.id];
    const revealed = edge !== undefined && isNodeValueRevealed(state.stepIndex, edge.source, state.cursor);
    return {
      port: port.name,
      source: edge ? `${edge.source}.${edge.sourcePort}` : null,
      value: edgeTrace && revealed ? formatTensor(edgeTrace.value) : null,
    };
  });

  const portName = (index: number) => kind.outputs[index]?.name ?? String(index);
  const inputName = (index: number) => kind.inputs[index]?.name ?? String(index);
  return {
    nodeId,
    kind,
    inputs,
    outputs: valueShown ? record.outputs.map((value, index) => ({ port: portName(index), value: formatTensor(value) })) : null,
    gradients: gradientShown ? record.upstream!.map((total, index) => gradientOf(portName(index), total, record.upstreamParts[index] ?? [])) : null,
    chain: gradientShown && record.local ? chainLines(record.upstream![0], record.local, record.downstream ?? [], inputName) : null,
    downstream: gradientShown && !record.local ? (record.downstream ?? []).map((value, index) => ({ port: inputName(index), value: formatTensor(value) })) : null,
    hasForwardStep: state.stepIndex.forward.has(nodeId),
    hasBackwardStep: state.stepIndex.backward.has(nodeId),
    diagnostics: state.diagnosticsByNode[nodeId] ?? [],
  };
}

function gradientOf(port: string, total: TensorData, parts: { edgeId: string | null; gradient: TensorData }[]): InspectorGradient {
  return {
    port,
    total: formatTensor(total),
    parts: parts.length > 1 ? parts.map((part) => ({ edgeId: part.edgeId, value: formatTensor(part.gradient) })) : [],
  };
}

function chainLines(upstream: TensorData, local: TensorData[], downstream: TensorData[], inputName: (index: number) => string): ChainRuleLine[] {
  return local.map((value, index) => ({
    port: inputName(index),
    upstream: formatTensor(upstream),
    local: formatTensor(value),
    downstream: downstream[index] ? formatTensor(downstream[index]) : '?',
  }));
}
