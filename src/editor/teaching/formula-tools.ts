import katex from 'katex';
import 'katex/dist/katex.min.css';
import type { GraphDocument } from '../../engine/document';
import { expressionToGraph, formulaDerivative, formulaTex, formulaText, nodeFormula, type ExpressionResult, type FormulaProblem } from '../../engine/expression';
import { expandModules } from '../../engine/modules';

/**
 * The formula tools the editor loads on first use, because mathjs and KaTeX
 * add several hundred kilobytes that most sessions never need.
 */

export interface RenderedFormula {
  /** KaTeX HTML of the node's output in terms of its sources. */
  expressionHtml: string;
  /** Source node ids the formula depends on, for the derivative menu. */
  variables: string[];
  /** KaTeX HTML of the derivative with respect to the requested source, or null with `derivativeError`. */
  derivativeHtml: string | null;
  derivativeError: FormulaProblem | null;
  /** Each max, min or ReLU replaced by its active branch for the derivative, as "call → branch" in plain text. */
  branches: string[];
}

export type FormulaRendering = { ok: true; formula: RenderedFormula } | { ok: false; error: string; problem: FormulaProblem };

/**
 * Typesets TeX that the expression tools built. The TeX contains node ids only
 * through idTex, which escapes TeX's special characters, and `trust: false`
 * keeps KaTeX from emitting links, classes or styles, so the HTML contains no
 * markup taken from the document.
 */
function typeset(tex: string): string {
  return katex.renderToString(tex, { trust: false, throwOnError: false, displayMode: false, output: 'htmlAndMathml', maxSize: 20, maxExpand: 100 });
}

/** Formula and derivative of a node's output, typeset; `variableId` picks the source to differentiate by, the first when null. */
export function renderNodeFormula(document: GraphDocument, nodeId: string, variableId: string | null): FormulaRendering {
  // The formula walks the expanded graph, so it passes through module nodes; a module node's formula is that of its first output.
  const expansion = expandModules(document);
  const instance = expansion.instances.find((candidate) => candidate.id === nodeId);
  const target = instance?.outputs[0]?.source ?? { node: nodeId, port: 'out' };
  const result = nodeFormula(expansion.document, target.node, target.port);
  if (!result.ok) return result;
  const { formula } = result;

  const variables = formula.variables.map((variable) => variable.nodeId);
  const chosen = variableId !== null && variables.includes(variableId) ? variableId : variables[0];
  const derivative = chosen === undefined ? null : formulaDerivative(formula, chosen);
  const branches = formula.branches.map(({ call, branch }) => `${formulaText(call, formula.variables)} → ${formulaText(branch, formula.variables)}`);
  return {
    ok: true,
    formula: {
      expressionHtml: typeset(formulaTex(formula.tree, formula.variables)),
      variables,
      derivativeHtml: derivative?.ok ? typeset(formulaTex(derivative.tree, formula.variables)) : null,
      derivativeError: derivative && !derivative.ok ? derivative.problem : null,
      branches,
    },
  };
}

export function buildGraphFromFormula(text: string): ExpressionResult {
  return expressionToGraph(text);
}
