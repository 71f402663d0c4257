import { describe, expect, test } from 'vitest';
import { SMALL_WIDTHS, unrolledScalarMlp } from '../../bench/scalar-graph';
import { compile } from '../../src/engine/compile';
import { loadDocumentValue, type LoadResult } from '../../src/engine/load';
import type { LoadProblem } from '../../src/engine/load-problems';
import { translateLoadProblem } from '../../src/editor/i18n/load-problem-text';
import { translateDiagnostic } from '../../src/editor/i18n/translate';
import { registry } from '../../src/nodes';
import { TestGraph } from '../helpers/graph';

interface Rejection {
  errors: string[];
  problems: LoadProblem[];
}

function rejected(result: LoadResult): Rejection {
  if (result.ok) expect.fail('the document should be rejected');
  return { errors: result.errors, problems: result.problems.map((problem) => problem!) };
}

describe('cycle problems', () => {
  test('three-node cycle with two readers', () => {
    // x → a → b → c → a is the cycle; r1 reads c, and r2 reads r1.
    const document = new TestGraph()
      .source('x', 1)
      .node('a', 'add', { a: 'x', b: 'c' })
      .node('b', 'negate', { x: 'a' })
      .node('c', 'negate', { x: 'b' })
      .node('r1', 'exp', { x: 'c' })
      .node('r2', 'negate', { x: 'r1' })
      .build();
    const { errors, problems } = rejected(loadDocumentValue(document, registry));

    expect(errors).toEqual([
      'The graph has a cycle through 3 nodes: "a", "b", "c". Remove wire "c.out->a.b" (c.out → a.b) to break it, ' +
        'because a computational graph must be acyclic. 2 other nodes read from the cycle, so they cannot run either.',
    ]);
    expect(problems[0].code).toBe('cycle');
    expect(problems[0].nodes).toEqual(['a', 'b', 'c']);
    expect(problems[0].details).toMatchObject({ count: 3, more: 0, edge: 'c.out->a.b', breaks: 1, downstream: 2 });
    expect(translateLoadProblem('en', problems[0], 'fallback')).toBe(errors[0]);
    expect(translateLoadProblem('zh-CN', problems[0], 'fallback')).toBe(
      '图中有一个经过 3 个节点的环：“a”，“b”，“c”。请删除连线“c.out->a.b”（c.out → a.b）来打破这个环，因为计算图必须无环。' +
        '另有 2 个节点读取环上的值，因此它们也无法运行。',
    );
  });

  test('two separate cycles', () => {
    // p ⇄ q and u → v → w → u, with s reading both cycles and nothing reading the second alone.
    const document = new TestGraph()
      .node('p', 'negate', { x: 'q' })
      .node('q', 'negate', { x: 'p' })
      .node('u', 'negate', { x: 'w' })
      .node('v', 'exp', { x: 'u' })
      .node('w', 'negate', { x: 'v' })
      .node('s', 'add', { a: 'q', b: 'w' })
      .build();
    const { errors, problems } = rejected(loadDocumentValue(document, registry));

    expect(errors).toHaveLength(2);
    expect(problems.map((problem) => problem.code)).toEqual(['cycle', 'cycle']);
    expect(problems.map((problem) => problem.nodes)).toEqual([
      ['p', 'q'],
      ['u', 'v', 'w'],
    ]);
    // The walk from p closes with q → p, and the walk from u closes with w → u.
    expect(problems[0].details).toMatchObject({ edge: 'q.out->p.x', count: 2, breaks: 1, downstream: 1 });
    expect(problems[1].details).toMatchObject({ edge: 'w.out->u.x', count: 3, breaks: 1, downstream: 1 });
    expect(errors[0]).toBe(
      'The graph has a cycle through 2 nodes: "p", "q". Remove wire "q.out->p.x" (q.out → p.x) to break it, ' +
        'because a computational graph must be acyclic. 1 other node reads from the cycle, so it cannot run either.',
    );
    expect(translateLoadProblem('zh-CN', problems[1], 'fallback')).toBe(
      '图中有一个经过 3 个节点的环：“u”，“v”，“w”。请删除连线“w.out->u.x”（w.out → u.x）来打破这个环，因为计算图必须无环。' +
        '另有 1 个节点读取环上的值，因此它也无法运行。',
    );
  });

  test('self-loop names its wire', () => {
    const document = new TestGraph().source('x', 2).node('m', 'multiply', { a: 'x', b: 'm' }).build();
    const { errors, problems } = rejected(loadDocumentValue(document, registry));

    expect(errors).toEqual([
      'Node "m" (multiply) reads its own output through wire "m.out->m.b" (m.out → m.b). Remove that wire, because a computational graph must be acyclic.',
    ]);
    expect(problems[0]).toMatchObject({ code: 'self-loop', details: { node: 'm', kind: 'multiply', edge: 'm.out->m.b', downstream: 0 } });
    expect(translateLoadProblem('en', problems[0], 'fallback')).toBe(errors[0]);
    expect(translateLoadProblem('zh-CN', problems[0], 'fallback')).toBe(
      '节点“m”（multiply）通过连线“m.out->m.b”（m.out → m.b）读取自己的输出。请删除这条连线，因为计算图必须无环。',
    );
  });

  test('two cycles through one node', () => {
    // a → b → a and a → c → a share a, so no single wire breaks both; the wires into a together do.
    const document = new TestGraph()
      .node('a', 'add', { a: 'b', b: 'c' })
      .node('b', 'negate', { x: 'a' })
      .node('c', 'exp', { x: 'a' })
      .build();
    const { errors, problems } = rejected(loadDocumentValue(document, registry));

    expect(problems[0].nodes).toEqual(['a', 'b', 'c']);
    expect(problems[0].details).toMatchObject({ count: 3, breaks: 0, edge: 'b.out->a.a' });
    expect(errors[0]).toBe(
      'The graph has a cycle through 3 nodes: "a", "b", "c". They form more than one cycle, and removing wire ' +
        '"b.out->a.a" (b.out → a.a) breaks only some of them. A computational graph must be acyclic.',
    );
  });

  test('long cycle lists twenty nodes', () => {
    // n0 → n1 → … → n24 → n0.
    const graph = new TestGraph().node('n0', 'negate', { x: 'n24' });
    for (let index = 1; index < 25; index++) graph.node(`n${index}`, 'negate', { x: `n${index - 1}` });
    const { errors, problems } = rejected(loadDocumentValue(graph.build(), registry));

    const listed = Array.from({ length: 20 }, (_unused, index) => `n${index}`);
    expect(problems[0].nodes).toEqual(listed);
    expect(problems[0].details).toMatchObject({ count: 25, more: 5, edge: 'n24.out->n0.x' });
    expect(errors[0]).toContain(`${listed.map((id) => `"${id}"`).join(', ')} and 5 more. Remove wire "n24.out->n0.x"`);
    expect(translateLoadProblem('zh-CN', problems[0], 'fallback')).toContain('“n18”，“n19”，以及另外 5 个节点。');
  });

  test('unrolled MLP cycle stays short', () => {
    // Wire l1n0m0.a from its own neuron's output: m0 → s1 → … → s7 → z → h → m0 is the cycle.
    const document = unrolledScalarMlp(SMALL_WIDTHS);
    const rewired = document.edges.find((edge) => edge.target === 'l1n0m0' && edge.targetPort === 'a')!;
    rewired.source = 'l1n0h';
    rewired.sourcePort = 'out';
    const { errors, problems } = rejected(loadDocumentValue(document, registry));

    const cycle = ['l1n0m0', 'l1n0s1', 'l1n0s2', 'l1n0s3', 'l1n0s4', 'l1n0s5', 'l1n0s6', 'l1n0s7', 'l1n0z', 'l1n0h'];
    expect(errors).toHaveLength(1);
    expect(problems[0].nodes).toEqual(cycle);
    expect(problems[0].details).toMatchObject({ count: 10, edge: rewired.id, source: 'l1n0h', target: 'l1n0m0', targetPort: 'a', breaks: 1 });
    // Downstream: each of the 12 second-layer neurons reads h at its first multiply, so that multiply, its 13 adds,
    // its bias add and its sigmoid follow: 16 nodes each. Each of the 3 third-layer neurons reads only second-layer
    // outputs, so all its 12 multiplies, 11 adds, bias add and sigmoid follow: 25 each. 2 adds join the 3 outputs.
    expect(problems[0].details.downstream).toBe(12 * 16 + 3 * 25 + 2);
    expect(errors[0].length).toBeLessThan(400);
  });
});

