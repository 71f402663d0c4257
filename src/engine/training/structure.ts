import type { GraphDocument, GraphNode } from '../document';
import { resolveOutput } from '../modules/expand';
import type { TrainingProblem } from './problems';

/** Kinds whose output is the data loss the training loop records. */
export const DATA_LOSS_KINDS = ['svm-loss', 'softmax-ce'] as const;
/** Kinds whose outputs add up to the regularization loss. */
export const PENALTY_KINDS = ['l1-penalty', 'l2-penalty', 'elastic-net'] as const;

/** The roles the training loop needs to find in a graph. */
export interface TrainingStructure {
  batchId: string;
  lossId: string;
  lossKind: (typeof DATA_LOSS_KINDS)[number];
  /** Node and port whose value is the class scores the loss reads. */
  scores: { nodeId: string; port: string };
  penaltyIds: string[];
  parameterIds: string[];
}

export type StructureResult = { ok: true; structure: TrainingStructure } | { ok: false; error: string; problem: TrainingProblem };

function failure(problem: TrainingProblem): StructureResult {
  return { ok: false, error: problem.message, problem };
}

/**
 * Finds the batch node, the data loss node, the scores it reads, the penalties
 * and the parameters of a training graph, or returns a message naming what is missing.
 */
export function findTrainingStructure(document: GraphDocument): StructureResult {
  const batches = document.nodes.filter((node) => node.kind === 'batch');
  if (batches.length !== 1) {
    return failure({ code: 'batch-count', message: `Training needs exactly one batch node to feed examples; the graph has ${batches.length}.`, details: { count: batches.length } });
  }
  const losses = document.nodes.filter((node) => (DATA_LOSS_KINDS as readonly string[]).includes(node.kind));
  if (losses.length !== 1) {
    return failure({ code: 'loss-count', message: `Training needs exactly one data loss node (svm-loss or softmax-ce); the graph has ${losses.length}.`, details: { count: losses.length } });
  }
  const loss = losses[0];
  const scoresEdge = document.edges.find((edge) => edge.target === loss.id && edge.targetPort === 'scores');
  if (!scoresEdge) return failure({ code: 'scores-unwired', message: `Node "${loss.id}" (${loss.kind}), input scores: no wire connected.`, details: { node: loss.id, kind: loss.kind } });
  // Scores computed inside a module come from an inner node of the compiled program.
  const scores = resolveOutput(document, scoresEdge.source, scoresEdge.sourcePort);
  if (!scores) {
    const message = `Node "${loss.id}" (${loss.kind}), input scores: module node "${scoresEdge.source}" cannot be expanded; see its problems.`;
    return failure({ code: 'scores-module', message, details: { node: loss.id, kind: loss.kind, module: scoresEdge.source } });
  }

  const parameterIds = document.nodes.filter((node) => node.kind === 'parameter').map((node) => node.id);
  if (parameterIds.length === 0) return failure({ code: 'no-parameters', message: 'Training needs at least one parameter node to update.', details: {} });

  return {
    ok: true,
    structure: {
      batchId: batches[0].id,
      lossId: loss.id,
      lossKind: loss.kind as TrainingStructure['lossKind'],
      scores: { nodeId: scores.node, port: scores.port },
      penaltyIds: document.nodes.filter((node: GraphNode) => (PENALTY_KINDS as readonly string[]).includes(node.kind)).map((node) => node.id),
      parameterIds,
    },
  };
}

/**
 * Returns the data loss a classifier with small random weights should start at:
 * ln C for softmax cross-entropy, C − 1 for the SVM loss with margin 1.
 */
export function expectedInitialLoss(lossKind: TrainingStructure['lossKind'], classes: number, margin = 1): number {
  return lossKind === 'softmax-ce' ? Math.log(classes) : (classes - 1) * margin;
}
