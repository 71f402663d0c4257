export { expressionToGraph, AVAILABLE_SYNTAX, MAX_EXPRESSION_CHARS, type ExpressionOptions, type ExpressionResult } from './to-graph';
export { nodeFormula, type FormulaResult, type FormulaVariable, type NodeFormula } from './from-graph';
export { formulaDerivative, formulaTex, formulaText, idTex, type DerivativeResult } from './derive';
export { formulaProblem, UNSUPPORTED_SYNTAX_CODES, type FormulaProblem, type FormulaProblemCode } from './problem';
