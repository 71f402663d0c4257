import { describe, expect, test } from 'vitest';
import { connectionProblem, isConnectionAllowed } from '../../src/editor/canvas/connection';
import { registry } from '../../src/nodes';
import { findPreset } from '../../src/presets';

const document = findPreset('add-mul')!.build();
const withLabels = {
  ...document,
  nodes: [...document.nodes, { id: 'y1', kind: 'labels', params: { value: { shape: [], data: [0] } }, position: { x: 0, y: 0 } }],
};

describe('isConnectionAllowed', () => {
  test('allows a tensor output into an occupied input', () => {
    expect(isConnectionAllowed(document, registry, { source: 'z', sourceHandle: 'out', target: 'q', targetHandle: 'a' })).toBe(true);
  });

  test('rejects a self-loop', () => {
    expect(isConnectionAllowed(document, registry, { source: 'q', sourceHandle: 'out', target: 'q', targetHandle: 'a' })).toBe(false);
  });

  test('rejects a wire that closes a cycle', () => {
    expect(isConnectionAllowed(document, registry, { source: 'f', sourceHandle: 'out', target: 'q', targetHandle: 'b' })).toBe(false);
  });

  test('rejects unknown ports', () => {
    expect(isConnectionAllowed(document, registry, { source: 'x', sourceHandle: 'nope', target: 'q', targetHandle: 'a' })).toBe(false);
    expect(isConnectionAllowed(document, registry, { source: 'x', sourceHandle: 'out', target: 'q', targetHandle: null })).toBe(false);
  });

  test('rejects labels into a tensor input', () => {
    expect(isConnectionAllowed(withLabels, registry, { source: 'y1', sourceHandle: 'out', target: 'q', targetHandle: 'a' })).toBe(false);
  });
});

describe('connectionProblem', () => {
  test('names each reason', () => {
    expect(connectionProblem(document, registry, { source: 'q', sourceHandle: 'out', target: 'q', targetHandle: 'a' })).toEqual({ code: 'self' });
    expect(connectionProblem(document, registry, { source: 'f', sourceHandle: 'out', target: 'q', targetHandle: 'b' })).toEqual({ code: 'cycle' });
    expect(connectionProblem(document, registry, { source: 'x', sourceHandle: 'nope', target: 'q', targetHandle: 'a' })).toEqual({ code: 'no-port' });
    expect(connectionProblem(withLabels, registry, { source: 'y1', sourceHandle: 'out', target: 'q', targetHandle: 'a' })).toEqual({
      code: 'type-mismatch', found: 'labels', expected: 'tensor',
    });
  });

  test('returns null for an allowed wire', () => {
    expect(connectionProblem(document, registry, { source: 'z', sourceHandle: 'out', target: 'q', targetHandle: 'a' })).toBeNull();
  });
});
