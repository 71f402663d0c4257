import { describe, expect, test } from 'vitest';
import { compile } from '../../src/engine/compile';
import { portTypeParam, translate, translateDiagnostic } from '../../src/editor/i18n/translate';
import { registry } from '../../src/nodes';
import { TestGraph, tensor } from '../helpers/graph';

function typeMismatch() {
  const document = new TestGraph().source('y', tensor([2], [0, 1]), 'labels').node('s', 'sum', { x: 'y' }).build();
  const diagnostic = compile(document, registry).diagnostics.find((candidate) => candidate.code === 'type-mismatch');
  if (!diagnostic) expect.fail('the labels wire into a tensor input should be a type mismatch');
  return diagnostic;
}

describe('port type words', () => {
  test('type mismatch in English', () => {
    expect(translateDiagnostic('en', typeMismatch())).toBe(
      'Node "s" (sum), input x: expected a tensor output, found the labels output y.out; connect a tensor output instead.',
    );
  });

  test('type mismatch in Chinese', () => {
    expect(translateDiagnostic('zh-CN', typeMismatch())).toBe('节点“s”（sum）的输入 x：需要张量类型的输出，却连接了标签类型的输出 y.out；请改接张量类型的输出。');
  });

  test('rejected wire notice in Chinese', () => {
    const params = { source: 'y', target: 's', sourcePort: 'out', targetPort: 'x', found: portTypeParam('labels'), expected: portTypeParam('tensor') };

    expect(translate('zh-CN', 'notice.wireType', params)).toBe('没有添加从“y”到“s”的连线：输出 out 是标签类型，而输入 x 需要张量类型的输出。');
    expect(translate('en', 'notice.wireType', params)).toBe('No wire was added from "y" to "s": output out is a labels output, and input x takes a tensor output.');
  });

  test('unknown port type stays as it is', () => {
    expect(portTypeParam('image')).toBe('image');
  });
});
