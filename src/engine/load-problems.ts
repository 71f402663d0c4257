import type { LinkLayoutCode } from './link-compact-decode';

/**
 * Codes for why a document, link or pasted text failed to load. The engine
 * keeps its English sentence next to the code and the values that sentence
 * names, so the editor can build the sentence in the reader's language.
 */
export const LOAD_PROBLEM_CODES = [
  // Text and envelope checks in load.ts.
  'too-long',
  'invalid-json',
  'not-object',
  'wrong-format',
  'invalid-version',
  'newer-version',
  // A zod schema issue, which the editor formats with zod's locale for the reader's language.
  'schema',
  // Checks in semantics.ts.
  'duplicate-node-id',
  'unknown-kind',
  'param-unknown',
  'param-unknown-none',
  'param-not-number',
  'param-below-min',
  'param-above-max',
  'param-not-boolean',
  'param-not-choice',
  'param-not-shape',
  'param-shape-too-large',
  'param-not-tensor',
  'param-tensor-size',
  'too-many-elements',
  'duplicate-edge-id',
  'edge-source-missing',
  'edge-target-missing',
  'edge-no-output-port',
  'edge-no-input-port',
  'edge-no-inputs',
  'input-wired-twice',
  'cycle',
  'self-loop',
  'more-problems',
  // Module checks in modules/check.ts. A problem inside a definition also names the module.
  'module-node-param',
  'module-node-undefined',
  'module-node-undefined-none',
  'module-node-no-input',
  'module-node-no-inputs',
  'module-node-no-output',
  'module-node-no-outputs',
  'module-input-node-missing',
  'module-input-no-port',
  'module-input-no-ports',
  'module-input-bound-twice',
  'module-input-wired-inside',
  'module-output-name-taken',
  'module-output-node-missing',
  'module-output-no-port',
  'module-output-no-ports',
  'module-contains-itself',
  'module-too-deep',
  // Quiz checks in quiz/check.ts.
  'quiz-edge-listed-twice',
  'quiz-port-listed-twice',
  'quiz-edge-missing',
  'quiz-node-missing',
  'quiz-no-port',
  'quiz-no-ports',
  // Link decoding in link.ts.
  'link-not-text',
  'link-too-long',
  'link-not-link',
  'link-bad-character',
  'link-trailing-character',
  'link-newer-format',
  'link-unknown-format',
  'link-size-missing',
  'link-too-large',
  'link-inflate-overflow',
  'link-inflate-failed',
  'link-size-mismatch',
  'link-layout',
  'link-empty',
  'link-short',
  'link-short-unreadable',
  'link-long',
  'link-length-field',
  'link-checksum',
] as const;

export type LoadProblemCode = (typeof LOAD_PROBLEM_CODES)[number];

/**
 * A zod issue as zod reports it with `reportInput`, without the nested issues
 * of a union. Its fields are the ones zod's locale error maps read, so the
 * editor can format it again in another language. `message` is zod's English text.
 */
export interface SchemaIssueFields {
  code: string;
  path: PropertyKey[];
  message: string;
  input?: unknown;
  [field: string]: unknown;
}

/** Why a document failed to load: a code and the values its sentence names. */
export interface LoadProblem {
  code: LoadProblemCode;
  details: Record<string, string | number>;
  /** Name of the module whose definition has the problem; its sentence then starts with `Module "name": `. */
  module?: string;
  /** For code "schema": the zod issue to format in the reader's language. */
  issue?: SchemaIssueFields;
  /** For code "cycle": the ids of the nodes the sentence lists, in the order it lists them. */
  nodes?: string[];
  /** For code "link-layout": why the link's content does not have the layout of its link format. */
  layout?: { code: LinkLayoutCode; details: Record<string, string | number> };
}

/** A load problem with its English sentence, for logs, the CLI and tests. */
export interface DescribedProblem {
  text: string;
  problem: LoadProblem;
}

/** Returns `problem` as a problem inside the definition of module `name`, with the sentence that names the module. */
export function inModule(name: string, { text, problem }: DescribedProblem): DescribedProblem {
  return { text: `Module "${name}": ${text}`, problem: { ...problem, module: name } };
}
