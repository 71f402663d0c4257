import { describe, expect, test } from 'vitest';
import { expressionToGraph, formulaDerivative, nodeFormula } from '../../src/engine/expression';
import { translatorFor } from '../../src/editor/i18n/translate';
import { describeFormulaProblem } from '../../src/editor/teaching/formula-messages';
import { TestGraph } from '../helpers/graph';

const en = translatorFor('en');
const zh = translatorFor('zh-CN');

function failure(result: { ok: true } | { ok: false; error: string; problem: import('../../src/engine/expression').FormulaProblem }) {
  if (result.ok) return expect.fail('the formula tool should fail');
  return result;
}

describe('formula tool errors', () => {
  test.each([
    ['x ^ y', 'variable-exponent', '指数含变量的幂（x^y）'],
    ['x ^ 40', 'exponent-range', '幂 ^40'],
    ['x % 2', 'operator', '运算符“%”'],
    ['foo(x)', 'function', '函数 foo'],
    ['exp(x, y)', 'arity', '用 2 个参数调用 exp'],
    ['max(x)', 'arity', '用 1 个参数调用 max'],
    ['(x + ', 'syntax', '表达式在第 6 个字符附近无效'],
  ])('%s fails with %s in Chinese', (text, code, chinese) => {
    const result = failure(expressionToGraph(text));
    expect(result.problem.code).toBe(code);
    const message = describeFormulaProblem(zh, result.problem);
    expect(message).toContain(chinese);
    expect(describeFormulaProblem(en, result.problem)).not.toBe(message);
  });

  test('unsupported syntax lists what is available', () => {
    const result = failure(expressionToGraph('x ^ y'));
    expect(describeFormulaProblem(zh, result.problem)).toContain('可用的有');
    expect(describeFormulaProblem(en, result.problem)).toContain('Available: operators');
  });

  test('English message keeps the engine facts', () => {
    const result = failure(expressionToGraph('foo(x)'));
    expect(result.error).toContain('foo has no node kind');
    expect(describeFormulaProblem(en, result.problem)).toContain('The function foo has no node kind.');
  });

  test('formula of a node with an unwired input', () => {
    const document = new TestGraph().source('x', 2).node('e', 'exp', {}).build();
    const result = failure(nodeFormula(document, 'e'));
    expect(result.problem).toStrictEqual({ code: 'unwired', details: { node: 'e', kind: 'exp', port: 'x' } });
    expect(describeFormulaProblem(zh, result.problem)).toBe('节点“e”（exp）的输入 x 没有连线，因此它的值没有公式。');
  });

  test('formula through a matmul', () => {
    const document = new TestGraph().source('a', 1).node('s', 'sum', { x: 'a' }).build();
    const result = failure(nodeFormula(document, 's'));
    expect(result.problem.code).toBe('not-elementwise');
    expect(describeFormulaProblem(zh, result.problem)).toContain('不是逐元素运算');
  });

  test('derivative by a node the formula does not use', () => {
    const document = new TestGraph().source('x', 2).source('y', 3).node('e', 'exp', { x: 'x' }).build();
    const formula = nodeFormula(document, 'e');
    if (!formula.ok) return expect.fail(formula.error);
    const result = failure(formulaDerivative(formula.formula, 'y'));
    expect(result.problem).toStrictEqual({ code: 'not-a-source', details: { node: 'y', choices: 'x' } });
    expect(describeFormulaProblem(zh, result.problem)).toBe('公式不依赖节点“y”；请从 x 中选择。');
  });
});
