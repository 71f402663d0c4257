import type { GraphDocument, TrainingSettings } from '../engine/document';
import { GraphBuilder } from './builder';

/** Input and output sizes of a classifier: features per example and number of classes. */
export interface ClassifierSize {
  features: number;
  classes: number;
}

export interface ClassifierOptions {
  title: string;
  loss: 'softmax-ce' | 'svm-loss';
  /** Widths of the hidden layers; empty for a linear classifier. */
  hidden: number[];
  /** Widths of the hidden layers on MNIST, when they differ from `hidden`. */
  mnistHidden?: number[];
  activation?: 'relu' | 'sigmoid' | 'tanh';
  /** L2 strength λ on every weight matrix. */
  lambda: number;
  init: 'small-random' | 'xavier' | 'he';
  training: TrainingSettings;
}

/**
 * Horizontal distance between the nodes of the main chain, in canvas pixels.
 * A node is drawn up to 240 px wide. The 120 px left hold the wire's value and
 * gradient labels, which are up to about 100 px wide for a tensor.
 */
const STEP = 360;
/** Horizontal distance between the adds that sum the losses: an add is drawn 150 px wide, and its labels are scalars. */
const LOSS_STEP = 270;
/** Vertical distance between rows, in canvas pixels. */
const ROW = 190;
/** How far left of its matmul a weight matrix starts, so that the wire into the matmul has room for its labels. */
const WEIGHT_OFFSET = 340;
/** How far right of its matmul the L2 penalty of its weights starts, so that the wire from W to it has room for its labels. */
const PENALTY_OFFSET = 100;
/**
 * How far left of its matmul a bias starts. The bias sits low enough that
 * the middle of its wire to the bias-add, where that wire's labels sit,
 * comes below the matmul rather than beside it.
 */
const BIAS_OFFSET = 40;
/**
 * Height of the wire from the batch's labels to the data loss, which spans
 * the whole chain. It runs between the chain's nodes, which end 347 px down,
 * and the biases, so that neither it nor its labels pass under a node.
 */
const LABELS_LANE = 390;
/** How far below a node's top the batch's y output and the data loss's labels input are drawn, in normal mode. */
const BATCH_LABELS_OUTPUT = 158;
const LOSS_LABELS_INPUT = 92;

/**
 * Builds a training graph: batch → (matmul → bias-add → activation)* →
 * matmul → bias-add → data loss, plus λ·Σw² per weight matrix, summed into the
 * total loss L. Weights are drawn from a seeded distribution by their node.
 * Each layer takes three steps of the chain: matmul, bias-add and the
 * activation; W sits above and left of its matmul, λ·Σw² right of W, and b
 * below it, so that every wire runs left to right. The wire of the labels
 * runs in a lane of its own under the chain.
 */
export function buildClassifier(options: ClassifierOptions, size: ClassifierSize): GraphDocument {
  const graph = new GraphBuilder(options.title);
  const widths = [size.features, ...options.hidden, size.classes];
  const activation = options.activation ?? 'relu';
  graph.node('data', 'batch', {}, 0, LABELS_LANE - BATCH_LABELS_OUTPUT, { features: size.features, batchSize: options.training.batchSize });

  let signal = 'data:X';
  const penalties: string[] = [];
  for (let layer = 1; layer < widths.length; layer++) {
    const x = STEP + (layer - 1) * 3 * STEP;
    const last = layer === widths.length - 1;
    const suffix = widths.length === 2 ? '' : String(layer);
    const [w, b, h, z] = [`W${suffix}`, `b${suffix}`, `h${suffix}`, last ? 'scores' : `z${suffix}`];
    graph
      .node(w, 'parameter', {}, x - WEIGHT_OFFSET, -ROW * 0.2, { init: options.init, shape: [widths[layer - 1], widths[layer]], seed: layer })
      .node(h, 'matmul', { a: signal, b: w }, x, ROW * 1.2)
      .node(b, 'parameter', {}, x - BIAS_OFFSET, ROW * 2.8, { init: 'zeros', shape: [widths[layer]] })
      .node(z, 'bias-add', { x: h, b }, x + STEP, ROW * 1.2);
    if (options.lambda > 0) {
      graph.node(`reg${suffix}`, 'l2-penalty', { w }, x + PENALTY_OFFSET, -ROW * 1.2, { lambda: options.lambda });
      penalties.push(`reg${suffix}`);
    }
    signal = last ? 'scores' : `${activation}${suffix}`;
    if (!last) graph.node(signal, activation, { x: z }, x + 2 * STEP, ROW * 1.2);
  }

  const right = STEP + (widths.length - 1) * 3 * STEP - STEP;
  graph.node('dataLoss', options.loss, { scores: 'scores', labels: 'data:y' }, right, LABELS_LANE - LOSS_LABELS_INPUT);
  let total = 'dataLoss:loss';
  for (const [index, penalty] of penalties.entries()) {
    const id = index === penalties.length - 1 ? 'L' : `L${index + 1}`;
    graph.node(id, 'add', { a: total, b: penalty }, right + LOSS_STEP * (index + 1), 0);
    total = id;
  }
  return { ...graph.build(), training: structuredClone(options.training) };
}
