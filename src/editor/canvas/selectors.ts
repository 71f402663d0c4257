import type { GraphDocument, GraphNode } from '../../engine/document';
import type { TensorData } from '../../engine/tensor';
import { formatTensor } from '../format';
import type { EditorState } from '../store/store';
import { activeStep, isNodeGradientRevealed, isNodeValueRevealed } from '../store/timeline';

/*
 * Narrow store selectors for node and edge components. Each returns a string,
 * boolean or stable reference, so a component re-renders only when what it shows changes.
 */

const nodeIndexes = new WeakMap<readonly GraphNode[], ReadonlyMap<string, GraphNode>>();

/** Looks a node up by id through an index built once per nodes array. */
export function findNode(document: GraphDocument, id: string): GraphNode | undefined {
  let index = nodeIndexes.get(document.nodes);
  if (!index) {
    index = new Map(document.nodes.map((node) => [node.id, node]));
    nodeIndexes.set(document.nodes, index);
  }
  return index.get(id);
}

/** Forward value on a wire once its source has run forward on the timeline, else null. */
export function edgeValueText(state: EditorState, edgeId: string, sourceId: string): string | null {
  const edge = state.trace?.edges[edgeId];
  if (!edge || !isNodeValueRevealed(state.stepIndex, sourceId, state.cursor)) return null;
  return formatTensor(edge.value);
}

/** Gradient on a wire once its target has run backward on the timeline, else null. */
export function edgeGradientText(state: EditorState, edgeId: string, targetId: string): string | null {
  const gradient = state.trace?.edges[edgeId]?.gradient;
  if (!gradient || !isNodeGradientRevealed(state.stepIndex, targetId, state.cursor)) return null;
  return formatTensor(gradient);
}

/** Forward value tensor on a wire once revealed, else null; a stable reference into the trace. */
export function edgeValueTensor(state: EditorState, edgeId: string, sourceId: string): TensorData | null {
  const edge = state.trace?.edges[edgeId];
  return edge && isNodeValueRevealed(state.stepIndex, sourceId, state.cursor) ? edge.value : null;
}

/** Gradient tensor on a wire once revealed, else null; a stable reference into the trace. */
export function edgeGradientTensor(state: EditorState, edgeId: string, targetId: string): TensorData | null {
  const gradient = state.trace?.edges[edgeId]?.gradient;
  return gradient && isNodeGradientRevealed(state.stepIndex, targetId, state.cursor) ? gradient : null;
}

/** Output value of a node (its first output) once revealed, else null. */
export function nodeValueText(state: EditorState, nodeId: string): string | null {
  const outputs = state.trace?.nodes[nodeId]?.outputs;
  if (!outputs?.length || !isNodeValueRevealed(state.stepIndex, nodeId, state.cursor)) return null;
  return formatTensor(outputs[0]);
}

/** Gradient with respect to each output of a node once revealed, joined by commas, else null. */
export function nodeGradientText(state: EditorState, nodeId: string): string | null {
  const upstream = state.trace?.nodes[nodeId]?.upstream;
  if (!upstream || !isNodeGradientRevealed(state.stepIndex, nodeId, state.cursor)) return null;
  return upstream.map(formatTensor).join(', ');
}

/** True for the node of the last revealed step while the timeline is playing or stopped before the end. */
export function isActiveNode(state: EditorState, nodeId: string): boolean {
  const steps = state.trace?.steps ?? [];
  const step = activeStep(steps, state.cursor);
  return step?.nodeId === nodeId && (state.playing || state.cursor < steps.length);
}

/**
 * Pulse on a wire during playback: "forward:<cursor>" while its source's forward step
 * is the active one, "backward:<cursor>" while its target's backward step is, else null.
 * The cursor in the key restarts the animation on every step.
 */
export function edgePulseKey(state: EditorState, sourceId: string, targetId: string): string | null {
  if (!state.playing || !state.trace) return null;
  const step = activeStep(state.trace.steps, state.cursor);
  if (step?.phase === 'forward' && step.nodeId === sourceId) return `forward:${state.cursor}`;
  if (step?.phase === 'backward' && step.nodeId === targetId) return `backward:${state.cursor}`;
  return null;
}
