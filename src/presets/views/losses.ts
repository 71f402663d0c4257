import { compile } from '../../engine/compile';
import type { GraphDocument } from '../../engine/document';
import { run } from '../../engine/run';
import type { Trace } from '../../engine/trace';
import type { KindRegistry } from '../../engine/types';
import { GraphBuilder } from '../builder';

/** Node ids of the hinge-vs-softmax graph: one scores matrix per loss, so each gradient belongs to one loss only. */
export const LOSS_NODES = { hingeScores: 'S_hinge', softmaxScores: 'S_softmax', labels: 'y', hinge: 'hinge', softmax: 'softmax' } as const;

/** The lecture's three examples with the correct class first: hinge loss 0 for each, softmax loss above 0 for each. */
export const LECTURE_ROWS: number[][] = [[10, -2, 3], [10, 9, 9], [10, -100, -100]];
export const LECTURE_LABELS: number[] = [0, 0, 0];

/** Builds the graph: the same scores [N, C] feed a multiclass SVM loss (margin 1) and a softmax cross-entropy loss. */
export function buildLossGraph(rows: readonly number[][], labels: readonly number[]): GraphDocument {
  const scores = { shape: [rows.length, rows[0].length], data: rows.flat() };
  return new GraphBuilder('Hinge loss and softmax loss on the same scores')
    .node(LOSS_NODES.hingeScores, 'input', {}, 0, 0, { value: scores })
    .node(LOSS_NODES.labels, 'labels', {}, 0, 220, { value: { shape: [labels.length], data: [...labels] } })
    .node(LOSS_NODES.softmaxScores, 'input', {}, 0, 440, { value: structuredClone(scores) })
    .node(LOSS_NODES.hinge, 'svm-loss', { scores: LOSS_NODES.hingeScores, labels: LOSS_NODES.labels }, 460, 60, { margin: 1 })
    .node(LOSS_NODES.softmax, 'softmax-ce', { scores: LOSS_NODES.softmaxScores, labels: LOSS_NODES.labels }, 460, 380)
    .build();
}

/** One example's losses and the gradients of its own loss L_i with respect to its scores. */
export interface RowLosses {
  hinge: number;
  softmax: number;
  hingeGradient: number[];
  softmaxGradient: number[];
  probabilities: number[];
}

/**
 * Reads per-example losses and gradients from a trace of the loss graph.
 * The nodes output the mean over the N examples, so ∂L/∂s_i is ∂L_i/∂s_i / N
 * and each row's gradient is scaled back by N. Returns null while the trace
 * lacks a node, for example after the user deleted one.
 */
export function rowsFromTrace(trace: Trace): RowLosses[] | null {
  const hinge = trace.nodes[LOSS_NODES.hinge];
  const softmax = trace.nodes[LOSS_NODES.softmax];
  const hingeScores = trace.nodes[LOSS_NODES.hingeScores];
  const softmaxScores = trace.nodes[LOSS_NODES.softmaxScores];
  const labels = trace.nodes[LOSS_NODES.labels];
  if (!hinge?.outputs[1] || !softmax?.outputs[1] || !hingeScores?.upstream || !softmaxScores?.upstream || !labels) return null;

  const perExample = hinge.outputs[1].data;
  const probabilities = softmax.outputs[1];
  const classes = probabilities.shape[probabilities.shape.length - 1];
  const count = perExample.length;
  const rowOf = (data: number[], i: number) => data.slice(i * classes, (i + 1) * classes);
  return Array.from({ length: count }, (_unused, i) => {
    const scores = rowOf(softmaxScores.outputs[0].data, i);
    return {
      hinge: perExample[i],
      softmax: crossEntropy(scores, labels.outputs[0].data[i]),
      hingeGradient: rowOf(hingeScores.upstream![0].data, i).map((g) => g * count),
      softmaxGradient: rowOf(softmaxScores.upstream![0].data, i).map((g) => g * count),
      probabilities: rowOf(probabilities.data, i),
    };
  });
}

/**
 * −ln softmax(s)_y in the log-sum-exp form ln Σ exp(s_j − m) + m − s_y with m = max s,
 * which stays finite where the probability itself rounds to 0 in float32.
 */
function crossEntropy(scores: number[], label: number): number {
  const top = Math.max(...scores);
  const sum = scores.reduce((total, score) => total + Math.exp(score - top), 0);
  return Math.log(sum) + top - scores[label];
}

/** Runs the loss graph on the given rows with the engine and returns each row's losses and gradients. */
export function rowLosses(rows: readonly number[][], labels: readonly number[], registry: KindRegistry): RowLosses[] {
  const trace = run(compile(buildLossGraph(rows, labels), registry));
  const result = rowsFromTrace(trace);
  if (!result) throw new Error('rowLosses: the loss graph did not produce every value; see trace.diagnostics');
  return result;
}

/**
 * Both losses of one example as its correct-class score takes each of `values`,
 * the other scores fixed: the lecture's question of how each loss changes when
 * a score changes. All values run as one batch through the engine.
 */
export function lossesAlongCorrectScore(row: readonly number[], label: number, values: readonly number[], registry: KindRegistry): { hinge: number[]; softmax: number[] } {
  const rows = values.map((value) => row.map((score, j) => (j === label ? value : score)));
  const losses = rowLosses(rows, values.map(() => label), registry);
  return { hinge: losses.map((row) => row.hinge), softmax: losses.map((row) => row.softmax) };
}
