import { describeNode } from '../diagnostics';
import { formulaProblem, type FormulaProblem } from './problem';
import type { GraphDocument, GraphEdge, GraphNode } from '../document';
import { binaryNode, constantNode, functionNode, math, negateNode, symbolNode, type MathNode } from './math';
import { SymbolNames } from './symbols';

/** A source node that appears as a symbol in a formula. */
export interface FormulaVariable {
  /** The mathjs symbol name, which may differ from the node id when the id is not a valid name. */
  symbol: string;
  nodeId: string;
  /** The node's value when it is a scalar the document stores, else null. */
  value: number | null;
}

export interface NodeFormula {
  /** The node's output in terms of the source nodes it depends on, lightly simplified. */
  tree: MathNode;
  /**
   * The same output with σ written as 1 / (1 + exp(−u)) and each max, min, ReLU
   * and leaky ReLU replaced by the branch the current values select, so mathjs
   * can differentiate it. Null when a branch depends on a tensor element.
   */
  smooth: MathNode | null;
  /** Source nodes with a symbol in `tree`, in the order the walk met them. */
  variables: FormulaVariable[];
  /** Each branch choice, as a pair of trees: the function call and the branch it was replaced by. */
  branches: { call: MathNode; branch: MathNode }[];
  /** The output's value from float64 arithmetic when every source is a stored scalar, else null. */
  value: number | null;
}

export type FormulaResult = { ok: true; formula: NodeFormula } | { ok: false; error: string; problem: FormulaProblem };

/** Most mathjs nodes in one formula; a graph that reuses values many times can grow exponentially. */
export const MAX_FORMULA_SIZE = 4000;

/** Rules of the light simplification: they drop neutral terms and double signs and never reorder. */
const LIGHT_RULES = ['n*1 -> n', '1*n -> n', 'n+0 -> n', '0+n -> n', 'n/1 -> n', '-(-n) -> n', 'n1 - -n2 -> n1 + n2', 'n1 + -n2 -> n1 - n2'];

/** One node output during the walk: its display tree, its differentiable tree and its value. */
interface Term {
  display: MathNode;
  smooth: MathNode | null;
  value: number | null;
}

class FormulaError extends Error {
  constructor(
    message: string,
    readonly problem: FormulaProblem,
  ) {
    super(message);
  }
}

/**
 * Writes the value of a node's output as a formula in terms of the input,
 * parameter and constant nodes it depends on, by walking the wires back to
 * them. Only elementwise kinds have a formula; the walk stops with an error at
 * other kinds, such as matmul or sum, and at unconnected inputs.
 */
export function nodeFormula(document: GraphDocument, nodeId: string, port = 'out'): FormulaResult {
  try {
    return { ok: true, formula: new FormulaWalk(document).formulaOf(nodeId, port) };
  } catch (error) {
    if (error instanceof FormulaError) return { ok: false, error: error.message, problem: error.problem };
    throw error;
  }
}

class FormulaWalk {
  private readonly nodes: Map<string, GraphNode>;
  private readonly terms = new Map<string, Term>();
  private readonly visiting = new Set<string>();
  private readonly names = new SymbolNames();
  private readonly variables: FormulaVariable[] = [];
  private readonly branches: NodeFormula['branches'] = [];

  constructor(private readonly document: GraphDocument) {
    this.nodes = new Map(document.nodes.map((node) => [node.id, node]));
  }

  formulaOf(nodeId: string, port: string): NodeFormula {
    const term = this.termOf(nodeId, port);
    const tree = math.simplify(term.display, LIGHT_RULES);
    return { tree, smooth: term.smooth, variables: this.variables, branches: this.branches, value: term.value };
  }

