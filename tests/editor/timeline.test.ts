import { describe, expect, test } from 'vitest';
import type { GraphEdge } from '../../src/engine/document';
import type { TraceStep } from '../../src/engine/trace';
import {
  activeStep,
  indexSteps,
  isEdgeGradientRevealed,
  isEdgeValueRevealed,
  isNodeGradientRevealed,
  isNodeValueRevealed,
  pulseEdgeIds,
} from '../../src/editor/store/timeline';

// add-mul: forward x, y, z, q, f (steps 0-4), then backward in reverse order f, q, z, y, x (steps 5-9).
const order = ['x', 'y', 'z', 'q', 'f'];
const steps: TraceStep[] = [
  ...order.map((nodeId) => ({ phase: 'forward' as const, nodeId })),
  ...[...order].reverse().map((nodeId) => ({ phase: 'backward' as const, nodeId })),
];
const xq: GraphEdge = { id: 'x.out->q.a', source: 'x', sourcePort: 'out', target: 'q', targetPort: 'a' };
const qf: GraphEdge = { id: 'q.out->f.a', source: 'q', sourcePort: 'out', target: 'f', targetPort: 'a' };
const zf: GraphEdge = { id: 'z.out->f.b', source: 'z', sourcePort: 'out', target: 'f', targetPort: 'b' };
const index = indexSteps(steps);

describe('timeline reveal rules', () => {
  test('cursor 0 reveals nothing', () => {
    expect(isNodeValueRevealed(index, 'x', 0)).toBe(false);
    expect(isEdgeValueRevealed(index, xq, 0)).toBe(false);
    expect(activeStep(steps, 0)).toBeNull();
  });

  test('edge value follows its source forward step', () => {
    expect(isEdgeValueRevealed(index, qf, 3)).toBe(false);
    expect(isEdgeValueRevealed(index, qf, 4)).toBe(true);
    expect(isEdgeValueRevealed(index, xq, 1)).toBe(true);
  });

  test('edge gradient follows its target backward step', () => {
    expect(isEdgeGradientRevealed(index, zf, 5)).toBe(false);
    expect(isEdgeGradientRevealed(index, zf, 6)).toBe(true);
    expect(isEdgeGradientRevealed(index, qf, 6)).toBe(true);
    expect(isEdgeGradientRevealed(index, xq, 6)).toBe(false);
    expect(isEdgeGradientRevealed(index, xq, 7)).toBe(true);
  });

  test('node gradient needs its own backward step', () => {
    expect(isNodeGradientRevealed(index, 'q', 6)).toBe(false);
    expect(isNodeGradientRevealed(index, 'q', 7)).toBe(true);
    expect(isNodeGradientRevealed(index, 'x', 9)).toBe(false);
    expect(isNodeGradientRevealed(index, 'x', 10)).toBe(true);
    expect(isNodeGradientRevealed(index, 'unknown', 10)).toBe(false);
  });

  test('active step is the last revealed', () => {
    expect(activeStep(steps, 4)).toEqual({ phase: 'forward', nodeId: 'q' });
    expect(activeStep(steps, 7)).toEqual({ phase: 'backward', nodeId: 'q' });
    expect(activeStep(steps, 10)).toEqual({ phase: 'backward', nodeId: 'x' });
    expect(activeStep(steps, 11)).toBeNull();
  });

  test('pulse follows outgoing then incoming wires', () => {
    const edges = [xq, qf, zf];
    expect(pulseEdgeIds({ phase: 'forward', nodeId: 'q' }, edges)).toEqual(['q.out->f.a']);
    expect(pulseEdgeIds({ phase: 'backward', nodeId: 'f' }, edges)).toEqual(['q.out->f.a', 'z.out->f.b']);
    expect(pulseEdgeIds(null, edges)).toEqual([]);
  });
});
