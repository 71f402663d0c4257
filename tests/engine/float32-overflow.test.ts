import { describe, expect, test } from 'vitest';
import type { Diagnostic } from '../../src/engine/diagnostics';
import { translateDiagnostic } from '../../src/editor/i18n/translate';
import { runDocument, tensor, TestGraph } from '../helpers/graph';

/** Largest finite float32, (2 − 2^−23) · 2^127. */
const FLOAT32_MAX = (2 - 2 ** -23) * 2 ** 127;

function nonFiniteOf(document: ReturnType<TestGraph['build']>, code: Diagnostic['code']): Diagnostic[] {
  return runDocument(document).trace.diagnostics.filter((diagnostic) => diagnostic.code === code);
}

describe('float32 overflow diagnostic', () => {
  test('l2-penalty of finite weights overflows', () => {
    // (2e19)² = 4e38 > FLOAT32_MAX, and the 0 weight is not a pole of the penalty.
    expect(2e19 ** 2).toBeGreaterThan(FLOAT32_MAX);
    const document = new TestGraph().source('w', tensor([2], [0, 2e19])).node('penalty', 'l2-penalty', { w: 'w' }, { lambda: 1 }).build();
    const [diagnostic] = nonFiniteOf(document, 'non-finite-value');

    expect(diagnostic.nodeId).toBe('penalty');
    expect(diagnostic.details.cause).toBe('overflow');
    expect(diagnostic.message).toContain('float32');
    expect(diagnostic.message).not.toContain('domain');
  });

  test('scalar multiply overflows', () => {
    const document = new TestGraph().source('a', 1e20).source('b', 1e20).node('product', 'multiply', { a: 'a', b: 'b' }).build();
    const [diagnostic] = nonFiniteOf(document, 'non-finite-value');

    expect(diagnostic.nodeId).toBe('product');
    expect(diagnostic.details.cause).toBe('overflow');
  });

  test('exp past its float32 limit overflows', () => {
    // exp(100) ≈ 2.7e43 > FLOAT32_MAX.
    expect(Math.exp(100)).toBeGreaterThan(FLOAT32_MAX);
    const [diagnostic] = nonFiniteOf(new TestGraph().source('x', 100).node('e', 'exp', { x: 'x' }).build(), 'non-finite-value');

    expect(diagnostic.details.cause).toBe('overflow');
  });

  test('gradient overflows with finite values', () => {
    // f = a · b = 1 and g = f · c = 1e30 are finite, but ∂g/∂b = c · a = 1e60 is not.
    const document = new TestGraph().source('a', 1e30).source('b', 1e-30).source('c', 1e30)
      .node('f', 'multiply', { a: 'a', b: 'b' }).node('g', 'multiply', { a: 'f', b: 'c' }).build();

    expect(nonFiniteOf(document, 'non-finite-value')).toEqual([]);
    const [diagnostic] = nonFiniteOf(document, 'non-finite-gradient');
    expect(diagnostic.nodeId).toBe('f');
    expect(diagnostic.details.cause).toBe('overflow');
    expect(diagnostic.message).toContain('float32');
  });

  const domainCases = [
    { name: 'log at 0', document: new TestGraph().source('x', 0).node('bad', 'log', { x: 'x' }).build() },
    { name: 'reciprocal at 0', document: new TestGraph().source('x', 0).node('bad', 'reciprocal', { x: 'x' }).build() },
    { name: 'divide by 0', document: new TestGraph().source('a', 1).source('b', 0).node('bad', 'divide', { a: 'a', b: 'b' }).build() },
    { name: 'log of a negative', document: new TestGraph().source('x', -1).node('bad', 'log', { x: 'x' }).build() },
  ];

  test.each(domainCases)('$name stays a domain problem', ({ document }) => {
    const diagnostics = [...nonFiniteOf(document, 'non-finite-value'), ...nonFiniteOf(document, 'non-finite-gradient')];

    expect(diagnostics.length).toBeGreaterThan(0);
    for (const diagnostic of diagnostics) {
      expect(diagnostic.nodeId).toBe('bad');
      expect(diagnostic.details.cause).toBeUndefined();
      expect(diagnostic.message).toContain('domain');
    }
  });

  test('overflow translated in both languages', () => {
    const value: Diagnostic = { code: 'non-finite-value', severity: 'error', nodeId: 'p', details: { kind: 'l2-penalty', cause: 'overflow' }, message: '' };
    const gradient: Diagnostic = { ...value, code: 'non-finite-gradient' };

    expect(translateDiagnostic('en', value)).toMatch(/^Node "p" \(l2-penalty\) is the first node whose value is infinite .*float32/);
    expect(translateDiagnostic('en', value)).toContain('lower the learning rate');
    expect(translateDiagnostic('en', gradient)).toMatch(/^Node "p" \(l2-penalty\) is the first node whose gradient is infinite/);
    expect(translateDiagnostic('zh-CN', value)).toMatch(/^节点“p”（l2-penalty）.*float32/);
    expect(translateDiagnostic('zh-CN', gradient)).toContain('梯度');
    expect(translateDiagnostic('zh-CN', value)).not.toContain('定义域');
  });
});
