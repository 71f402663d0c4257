import { compile, type Program } from '../../engine/compile';
import type { Diagnostic } from '../../engine/diagnostics';
import type { GraphDocument } from '../../engine/document';
import { run } from '../../engine/run';
import type { Trace } from '../../engine/trace';
import { registry } from '../../nodes';
import { indexSteps, type StepIndex } from './timeline';

/** Results for one version of the document: the compiled program, its trace and their problems. */
export interface Evaluation {
  program: Program | null;
  trace: Trace | null;
  stepIndex: StepIndex;
  /** Compile and run diagnostics of each node, in the order they were found. */
  diagnosticsByNode: Readonly<Record<string, readonly Diagnostic[]>>;
  /** Message of an exception thrown by compile or run, which is a bug rather than a problem in the graph. */
  runError: string | null;
}

export const emptyEvaluation: Evaluation = {
  program: null,
  trace: null,
  stepIndex: indexSteps([]),
  diagnosticsByNode: Object.create(null),
  runError: null,
};

/** Compiles and runs a document on the active tfjs backend, catching any exception into `runError`. */
export function evaluateDocument(document: GraphDocument): Evaluation {
  try {
    const program = compile(document, registry);
    const trace = run(program);
    return { program, trace, stepIndex: indexSteps(trace.steps), diagnosticsByNode: groupByNode(trace.diagnostics), runError: null };
  } catch (error) {
    return { ...emptyEvaluation, runError: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Groups diagnostics by node id in an object without a prototype, so a node
 * named like an Object member, such as "constructor", finds no list it does not have.
 */
export function groupByNode(diagnostics: readonly Diagnostic[]): Record<string, Diagnostic[]> {
  const grouped: Record<string, Diagnostic[]> = Object.create(null);
  for (const diagnostic of diagnostics) (grouped[diagnostic.nodeId] ??= []).push(diagnostic);
  return grouped;
}
