import type { GraphDocument } from '../document';
import { ExpressionGraph } from './graph-builder';
import { math, type MathNode } from './math';
import { formulaProblem, type FormulaProblem } from './problem';

/** Maximum length of an expression in characters, checked before parsing. */
export const MAX_EXPRESSION_CHARS = 10_000;
/** Largest |k| in x^k; x^k becomes |k| − 1 multiply nodes. */
export const MAX_WHOLE_EXPONENT = 16;

export const AVAILABLE_SYNTAX =
  'operators + − * / and ^ with a whole-number exponent; functions exp, log (natural), max, min, sigmoid (or σ), tanh, relu; constants e and pi';

export interface ExpressionOptions {
  /** Value of each variable's input node; a variable not listed gets 1. */
  values?: Readonly<Record<string, number>>;
}

export type ExpressionResult =
  | { ok: true; document: GraphDocument; /** Id of the node whose value is the whole expression. */ outputId: string }
  | {
      ok: false;
      error: string;
      /** The error as a code and its values, for messages in other languages. */
      problem: FormulaProblem;
      /** Zero-based character position of a syntax error, when mathjs reports one. */
      position?: number;
    };

/** A subexpression: a graph node's output, or a plain number that is not a node yet. */
type Value = { node: string } | { number: number };

class UnsupportedExpression extends Error {
  constructor(
    message: string,
    readonly problem: FormulaProblem,
  ) {
    super(message);
  }
}

const UNARY_FUNCTIONS: Record<string, { kind: string; apply(x: number): number }> = {
  exp: { kind: 'exp', apply: Math.exp },
  log: { kind: 'log', apply: Math.log },
  tanh: { kind: 'tanh', apply: Math.tanh },
  sigmoid: { kind: 'sigmoid', apply: (x) => 1 / (1 + Math.exp(-x)) },
  σ: { kind: 'sigmoid', apply: (x) => 1 / (1 + Math.exp(-x)) },
  relu: { kind: 'relu', apply: (x) => Math.max(0, x) },
};

const NAMED_CONSTANTS: Record<string, number> = { e: Math.E, pi: Math.PI };

/**
 * Parses a formula such as "(x + y) * z" with mathjs and builds the graph of
 * node kinds that computes it. Each variable becomes one input node, read by
 * every place that uses it (fan-out). A number next to a node becomes an
 * add-constant or multiply-constant gate, as in the lecture's sigmoid gates,
 * and operations on numbers alone are folded into one number.
 */
export function expressionToGraph(text: string, options: ExpressionOptions = {}): ExpressionResult {
  if (text.length > MAX_EXPRESSION_CHARS) {
    const problem = formulaProblem('too-long', { length: text.length, limit: MAX_EXPRESSION_CHARS });
    return { ok: false, error: `The expression is ${text.length} characters long; the limit is ${MAX_EXPRESSION_CHARS}.`, problem };
  }
  let tree: MathNode;
  try {
    tree = math.parse(text);
  } catch (error) {
    const char = (error as { char?: unknown }).char;
    const detail = (error as Error).message;
    const problem = typeof char === 'number' ? formulaProblem('syntax', { detail, position: char }) : formulaProblem('syntax-unplaced', { detail });
    return { ok: false, error: `The expression is not valid: ${detail}.`, problem, position: typeof char === 'number' ? char - 1 : undefined };
  }

  // Every symbol, including function names, is reserved so generated ids never take a variable's name.
  const symbols = new Set(tree.filter((node) => node.type === 'SymbolNode').map(symbolName));
  for (const [name, value] of Object.entries(options.values ?? {})) {
    if (!Number.isFinite(value)) {
      return { ok: false, error: `Variable "${name}": expected a finite number, found ${value}.`, problem: formulaProblem('variable-not-finite', { name, value: String(value) }) };
    }
  }
  const graph = new ExpressionGraph(symbols);
  const converter = new Converter(graph, options.values ?? {});
  try {
    const result = converter.convert(tree);
    const outputId = 'node' in result ? result.node : graph.addSource('constant', result.number);
    return { ok: true, document: graph.build(text), outputId };
  } catch (error) {
    if (error instanceof UnsupportedExpression) return { ok: false, error: error.message, problem: error.problem };
    throw error;
  }
}

