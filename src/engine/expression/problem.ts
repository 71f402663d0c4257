/**
 * Codes of the formula tools' errors. Each result that fails carries an
 * English `error` for the CLI and tests, and a FormulaProblem with the same
 * facts, from which the editor writes the message in the user's language.
 */
export type FormulaProblemCode =
  // Expression → graph
  | 'too-long'
  | 'syntax'
  | 'syntax-unplaced'
  | 'variable-not-finite'
  | 'constant'
  | 'syntax-node'
  | 'operator'
  | 'variable-exponent'
  | 'exponent-range'
  | 'call'
  | 'function'
  | 'arity'
  // Graph → formula
  | 'missing-node'
  | 'cycle'
  | 'too-large'
  | 'unwired'
  | 'not-elementwise'
  // Derivative
  | 'not-a-source'
  | 'tensor-branch';

/** Codes whose message ends with the list of supported syntax. */
export const UNSUPPORTED_SYNTAX_CODES: ReadonlySet<FormulaProblemCode> = new Set([
  'constant', 'syntax-node', 'operator', 'variable-exponent', 'exponent-range', 'call', 'function', 'arity',
]);

export interface FormulaProblem {
  code: FormulaProblemCode;
  /** Values for the message's placeholders, such as the node id or the operator. */
  details: Readonly<Record<string, string | number>>;
}

export function formulaProblem(code: FormulaProblemCode, details: Record<string, string | number>): FormulaProblem {
  return { code, details };
}