describe('cycle diagnostics', () => {
  test('compile names wire and readers', () => {
    // a → b → a is the cycle, closed by the wire from b into a.b; c reads b.
    const document = new TestGraph().source('x', 1).node('a', 'add', { a: 'x', b: 'b' }).node('b', 'negate', { x: 'a' }).node('c', 'exp', { x: 'b' }).build();
    const cycle = compile(document, registry).diagnostics.filter((diagnostic) => diagnostic.code === 'cycle');

    expect(cycle.map((diagnostic) => diagnostic.nodeId)).toEqual(['a', 'b', 'c']);
    expect(translateDiagnostic('en', cycle[1])).toBe('Node "b" (negate) is on a cycle. Remove wire "b.out->a.b" (b.out → a.b) to break it.');
    expect(translateDiagnostic('zh-CN', cycle[1])).toBe('节点“b”（negate）处在环上。请删除连线“b.out->a.b”（b.out → a.b）来打破这个环。');
    expect(translateDiagnostic('en', cycle[2])).toBe('Node "c" (exp) reads from a cycle, so it cannot run until the cycle is broken.');
    expect(translateDiagnostic('zh-CN', cycle[2])).toBe('节点“c”（exp）读取环上的值，因此在环被打破之前无法运行。');
  });

  test('compile without a single wire', () => {
    // a → b → a and a → c → a share a, so no single wire breaks both.
    const document = new TestGraph().node('a', 'add', { a: 'b', b: 'c' }).node('b', 'negate', { x: 'a' }).node('c', 'exp', { x: 'a' }).build();
    const cycle = compile(document, registry).diagnostics.filter((diagnostic) => diagnostic.code === 'cycle');

    expect(cycle).toHaveLength(3);
    expect(cycle[0].details).toEqual({ kind: 'add', onCycle: 'yes' });
    expect(translateDiagnostic('en', cycle[0])).toBe('Node "a" (add) is on a cycle. Remove a wire of the cycle.');
    expect(translateDiagnostic('zh-CN', cycle[0])).toBe('节点“a”（add）处在环上。请删除环上的一条连线。');
  });
});
