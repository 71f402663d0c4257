import { expect, test } from 'vitest';
import { compile } from '../../src/engine/compile';
import { run } from '../../src/engine/run';
import { registry } from '../../src/nodes';

test('smoke', () => {
  const t = (v: number) => ({ shape: [], data: [v] });
  const doc = { format: 'backprop-studio-graph' as const, version: 1 as const, nodes: [
    { id: 'x', kind: 'input', params: { value: t(-2) }, position: { x: 0, y: 0 } },
    { id: 'f', kind: 'multiply', params: {}, position: { x: 0, y: 0 } },
  ], edges: [
    { id: 'e1', source: 'x', sourcePort: 'out', target: 'f', targetPort: 'a' },
    { id: 'e2', source: 'x', sourcePort: 'out', target: 'f', targetPort: 'b' },
  ] };
  const trace = run(compile(doc, registry));
  expect(trace.nodes.x.upstream![0].data[0]).toBeCloseTo(-4);
});
