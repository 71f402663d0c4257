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

/** Horizontal distance between node columns and vertical distance between rows, in canvas pixels. */
const COLUMN = 320;
const ROW = 190;

/**
 * Builds a training graph: batch → (matmul → bias-add → activation)* →
 * matmul → bias-add → data loss, plus λ·Σw² per weight matrix, summed into the
 * total loss L. Weights are drawn from a seeded distribution by their node.
 * Each layer takes three columns: matmul with W above it, bias-add with b below, the activation.
 */
export function buildClassifier(options: ClassifierOptions, size: ClassifierSize): GraphDocument {
  const graph = new GraphBuilder(options.title);
  const widths = [size.features, ...options.hidden, size.classes];
  const activation = options.activation ?? 'relu';
  graph.node('data', 'batch', {}, 0, ROW, { features: size.features, batchSize: options.training.batchSize });

  let signal = 'data:X';
  const penalties: string[] = [];
  for (let layer = 1; layer < widths.length; layer++) {
    const x = COLUMN + (layer - 1) * 3 * COLUMN;
    const last = layer === widths.length - 1;
    const suffix = widths.length === 2 ? '' : String(layer);
    const [w, b, h, z] = [`W${suffix}`, `b${suffix}`, `h${suffix}`, last ? 'scores' : `z${suffix}`];
    graph
      .node(w, 'parameter', {}, x, 0, { init: options.init, shape: [widths[layer - 1], widths[layer]], seed: layer })
      .node(h, 'matmul', { a: signal, b: w }, x + COLUMN * 0.5, ROW * 1.2)
      .node(b, 'parameter', {}, x + COLUMN, ROW * 2.3, { init: 'zeros', shape: [widths[layer]] })
      .node(z, 'bias-add', { x: h, b }, x + COLUMN * 1.5, ROW * 1.2);
    if (options.lambda > 0) {
      graph.node(`reg${suffix}`, 'l2-penalty', { w }, x + COLUMN, -ROW, { lambda: options.lambda });
      penalties.push(`reg${suffix}`);
    }
    signal = last ? 'scores' : `${activation}${suffix}`;
    if (!last) graph.node(signal, activation, { x: z }, x + COLUMN * 2.4, ROW * 1.2);
  }

  const right = COLUMN + (widths.length - 1) * 3 * COLUMN - COLUMN * 0.6;
  graph.node('dataLoss', options.loss, { scores: 'scores', labels: 'data:y' }, right, ROW * 1.2);
  let total = 'dataLoss:loss';
  for (const [index, penalty] of penalties.entries()) {
    const id = index === penalties.length - 1 ? 'L' : `L${index + 1}`;
    graph.node(id, 'add', { a: total, b: penalty }, right + COLUMN * (index + 1), 0);
    total = id;
  }
  return { ...graph.build(), training: structuredClone(options.training) };
}