  private termOf(nodeId: string, port: string): Term {
    const key = `${nodeId}.${port}`;
    const known = this.terms.get(key);
    if (known) return { display: known.display.cloneDeep(), smooth: known.smooth?.cloneDeep() ?? null, value: known.value };

    const node = this.nodes.get(nodeId);
    if (!node) throw new FormulaError(`Node "${nodeId}" does not exist.`, formulaProblem('missing-node', { node: nodeId }));
    if (this.visiting.has(nodeId)) {
      throw new FormulaError(`${describeNode(nodeId, node.kind)} is on a cycle, so its value has no formula.`, formulaProblem('cycle', { node: nodeId, kind: node.kind }));
    }
    this.visiting.add(nodeId);
    const term = this.termOfNode(node);
    this.visiting.delete(nodeId);

    let size = 0;
    term.display.traverse(() => (size += 1));
    if (size > MAX_FORMULA_SIZE) {
      const problem = formulaProblem('too-large', { node: nodeId, kind: node.kind, limit: MAX_FORMULA_SIZE });
      throw new FormulaError(`The formula of ${describeNode(nodeId, node.kind)} has more than ${MAX_FORMULA_SIZE} terms, too many to show.`, problem);
    }
    this.terms.set(key, term);
    return term;
  }

  private input(node: GraphNode, port: string): Term {
    const edge = this.document.edges.find((candidate: GraphEdge) => candidate.target === node.id && candidate.targetPort === port);
    if (!edge) {
      const problem = formulaProblem('unwired', { node: node.id, kind: node.kind, port });
      throw new FormulaError(`${describeNode(node.id, node.kind)}, input ${port}: no wire connected, so its value has no formula.`, problem);
    }
    return this.termOf(edge.source, edge.sourcePort);
  }

  private termOfNode(node: GraphNode): Term {
    const source = sourceTerm(node, this.names, this.variables);
    if (source) return source;

    const unary = UNARY[node.kind];
    if (unary) return unary(this.input(node, 'x'), node, this.branches);
    const binary = BINARY[node.kind];
    if (binary) return binary(this.input(node, 'a'), this.input(node, 'b'), this.branches);
    if (node.kind === 'copy') return this.input(node, 'x');
    throw new FormulaError(
      `${describeNode(node.id, node.kind)} is not an elementwise operation, so the formula cannot pass through it.`,
      formulaProblem('not-elementwise', { node: node.id, kind: node.kind }),
    );
  }
}

/** Returns the term of an input, parameter or constant node, or null for other kinds. */
function sourceTerm(node: GraphNode, names: SymbolNames, variables: FormulaVariable[]): Term | null {
  if (node.kind !== 'input' && node.kind !== 'parameter' && node.kind !== 'constant') return null;
  const stored = node.params.value;
  const scalar = typeof stored === 'object' && !Array.isArray(stored) && stored.data.length === 1 && (node.params.init ?? 'value') === 'value';
  const value = scalar ? stored.data[0] : null;
  if (node.kind === 'constant' && value !== null) return { display: constantNode(value), smooth: constantNode(value), value };

  const symbol = names.symbolFor(node.id);
  if (!variables.some((variable) => variable.nodeId === node.id)) variables.push({ symbol, nodeId: node.id, value });
  return { display: symbolNode(symbol), smooth: symbolNode(symbol), value };
}

type UnaryRule = (x: Term, node: GraphNode, branches: NodeFormula['branches']) => Term;
type BinaryRule = (a: Term, b: Term, branches: NodeFormula['branches']) => Term;

/** Applies the same tree builder to the display and smooth trees and f to the value. */
function mapped(x: Term, build: (tree: MathNode) => MathNode, f: (value: number) => number): Term {
  return { display: build(x.display), smooth: x.smooth && build(x.smooth), value: x.value === null ? null : f(x.value) };
}

function sigmoidOf(tree: MathNode): MathNode {
  return binaryNode('/', [constantNode(1), binaryNode('+', [constantNode(1), functionNode('exp', [negateNode(tree)])])]);
}

/**
 * Keeps a function call in the display tree and puts the branch the current
 * values select into the smooth tree, with the tie rule of the node kind.
 * Without a value the smooth tree is null.
 */