function symbolName(node: MathNode): string {
  return (node as unknown as { name: string }).name;
}

/** Throws for a part of the expression that has no node kind: `what` in English, `problem` for other languages. */
function unsupported(what: string, problem: FormulaProblem): never {
  throw new UnsupportedExpression(`${what} has no node kind; available: ${AVAILABLE_SYNTAX}.`, problem);
}

/** Turns a mathjs tree into graph nodes, depth first, so every node comes after its inputs. */
class Converter {
  private readonly inputs = new Map<string, string>();

  constructor(
    private readonly graph: ExpressionGraph,
    private readonly values: Readonly<Record<string, number>>,
  ) {}

  convert(node: MathNode): Value {
    switch (node.type) {
      case 'ParenthesisNode':
        return this.convert((node as unknown as { content: MathNode }).content);
      case 'ConstantNode': {
        const value = (node as unknown as { value: unknown }).value;
        if (typeof value !== 'number') unsupported(`The constant ${node.toString()}`, formulaProblem('constant', { text: node.toString() }));
        return { number: value };
      }
      case 'SymbolNode':
        return this.symbol(symbolName(node));
      case 'OperatorNode':
        return this.operator(node as unknown as { op: string; fn: string; args: MathNode[] });
      case 'FunctionNode':
        return this.call(node as unknown as { fn: MathNode; args: MathNode[] });
      default:
        return unsupported(`"${node.toString()}" (a mathjs ${node.type})`, formulaProblem('syntax-node', { text: node.toString(), type: node.type }));
    }
  }

  private symbol(name: string): Value {
    if (name in NAMED_CONSTANTS) return { number: NAMED_CONSTANTS[name] };
    let id = this.inputs.get(name);
    if (id === undefined) {
      id = this.graph.addSource('input', this.values[name] ?? 1, name);
      this.inputs.set(name, id);
    }
    return { node: id };
  }

  private operator({ op, fn, args }: { op: string; fn: string; args: MathNode[] }): Value {
    if (fn === 'unaryPlus') return this.convert(args[0]);
    if (fn === 'unaryMinus') return this.negate(this.convert(args[0]));
    if (fn === 'pow') return this.power(args[0], args[1]);
    if (fn !== 'add' && fn !== 'subtract' && fn !== 'multiply' && fn !== 'divide') unsupported(`The operator "${op}"`, formulaProblem('operator', { operator: op }));
    return this.arithmetic(fn, this.convert(args[0]), this.convert(args[1]));
  }

  private negate(value: Value): Value {
    return 'number' in value ? { number: -value.number } : { node: this.graph.addOperation('negate', { x: value.node }) };
  }

  private arithmetic(fn: 'add' | 'subtract' | 'multiply' | 'divide', a: Value, b: Value): Value {
    if ('number' in a && 'number' in b) return { number: foldArithmetic(fn, a.number, b.number) };
    const graph = this.graph;
    switch (fn) {
      case 'add':
        if ('number' in b) return { node: graph.addOperation('add-constant', { x: nodeOf(a) }, { c: b.number }) };
        if ('number' in a) return { node: graph.addOperation('add-constant', { x: b.node }, { c: a.number }) };
        return { node: graph.addOperation('add', { a: a.node, b: b.node }) };
      case 'subtract':
        if ('number' in b) return { node: graph.addOperation('add-constant', { x: nodeOf(a) }, { c: -b.number }) };
        return { node: graph.addOperation('subtract', { a: this.materialize(a), b: b.node }) };
      case 'multiply':
        if ('number' in b) return { node: graph.addOperation('multiply-constant', { x: nodeOf(a) }, { c: b.number }) };
        if ('number' in a) return { node: graph.addOperation('multiply-constant', { x: b.node }, { c: a.number }) };
        return { node: graph.addOperation('multiply', { a: a.node, b: b.node }) };
      case 'divide':
        if ('number' in b) return { node: graph.addOperation('multiply-constant', { x: nodeOf(a) }, { c: 1 / b.number }) };
        if ('number' in a) return this.scaledReciprocal(a.number, b.node);
        return { node: graph.addOperation('divide', { a: a.node, b: b.node }) };
    }
  }

