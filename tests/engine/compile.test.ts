import { describe, expect, test } from 'vitest';
import { compile } from '../../src/engine/compile';
import { registry } from '../../src/nodes';
import { gradientOf, runDocument, tensor, TestGraph, valueOf } from '../helpers/graph';

describe('missing inputs', () => {
  // x → negate → n feeds f; the add "dangling" lacks input b, and "after" reads it.
  const document = new TestGraph()
    .source('x', 2)
    .node('n', 'negate', { x: 'x' })
    .node('f', 'multiply-constant', { x: 'n' }, { c: 3 })
    .node('dangling', 'add', { a: 'x' })
    .node('after', 'exp', { x: 'dangling' })
    .build();

  test('dangling node is skipped with a warning', () => {
    const program = compile(document, registry);

    expect(program.diagnostics).toHaveLength(2);
    expect(program.diagnostics[0]).toMatchObject({ code: 'missing-input', severity: 'warning', nodeId: 'dangling', port: 'b' });
    expect(program.diagnostics[0].message).toContain('node "dangling" (add), input b');
    expect(program.diagnostics[1]).toMatchObject({ code: 'blocked-by-input', severity: 'warning', nodeId: 'after', port: 'x' });
    expect(program.diagnostics[1].message).toContain('node "dangling" has no value');
    expect(program.order.map((node) => node.id)).toEqual(['x', 'n', 'f']);
  });

  test('runnable nodes listed in order', () => {
    const program = compile(document, registry);

    expect([...program.nodes.keys()]).toEqual(['x', 'n', 'f']);
    expect(program.nodes.size).toBe(3);
    expect(program.nodes.get('n')).toBe(program.order[1]);
    expect(program.nodes.has('dangling')).toBe(false);
    expect(program.nodes.get('after')).toBeUndefined();
    expect(program.nodes.get('no-such-node')).toBeUndefined();
  });

  test('consumers follow document order', () => {
    const program = compile(document, registry);

    expect(program.nodes.get('x')!.consumers.map((wires) => wires.map((wire) => wire.id))).toEqual([['x.out->n.x', 'x.out->dangling.a']]);
    expect(program.nodes.get('f')!.consumers).toEqual([[]]);
  });

  test('rest of the graph still runs', () => {
    const { trace } = runDocument(document);

    expect(valueOf(trace, 'f').data).toEqual([-6]);
    expect(gradientOf(trace, 'x').data).toEqual([-3]);
    expect(trace.sinks).toEqual(['f']);
    expect(trace.nodes.dangling).toBeUndefined();
    expect(trace.nodes.after).toBeUndefined();
  });
});

describe('diagnostics are values', () => {
  test('cycle is reported, not thrown', () => {
    // a and b form a cycle; c only reads from it.
    const document = new TestGraph().source('x', 1).node('a', 'add', { a: 'x', b: 'b' }).node('b', 'negate', { x: 'a' }).node('c', 'exp', { x: 'b' }).build();
    const program = compile(document, registry);
    const cycle = program.diagnostics.filter((diagnostic) => diagnostic.code === 'cycle');

    expect(cycle.map((diagnostic) => diagnostic.nodeId)).toEqual(['a', 'b', 'c']);
    expect(cycle.every((diagnostic) => diagnostic.severity === 'error')).toBe(true);
    // The walk from a follows a → b and closes with the wire from b into a.b.
    expect(cycle[0].message).toBe('node "a" (add) is on a cycle. Remove wire "b.out->a.b" (b.out → a.b) to break it.');
    expect(cycle[1].details).toMatchObject({ kind: 'negate', onCycle: 'yes', edge: 'b.out->a.b' });
    expect(cycle[2].message).toBe('node "c" (exp) reads from a cycle, so it cannot run until the cycle is broken.');
    expect(cycle[2].details).toEqual({ kind: 'exp', onCycle: 'no' });
    expect(program.order.map((node) => node.id)).toEqual(['x']);
  });

  test('unknown kind is reported, not thrown', () => {
    const document = new TestGraph().source('x', 1).node('k', 'flux-capacitor', { x: 'x' }).node('after', 'negate', { x: 'k' }).build();
    const program = compile(document, registry);

    expect(program.diagnostics[0]).toMatchObject({ code: 'unknown-kind', severity: 'error', nodeId: 'k', details: { kind: 'flux-capacitor' } });
    expect(program.diagnostics[0].message).toContain('"flux-capacitor"');
    expect(program.diagnostics[1]).toMatchObject({ code: 'blocked-by-input', nodeId: 'after' });
    expect(() => runDocument(document)).not.toThrow();
  });

  test('shape mismatch blocks only its node', () => {
    const document = new TestGraph()
      .source('a', tensor([2], [1, 2]))
      .source('b', tensor([3], [1, 2, 3]))
      .node('bad', 'add', { a: 'a', b: 'b' })
      .node('good', 'negate', { x: 'a' })
      .build();
    const { program, trace } = runDocument(document);

    expect(program.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.nodeId])).toEqual([['shape-mismatch', 'bad']]);
    expect(program.diagnostics[0].message).toContain('shapes [2] and [3] do not broadcast');
    expect(program.diagnostics[0].message).toContain('b from "b" [3]');
    expect(valueOf(trace, 'good').data).toEqual([-1, -2]);
  });

  test('run carries the compile diagnostics', () => {
    const { program, trace } = runDocument(new TestGraph().node('lonely', 'negate').build());

    expect(trace.diagnostics).toEqual(program.diagnostics);
    expect(trace.steps).toEqual([]);
  });
});
