import { describe, expect, test } from 'vitest';
import { gradientCheck } from '../../src/engine/gradcheck';
import type { Params } from '../../src/engine/types';
import { registry } from '../../src/nodes';
import { matrixData, tensorData } from './tensor-helpers';
import { TestGraph } from '../helpers/graph';

function verdicts(builder: TestGraph, nodeId: string) {
  const result = gradientCheck(builder.build(), registry);
  return result.entries.filter((entry) => entry.nodeId === nodeId).map((entry) => entry.verdict);
}

describe('gradient check on tensor kinds', () => {
  test('smooth layer graph agrees everywhere', () => {
    const builder = new TestGraph()
      .source('X', matrixData([[0.5, -1.2], [2, 0.3], [-0.7, 1.1]]))
      .source('W', matrixData([[0.4, -0.3, 0.8], [1.1, 0.2, -0.5]]), 'parameter')
      .source('b', tensorData([3], [0.1, -0.2, 0.3]), 'parameter')
      .source('y', tensorData([3], [2, 0, 1]), 'labels')
      .node('z', 'matmul', { a: 'X', b: 'W' })
      .node('s', 'bias-add', { x: 'z', b: 'b' })
      .node('L', 'softmax-ce', { scores: 's', labels: 'y' })
      .node('t', 'transpose', { x: 's' })
      .node('p', 'softmax', { x: 't' })
      .node('m', 'mean', { x: 'p' }, { axis: '1' })
      .node('r', 'l2-penalty', { w: 'W' }, { lambda: 0.1 });
    const result = gradientCheck(builder.build(), registry);
    expect(result.entries.length).toBe(6 + 6 + 3);
    expect(result.entries.filter((entry) => entry.verdict !== 'ok')).toEqual([]);
  });

  test('svm-loss term at zero is a kink', () => {
    // Label 0: the term for class 1 is 1 − 2 + 1 = 0, and for class 2 it is −1.
    const builder = new TestGraph()
      .source('S', tensorData([3], [2, 1, 0]))
      .source('y', tensorData([], [0]), 'labels')
      .node('L', 'svm-loss', { scores: 'S', labels: 'y' });
    expect(verdicts(builder, 'S')).toEqual(['kink', 'kink', 'ok']);
  });

  test('leaky-relu at zero is a kink', () => {
    const builder = new TestGraph().source('x', tensorData([3], [0, 1, -1])).node('h', 'leaky-relu', { x: 'x' }, { alpha: 0.1 });
    expect(verdicts(builder, 'x')).toEqual(['kink', 'ok', 'ok']);
  });

  test('l1 and elastic-net near zero are kinks', () => {
    // At w = 0 exactly both sides average to sign(0) = 0, so the check needs a weight just beside 0.
    const cases: { kind: string; params: Params }[] = [
      { kind: 'l1-penalty', params: { lambda: 1 } },
      { kind: 'elastic-net', params: { lambda1: 1, lambda2: 0.5 } },
    ];
    for (const { kind, params } of cases) {
      const builder = new TestGraph().source('w', tensorData([2], [1e-4, 0.5])).node('R', kind, { w: 'w' }, params);
      expect(verdicts(builder, 'w'), kind).toEqual(['kink', 'ok']);
    }
  });
});
