import {
  ConstantNodeDependencies,
  create,
  derivativeDependencies,
  FunctionNodeDependencies,
  OperatorNodeDependencies,
  parseDependencies,
  simplifyDependencies,
  SymbolNodeDependencies,
  type MathNode,
} from 'mathjs';

/**
 * The parts of mathjs the expression tools use, built from factories so a
 * bundle takes only these functions and not the whole library.
 */
export const math = create({
  parseDependencies,
  simplifyDependencies,
  derivativeDependencies,
  ConstantNodeDependencies,
  FunctionNodeDependencies,
  OperatorNodeDependencies,
  SymbolNodeDependencies,
});

export type { MathNode };

export function constantNode(value: number): MathNode {
  return new math.ConstantNode(value);
}

export function symbolNode(name: string): MathNode {
  return new math.SymbolNode(name);
}

export function functionNode(name: string, args: MathNode[]): MathNode {
  return new math.FunctionNode(new math.SymbolNode(name), args);
}

export function binaryNode(op: '+' | '-' | '*' | '/', args: [MathNode, MathNode]): MathNode {
  const fn = ({ '+': 'add', '-': 'subtract', '*': 'multiply', '/': 'divide' } as const)[op];
  return new math.OperatorNode(op, fn, args);
}

export function negateNode(arg: MathNode): MathNode {
  return new math.OperatorNode('-', 'unaryMinus', [arg]);
}