  /** c / x as the lecture writes it: a 1/x gate, then a multiply-constant gate unless c is 1. */
  private scaledReciprocal(c: number, x: string): Value {
    const reciprocal = this.graph.addOperation('reciprocal', { x });
    return c === 1 ? { node: reciprocal } : { node: this.graph.addOperation('multiply-constant', { x: reciprocal }, { c }) };
  }

  /** base^k for a whole number k: x·x·… with fan-out from x, and 1/x^|k| for negative k; e^x is exp(x). */
  private power(baseNode: MathNode, exponentNode: MathNode): Value {
    const base = this.convert(baseNode);
    const exponent = this.convert(exponentNode);
    if ('number' in base && 'number' in exponent) return { number: base.number ** exponent.number };
    if ('number' in base && base.number === Math.E) return { node: this.graph.addOperation('exp', { x: nodeOf(exponent) }) };
    if ('node' in exponent) {
      const text = `${baseNode.toString()}^${exponentNode.toString()}`;
      unsupported(`A power with a variable exponent (${text})`, formulaProblem('variable-exponent', { text }));
    }
    const k = exponent.number;
    if (!Number.isInteger(k) || Math.abs(k) > MAX_WHOLE_EXPONENT) {
      unsupported(
        `The power ^${exponentNode.toString()} (only whole exponents from −${MAX_WHOLE_EXPONENT} to ${MAX_WHOLE_EXPONENT} become multiply gates)`,
        formulaProblem('exponent-range', { exponent: exponentNode.toString(), max: MAX_WHOLE_EXPONENT }),
      );
    }
    if (k === 0) return { number: 1 };
    let product = nodeOf(base);
    for (let count = 1; count < Math.abs(k); count++) product = this.graph.addOperation('multiply', { a: product, b: nodeOf(base) });
    return k > 0 ? { node: product } : { node: this.graph.addOperation('reciprocal', { x: product }) };
  }

  private call({ fn, args }: { fn: MathNode; args: MathNode[] }): Value {
    if (fn.type !== 'SymbolNode') unsupported(`The call ${fn.toString()}(…)`, formulaProblem('call', { text: fn.toString() }));
    const name = symbolName(fn);
    const values = args.map((arg) => this.convert(arg));
    if (name === 'max' || name === 'min') return this.extremum(name, values);

    const unary = UNARY_FUNCTIONS[name];
    if (!unary) unsupported(name, formulaProblem('function', { name }));
    if (values.length !== 1) unsupported(`${name} with ${values.length} arguments`, formulaProblem('arity', { name, count: values.length }));
    const [x] = values;
    return 'number' in x ? { number: unary.apply(x.number) } : { node: this.graph.addOperation(unary.kind, { x: x.node }) };
  }

  /** max(a, b, c, …) as a chain of two-input gates: max(max(a, b), c). */
  private extremum(name: 'max' | 'min', values: Value[]): Value {
    if (values.length < 2) {
      unsupported(`${name} with ${values.length} argument${values.length === 1 ? '' : 's'}`, formulaProblem('arity', { name, count: values.length }));
    }
    return values.reduce((left, right) => {
      if ('number' in left && 'number' in right) return { number: Math[name](left.number, right.number) };
      return { node: this.graph.addOperation(name, { a: this.materialize(left), b: this.materialize(right) }) };
    });
  }

  /** Returns the node of a value, adding a constant node for a number. */
  private materialize(value: Value): string {
    return 'node' in value ? value.node : this.graph.addSource('constant', value.number);
  }
}

/** Returns the node id of a value that must be a node, because its partner operand is a number and both are not numbers. */
function nodeOf(value: Value): string {
  return (value as { node: string }).node;
}

function foldArithmetic(fn: 'add' | 'subtract' | 'multiply' | 'divide', a: number, b: number): number {
  if (fn === 'add') return a + b;
  if (fn === 'subtract') return a - b;
  if (fn === 'multiply') return a * b;
  return a / b;
}
