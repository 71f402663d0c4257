/**
 * Codes of the module operations' errors. Each failed collapse, expand or
 * rename carries an English `error` for the CLI and tests, and a ModuleProblem
 * with the same facts, from which the editor writes the message in the user's language.
 */
export const MODULE_PROBLEM_CODES = [
  'empty-selection',
  'missing-node',
  'invalid-name',
  'name-taken',
  'cycle',
  'too-deep',
  'not-a-module',
  'undefined-module',
  'unknown-module',
] as const;

export type ModuleProblemCode = (typeof MODULE_PROBLEM_CODES)[number];

export interface ModuleProblem {
  code: ModuleProblemCode;
  /** Values for the message's placeholders, such as the node id or the module name. */
  details: Readonly<Record<string, string>>;
}

export type ModuleFailure = { ok: false; error: string; problem: ModuleProblem };

export function moduleFailure(error: string, code: ModuleProblemCode, details: Record<string, string> = {}): ModuleFailure {
  return { ok: false, error, problem: { code, details } };
}