function branchTerm(display: MathNode, value: number | null, choice: (() => MathNode) | null, branches: NodeFormula['branches']): Term {
  if (value === null || choice === null) return { display, smooth: null, value: null };
  const branch = choice();
  branches.push({ call: display.cloneDeep(), branch: branch.cloneDeep() });
  return { display, smooth: branch, value };
}

const UNARY: Record<string, UnaryRule> = {
  negate: (x) => mapped(x, negateNode, (v) => -v),
  exp: (x) => mapped(x, (t) => functionNode('exp', [t]), Math.exp),
  log: (x) => mapped(x, (t) => functionNode('log', [t]), Math.log),
  tanh: (x) => mapped(x, (t) => functionNode('tanh', [t]), Math.tanh),
  reciprocal: (x) => mapped(x, (t) => binaryNode('/', [constantNode(1), t]), (v) => 1 / v),
  'add-constant': (x, node) => {
    const c = Number(node.params.c ?? 1);
    return mapped(x, (t) => binaryNode('+', [t, constantNode(c)]), (v) => v + c);
  },
  'multiply-constant': (x, node) => {
    const c = Number(node.params.c ?? -1);
    return mapped(x, (t) => binaryNode('*', [constantNode(c), t]), (v) => c * v);
  },
  sigmoid: (x) => ({
    display: functionNode('sigmoid', [x.display]),
    smooth: x.smooth && sigmoidOf(x.smooth),
    value: x.value === null ? null : 1 / (1 + Math.exp(-x.value)),
  }),
  // The relu kind sends gradient 0 at x = 0, so x = 0 selects the constant branch.
  relu: (x, _node, branches) =>
    branchTerm(functionNode('relu', [x.display]), x.value === null ? null : Math.max(0, x.value), x.smooth && (() => (x.value! > 0 ? x.smooth! : constantNode(0))), branches),
  'leaky-relu': (x, node, branches) => {
    const alpha = Number(node.params.alpha ?? 0.01);
    const positive = x.value !== null && x.value > 0;
    let value: number | null = null;
    if (x.value !== null) value = positive ? x.value : alpha * x.value;
    const choice = x.smooth && (() => (positive ? x.smooth! : binaryNode('*', [constantNode(alpha), x.smooth!])));
    return branchTerm(functionNode('leakyRelu', [x.display, constantNode(alpha)]), value, choice, branches);
  },
};

const BINARY: Record<string, BinaryRule> = {
  add: (a, b) => arithmetic('+', a, b, (x, y) => x + y),
  subtract: (a, b) => arithmetic('-', a, b, (x, y) => x - y),
  multiply: (a, b) => arithmetic('*', a, b, (x, y) => x * y),
  divide: (a, b) => arithmetic('/', a, b, (x, y) => x / y),
  // Ties go to a in both kinds, as their backward does.
  max: (a, b, branches) => extremum('max', a, b, (x, y) => x >= y, branches),
  min: (a, b, branches) => extremum('min', a, b, (x, y) => x <= y, branches),
};

function arithmetic(op: '+' | '-' | '*' | '/', a: Term, b: Term, f: (x: number, y: number) => number): Term {
  return {
    display: binaryNode(op, [a.display, b.display]),
    smooth: a.smooth && b.smooth && binaryNode(op, [a.smooth, b.smooth]),
    value: a.value === null || b.value === null ? null : f(a.value, b.value),
  };
}

function extremum(name: 'max' | 'min', a: Term, b: Term, picksA: (x: number, y: number) => boolean, branches: NodeFormula['branches']): Term {
  const display = functionNode(name, [a.display, b.display]);
  if (a.value === null || b.value === null) return { display, smooth: null, value: null };
  const taken = picksA(a.value, b.value) ? a : b;
  const choice = taken.smooth ? () => taken.smooth! : null;
  return branchTerm(display, taken.value, choice, branches);
}
