import { describe, expect, test } from 'vitest';
import type { GraphDocument } from '../../src/engine/document';
import { expressionToGraph, formulaDerivative, formulaTex, formulaText, nodeFormula, type NodeFormula } from '../../src/engine/expression';
import { findPreset } from '../../src/presets';
import { gradientOf, runDocument, TestGraph, valueOf } from '../helpers/graph';
import { errorOf, evaluateAt } from './expression-helpers';

function formulaOf(document: GraphDocument, nodeId: string): NodeFormula {
  const result = nodeFormula(document, nodeId);
  if (!result.ok) throw new Error(`nodeFormula("${nodeId}") failed: ${result.error}`);
  return result.formula;
}

/** Values of the formula's symbols, read from the document's scalar sources. */
function scopeOf(formula: NodeFormula): Record<string, number> {
  return Object.fromEntries(formula.variables.map((variable) => [variable.symbol, variable.value!]));
}

function graphOf(text: string, values: Record<string, number>): { document: GraphDocument; outputId: string } {
  const result = expressionToGraph(text, { values });
  if (!result.ok) throw new Error(result.error);
  return result;
}

/**
 * Checks the formula of a graph's single sink, and its derivative with respect
 * to each source, evaluated by mathjs, against the engine's value and gradients.
 */
function expectFormulaMatchesEngine(document: GraphDocument, sinkId: string): void {
  const { trace } = runDocument(document);
  const formula = formulaOf(document, sinkId);
  const scope = scopeOf(formula);

  const value = evaluateAt(formula.tree.toString(), scope);
  const [engineValue] = valueOf(trace, sinkId).data;
  expect(Math.abs(value - engineValue), `value ${value}, engine ${engineValue}`).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(value)));

  for (const variable of formula.variables) {
    const derivative = formulaDerivative(formula, variable.nodeId);
    if (!derivative.ok) throw new Error(derivative.error);
    const slope = evaluateAt(derivative.tree.toString(), scope);
    const [engineSlope] = gradientOf(trace, variable.nodeId).data;
    expect(Math.abs(slope - engineSlope), `∂/∂${variable.nodeId}: ${slope}, engine ${engineSlope}`).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(slope)));
  }
}

describe('node formula', () => {
  test.each([
    ['add-mul', 'f'],
    ['sigmoid-neuron', 'f'],
    ['sigmoid-gates', 'f'],
  ])('preset %s matches the engine at %s', (presetId, sinkId) => {
    expectFormulaMatchesEngine(findPreset(presetId)!.build(), sinkId);
  });

  test.each([
    ['max(0, w*x+b)', { w: 2, x: 1, b: -0.5 }],
    ['max(0, w*x+b)', { w: 2, x: -1, b: 0.5 }],
    ['min(x, y) * relu(x - y) + tanh(y)', { x: 0.3, y: -0.7 }],
    ['x*x + 3', { x: -2 }],
    ['log(x) / (x - 4) + exp(x)', { x: 1.5 }],
  ])('%s matches the engine at %o', (text, values) => {
    const { document, outputId } = graphOf(text, values);

    expectFormulaMatchesEngine(document, outputId);
  });

  test('add-mul formula and derivatives', () => {
    const formula = formulaOf(findPreset('add-mul')!.build(), 'f');

    expect(formulaText(formula.tree, formula.variables)).toBe('(x + y) * z');
    expect(formula.value).toBe(-12);
    const dz = formulaDerivative(formula, 'z');
    expect(dz.ok && formulaText(dz.tree, formula.variables)).toBe('x + y');
  });

  test('fan-out derivative of x times x', () => {
    const document = new TestGraph().source('x', 3).node('f', 'multiply', { a: 'x', b: 'x' }).build();
    const formula = formulaOf(document, 'f');
    const dx = formulaDerivative(formula, 'x');

    expect(formula.variables.map((variable) => variable.nodeId)).toEqual(['x']);
    expect(dx.ok && evaluateAt(dx.tree.toString(), { x: 3 })).toBe(6);
  });

  test('max records the branch it took', () => {
    const { document, outputId } = graphOf('max(0, w*x+b)', { w: 2, x: 1, b: -0.5 });
    const formula = formulaOf(document, outputId);

    expect(formula.branches).toHaveLength(1);
    expect(formula.branches[0].call.toString()).toBe('max(0, w * x + b)');
    expect(formula.branches[0].branch.toString()).toBe('w * x + b');
  });

  test('tensor sources give no derivative through max', () => {
    const document = new TestGraph().source('x', { shape: [2], data: [-1, 1] }).source('y', 0).node('m', 'max', { a: 'x', b: 'y' }).build();
    const formula = formulaOf(document, 'm');

    expect(formula.smooth).toBeNull();
    expect(formulaDerivative(formula, 'x').ok).toBe(false);
  });

  test('tex uses subscripts and sigma', () => {
    const formula = formulaOf(findPreset('sigmoid-neuron')!.build(), 'f');
    const tex = formulaTex(formula.tree, formula.variables);

    expect(tex).toContain('\\sigma');
    expect(tex).toContain('{w_{0}}');
    expect(tex).not.toMatch(/\\cdot[A-Za-z]/);
  });

  test('ids that are not names get symbols', () => {
    const document = new TestGraph().source('m/x', 2).source('e', 3).node('f', 'multiply', { a: 'm/x', b: 'e' }).build();
    const formula = formulaOf(document, 'f');

    expect(formula.variables.map((variable) => variable.nodeId)).toEqual(['m/x', 'e']);
    expect(formula.variables.every((variable) => /^[A-Za-z][A-Za-z0-9]*$/.test(variable.symbol) && variable.symbol !== 'e')).toBe(true);
    expect(evaluateAt(formula.tree.toString(), scopeOf(formula))).toBe(6);
    expect(formulaTex(formula.tree, formula.variables)).toContain('\\mathrm{m/x}');
  });

  test('non-elementwise kind stops the formula', () => {
    const document = findPreset('matmul-example')!.build();
    const result = nodeFormula(document, document.nodes.at(-1)!.id);

    expect(result.ok).toBe(false);
    expect(errorOf(result)).toContain('not an elementwise operation');
  });

  test('unconnected input is reported', () => {
    const document = new TestGraph().source('x', 1).node('f', 'add', { a: 'x' }).build();
    const result = nodeFormula(document, 'f');

    expect(result.ok).toBe(false);
    expect(errorOf(result)).toContain('input b: no wire connected');
  });
});
