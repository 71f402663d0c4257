import type { GraphEdge } from '../../engine/document';
import type { TraceStep } from '../../engine/trace';

/**
 * Timeline rules. Cursor k reveals steps[0..k): a node's output value once its
 * forward step is revealed, and its gradients once its own backward step is.
 */
export interface StepIndex {
  /** Index in `steps` of each node's forward step. */
  forward: ReadonlyMap<string, number>;
  /** Index in `steps` of each node's backward step; nodes nothing depends on have none. */
  backward: ReadonlyMap<string, number>;
}

export function indexSteps(steps: readonly TraceStep[]): StepIndex {
  const forward = new Map<string, number>();
  const backward = new Map<string, number>();
  steps.forEach((step, index) => (step.phase === 'forward' ? forward : backward).set(step.nodeId, index));
  return { forward, backward };
}

export function isNodeValueRevealed(index: StepIndex, nodeId: string, cursor: number): boolean {
  const step = index.forward.get(nodeId);
  return step !== undefined && step < cursor;
}

export function isNodeGradientRevealed(index: StepIndex, nodeId: string, cursor: number): boolean {
  const step = index.backward.get(nodeId);
  return step !== undefined && step < cursor;
}

/** Tells whether a wire shows its value: once its source node has run forward. */
export function isEdgeValueRevealed(index: StepIndex, edge: GraphEdge, cursor: number): boolean {
  return isNodeValueRevealed(index, edge.source, cursor);
}

/** Tells whether a wire shows its gradient: once its target node has run backward, because the target sends it. */
export function isEdgeGradientRevealed(index: StepIndex, edge: GraphEdge, cursor: number): boolean {
  return isNodeGradientRevealed(index, edge.target, cursor);
}

/** Returns the step revealed last (steps[cursor − 1]), or null before the first step. */
export function activeStep(steps: readonly TraceStep[], cursor: number): TraceStep | null {
  return cursor > 0 && cursor <= steps.length ? steps[cursor - 1] : null;
}

/** Clamps a cursor to 0..stepCount. */
export function clampCursor(cursor: number, stepCount: number): number {
  return Math.min(Math.max(Math.round(cursor), 0), stepCount);
}

/** True when two step lists name the same nodes in the same phases and order. */
export function sameSteps(a: readonly TraceStep[], b: readonly TraceStep[]): boolean {
  return a.length === b.length && a.every((step, i) => step.phase === b[i].phase && step.nodeId === b[i].nodeId);
}

/** Milliseconds between two steps while playing at `speed` (1 = normal). */
export function stepDelayMs(speed: number): number {
  return 800 / speed;
}

/** Edges a step's pulse travels along: a forward step's outgoing wires, a backward step's incoming wires. */
export function pulseEdgeIds(step: TraceStep | null, edges: readonly GraphEdge[]): string[] {
  if (!step) return [];
  const touches = step.phase === 'forward' ? (edge: GraphEdge) => edge.source === step.nodeId : (edge: GraphEdge) => edge.target === step.nodeId;
  return edges.filter(touches).map((edge) => edge.id);
}
