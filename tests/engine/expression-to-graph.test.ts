import { describe, expect, test } from 'vitest';
import { expressionToGraph } from '../../src/engine/expression';
import type { GraphDocument } from '../../src/engine/document';
import { gradientOf, runDocument, valueOf } from '../helpers/graph';
import { errorOf, evaluateAt, numericGradient, randomPoints } from './expression-helpers';

function build(text: string, values: Record<string, number> = {}): { document: GraphDocument; outputId: string } {
  const result = expressionToGraph(text, { values });
  if (!result.ok) throw new Error(`expressionToGraph("${text}") failed: ${result.error}`);
  return result;
}

const kindsOf = (document: GraphDocument) => document.nodes.map((node) => node.kind);

const CASES: { text: string; variables: string[]; avoid?: (point: Record<string, number>) => boolean }[] = [
  { text: '(x+y)*z', variables: ['x', 'y', 'z'] },
  { text: '1/(1+exp(-(w0*x0+w1*x1+w2)))', variables: ['w0', 'x0', 'w1', 'x1', 'w2'] },
  // Central differences across the kink of max average two slopes, so points near it are skipped.
  { text: 'max(0, w*x+b)', variables: ['w', 'x', 'b'], avoid: ({ w, x, b }) => Math.abs(w * x + b) < 1e-3 },
  { text: 'x*x + 3', variables: ['x'] },
];

describe('expression to graph', () => {
  describe.each(CASES)('$text', ({ text, variables, avoid }) => {
    const points = randomPoints(variables, 6, text).filter((point) => !avoid?.(point));

    test.each(points.map((point, index) => ({ point, index })))('value matches mathjs at point $index', ({ point }) => {
      const { document, outputId } = build(text, point);
      const { trace } = runDocument(document);

      const expected = evaluateAt(text, point);
      const [actual] = valueOf(trace, outputId).data;
      expect(Math.abs(actual - expected), `value ${actual}, expected ${expected}`).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(expected)));
    });

    test.each(points.map((point, index) => ({ point, index })))('gradients match central differences at point $index', ({ point }) => {
      const { document } = build(text, point);
      const { trace } = runDocument(document);

      for (const name of variables) {
        const expected = numericGradient(text, point, name);
        const [actual] = gradientOf(trace, name).data;
        expect(Math.abs(actual - expected), `∂/∂${name}: ${actual}, expected ${expected}`).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(expected)));
      }
    });
  });

  test('repeated variable is one input with fan-out', () => {
    const { document } = build('x*x + 3', { x: -2 });

    expect(document.nodes.filter((node) => node.kind === 'input').map((node) => node.id)).toEqual(['x']);
    expect(document.edges.filter((edge) => edge.source === 'x').map((edge) => edge.targetPort).sort()).toEqual(['a', 'b']);
    expect(document.nodes.find((node) => node.kind === 'add-constant')?.params).toEqual({ c: 3 });
    expect(document.nodes.find((node) => node.id === 'x')?.params.value).toEqual({ shape: [], data: [-2] });
  });

  test('sigmoid formula becomes the lecture gates', () => {
    const { document } = build('1/(1+exp(-(w0*x0+w1*x1+w2)))');

    expect(kindsOf(document)).toEqual(expect.arrayContaining(['negate', 'exp', 'add-constant', 'reciprocal']));
    expect(document.nodes.find((node) => node.kind === 'add-constant')?.params).toEqual({ c: 1 });
    expect(kindsOf(document).filter((kind) => kind === 'input')).toHaveLength(5);
  });

  test('numbers next to nodes become constant gates', () => {
    expect(build('-1*x').document.nodes[1]).toMatchObject({ kind: 'multiply-constant', params: { c: -1 } });
    expect(build('x - 3').document.nodes[1]).toMatchObject({ kind: 'add-constant', params: { c: -3 } });
    expect(build('x / 4').document.nodes[1]).toMatchObject({ kind: 'multiply-constant', params: { c: 0.25 } });
    expect(kindsOf(build('1/x').document)).toEqual(['input', 'reciprocal']);
    expect(kindsOf(build('-x').document)).toEqual(['input', 'negate']);
  });

  test('functions map to their kinds', () => {
    expect(kindsOf(build('σ(x)').document)).toEqual(['input', 'sigmoid']);
    expect(kindsOf(build('sigmoid(x) + tanh(x) + relu(x) + log(x)').document)).toEqual(
      expect.arrayContaining(['sigmoid', 'tanh', 'relu', 'log']),
    );
    expect(kindsOf(build('e^x').document)).toEqual(['input', 'exp']);
    expect(kindsOf(build('min(a, b, c)').document).filter((kind) => kind === 'min')).toHaveLength(2);
  });

  test('max with a number gets a constant node', () => {
    const { document } = build('max(0, x)');
    const constant = document.nodes.find((node) => node.kind === 'constant');

    expect(constant?.params.value).toEqual({ shape: [], data: [0] });
    expect(document.edges.find((edge) => edge.source === constant?.id)?.targetPort).toBe('a');
  });

  test('whole powers become multiplications', () => {
    const cube = build('x^3', { x: 1.5 });
    const inverse = build('x^-2', { x: 1.5 });

    expect(kindsOf(cube.document)).toEqual(['input', 'multiply', 'multiply']);
    expect(valueOf(runDocument(cube.document).trace, cube.outputId).data[0]).toBeCloseTo(3.375, 5);
    expect(kindsOf(inverse.document)).toEqual(['input', 'multiply', 'reciprocal']);
    expect(valueOf(runDocument(inverse.document).trace, inverse.outputId).data[0]).toBeCloseTo(1 / 2.25, 5);
  });

  test('variables default to 1', () => {
    const { document, outputId } = build('a + b');

    expect(valueOf(runDocument(document).trace, outputId).data).toEqual([2]);
  });

  test('layout goes left to right by depth', () => {
    const { document } = build('(x+y)*z');
    const x = (id: string) => document.nodes.find((node) => node.id === id)!.position.x;

    expect(x('x')).toBe(x('z'));
    expect(x('add1')).toBeGreaterThan(x('x'));
    expect(x('multiply1')).toBeGreaterThan(x('add1'));
  });

  test('function without a kind is named', () => {
    const result = expressionToGraph('sin(x) + 1');

    expect(result.ok).toBe(false);
    expect(errorOf(result)).toContain('sin has no node kind');
    expect(errorOf(result)).toContain('available:');
  });

  test('other unsupported forms are named', () => {
    const errors = ['x^y', 'x^0.5', 'log(x, 2)', 'x > 2', 'f(x) = x'].map((text) => {
      const result = expressionToGraph(text);
      return result.ok ? '(accepted)' : result.error;
    });

    expect(errors[0]).toContain('variable exponent');
    expect(errors[1]).toContain('^0.5');
    expect(errors[2]).toContain('log with 2 arguments');
    expect(errors[3]).toContain('operator ">"');
    expect(errors[4]).toContain('FunctionAssignmentNode');
  });

  test('syntax error reports its position', () => {
    const result = expressionToGraph('x + * 2');

    expect(result.ok).toBe(false);
    expect((result as { position?: number }).position).toBe(4);
    expect(errorOf(result)).toContain('Value expected');
  });

  test('non-finite value is rejected', () => {
    const result = expressionToGraph('x + 1', { values: { x: Number.NaN } });

    expect(result.ok).toBe(false);
    expect(errorOf(result)).toContain('Variable "x"');
  });
});
