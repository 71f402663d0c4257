import type { FormulaVariable, NodeFormula } from './from-graph';
import { math, type MathNode } from './math';
import { formulaProblem, type FormulaProblem } from './problem';

export type DerivativeResult = { ok: true; tree: MathNode } | { ok: false; error: string; problem: FormulaProblem };

/**
 * Largest derivative, in expression nodes, that is simplified, because mathjs
 * simplify takes time that grows steeply with the tree. Measured on a busy
 * 2-core machine: the presets' derivatives (at most 46 nodes) took up to 0.13 s
 * and a sigmoid neuron with 8 inputs (about 100 nodes) 1–2 s. A node two
 * layers deep (about 950 nodes) took over 20 s, with the page frozen meanwhile.
 */
export const MAX_SIMPLIFIED_NODES = 60;

/**
 * Differentiates a node's formula with respect to one of its source nodes with
 * mathjs `derivative`. The result is simplified when it has at most
 * MAX_SIMPLIFIED_NODES nodes and returned as it is otherwise. Where the formula
 * contains max, min, ReLU or leaky ReLU, the derivative is that of the
 * branches the current values select (listed in `formula.branches`), which is
 * what the engine's backward pass computes at these values.
 */
export function formulaDerivative(formula: NodeFormula, variableNodeId: string): DerivativeResult {
  const variable = formula.variables.find((candidate) => candidate.nodeId === variableNodeId);
  if (!variable) {
    const choices = formula.variables.map((entry) => entry.nodeId).join(', ') || '(none)';
    return {
      ok: false,
      error: `The formula does not depend on node "${variableNodeId}"; choose one of ${choices}.`,
      problem: formulaProblem('not-a-source', { node: variableNodeId, choices }),
    };
  }
  if (!formula.smooth) {
    return {
      ok: false,
      error: 'The formula has a max, min or ReLU whose branch depends on tensor elements, so it has no single derivative; use scalar values.',
      problem: formulaProblem('tensor-branch', {}),
    };
  }
  const derivative = math.derivative(formula.smooth, variable.symbol, { simplify: false });
  let size = 0;
  derivative.traverse(() => size++);
  return { ok: true, tree: size <= MAX_SIMPLIFIED_NODES ? math.simplify(derivative) : derivative };
}

type Handler = (node: MathNode, options: object) => string | undefined;

/** Writes a formula as TeX, with node ids such as w0 as w_{0}, σ for sigmoid and ReLU by name. */
export function formulaTex(tree: MathNode, variables: readonly FormulaVariable[]): string {
  const ids = new Map(variables.map((variable) => [variable.symbol, variable.nodeId]));
  const handler: Handler = (node, options) => {
    if (node.type === 'SymbolNode') {
      const id = ids.get(nameOf(node));
      return id === undefined ? undefined : idTex(id);
    }
    if (node.type !== 'FunctionNode') return undefined;
    const args = (node as unknown as { args: MathNode[] }).args.map((arg) => arg.toTex(options));
    switch (nameOf((node as unknown as { fn: MathNode }).fn)) {
      case 'sigmoid':
        return `\\sigma\\left(${args[0]}\\right)`;
      case 'relu':
        return `\\operatorname{ReLU}\\left(${args[0]}\\right)`;
      case 'leakyRelu':
        return `\\operatorname{LReLU}_{${args[1]}}\\left(${args[0]}\\right)`;
      default:
        return undefined;
    }
  };
  return tree.toTex({ handler, parenthesis: 'auto' });
}

/** Writes a formula as plain text in mathjs syntax with node ids in place of symbol names. */
export function formulaText(tree: MathNode, variables: readonly FormulaVariable[]): string {
  const ids = new Map(variables.map((variable) => [variable.symbol, variable.nodeId]));
  const handler: Handler = (node) => (node.type === 'SymbolNode' ? ids.get(nameOf(node)) : undefined);
  return tree.toString({ handler, parenthesis: 'auto' });
}

function nameOf(node: MathNode): string {
  return (node as unknown as { name: string }).name;
}

const TEX_SPECIAL: Record<string, string> = {
  '\\': '\\backslash{}', '{': '\\{', '}': '\\}', $: '\\$', '&': '\\&', '#': '\\#', '%': '\\%', _: '\\_', '^': '\\hat{}', '~': '\\sim{}',
};

/**
 * TeX for a node id: a letter with trailing digits as a subscript (w0 → w_{0}),
 * longer ids upright. The braces keep a preceding command such as \cdot apart from the id.
 */
export function idTex(id: string): string {
  const subscripted = /^([A-Za-z])(\d+)$/.exec(id);
  if (subscripted) return `{${subscripted[1]}_{${subscripted[2]}}}`;
  if (/^[A-Za-z]$/.test(id)) return `{${id}}`;
  const escaped = [...id].map((char) => TEX_SPECIAL[char] ?? char).join('');
  return `{\\mathrm{${escaped}}}`;
}
