import { describe, expect, test } from 'vitest';
import { compile } from '../../src/engine/compile';
import type { GraphDocument } from '../../src/engine/document';
import type { ModuleDefinition } from '../../src/engine/modules';
import { translateDiagnostic } from '../../src/editor/i18n/translate';
import { registry } from '../../src/nodes';
import { tensor, TestGraph } from '../helpers/graph';

/** Module "lin" computes x · W with W of shape [3, 2] inside, so an input of 2 columns cannot reach it. */
const lin: ModuleDefinition = {
  nodes: [
    { id: 'W', kind: 'parameter', params: { value: tensor([3, 2], [1, 2, 3, 4, 5, 6]) }, position: { x: 0, y: 0 } },
    { id: 'mm', kind: 'matmul', params: {}, position: { x: 200, y: 0 } },
  ],
  edges: [{ id: 'W.out->mm.b', source: 'W', sourcePort: 'out', target: 'mm', targetPort: 'b' }],
  inputs: [{ name: 'x', node: 'mm', port: 'a' }],
  outputs: [{ name: 'y', node: 'mm', port: 'out' }],
};

function moduleGraph(): GraphDocument {
  const document = new TestGraph().source('x', tensor([2, 2], [1, 2, 3, 4])).node('L', 'module', { x: 'x' }, { module: 'lin' }).build();
  return { ...document, modules: { lin } };
}

describe('module diagnostic text', () => {
  test('names the inner node', () => {
    const [diagnostic] = compile(moduleGraph(), registry).diagnostics;

    // The badge sits on the module node, and the text names the matmul inside it.
    expect(diagnostic.nodeId).toBe('L');
    expect(translateDiagnostic('en', diagnostic)).toBe(
      'Node "L/mm" (matmul): inner dimensions differ: a is [2, 2] and b is [3, 2], but the columns of a (2) must equal the rows of b (3) (a from "x" [2, 2], b from "L/W" [3, 2])',
    );
    expect(translateDiagnostic('zh-CN', diagnostic)).toBe(
      '节点“L/mm”（matmul）：内维度不一致：a 为 [2, 2]，b 为 [3, 2]，但 a 的列数（2）必须等于 b 的行数（3）（a 来自“x” [2, 2]，b 来自“L/W” [3, 2]）',
    );
  });
});
