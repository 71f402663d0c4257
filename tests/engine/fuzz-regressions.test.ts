import { describe, expect, test } from 'vitest';
import { compile } from '../../src/engine/compile';
import { run } from '../../src/engine/run';
import { registry } from '../../src/nodes';
import { tensor, TestGraph } from '../helpers/graph';

/** Graphs on which the fuzz test found run throwing or backends disagreeing. */
describe('fuzz findings', () => {
  test.each(['max', 'min', 'sum'])('empty input to %s is a diagnostic', (kind) => {
    const inputs: Record<string, string> = kind === 'sum' ? { x: 'a' } : { a: 'a', b: 'b' };
    const document = new TestGraph().source('a', tensor([2, 0], [])).source('b', tensor([1], [2])).node('out', kind, inputs).build();
    const program = compile(document, registry);

    expect(program.diagnostics.map((diagnostic) => [diagnostic.nodeId, diagnostic.code])).toStrictEqual([['a', 'invalid-param'], ['out', 'blocked-by-input']]);
    expect(program.diagnostics[0].message).toBe('node "a" (input): output out would be empty, with shape [2, 0]; every dimension must be at least 1.');
    expect(Object.keys(run(program).nodes)).toStrictEqual(['b']);
  });

  test.each(['softmax-ce', 'svm-loss'])('%s with one class is a diagnostic', (kind) => {
    const document = new TestGraph()
      .source('scores', tensor([2, 1], [0.5, -1]))
      .node('y', 'labels', {}, { value: tensor([2], [0, 0]) })
      .node('loss', kind, { scores: 'scores', labels: 'y' })
      .build();
    const program = compile(document, registry);

    expect(program.diagnostics).toHaveLength(1);
    expect(program.diagnostics[0].nodeId).toBe('loss');
    expect(program.diagnostics[0].message).toContain('needs at least one example and two classes');
    expect(Object.keys(run(program).nodes).sort()).toStrictEqual(['scores', 'y']);
  });
});
