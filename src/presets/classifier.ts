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
  /** Widths of the hidden ReLU layers; empty for a linear classifier. */
  hidden: number[];
  activation?: 'relu' | 'sigmoid' | 'tanh';
  /** L2 strength λ on every weight matrix. */
  lambda: number;
  init: 'small-random' | 'xavier' | 'he';
  training: TrainingSettings;
}

const COLUMN = 230;

/**
 * Builds a training graph: batch → (matmul → bias-add → activation)* →
 * matmul → bias-add → data loss, plus λ·Σw² per weight matrix, summed into the
 * total loss L. Weights are drawn from a seeded distribution by their node.
 */
export function buildClassifier(options: ClassifierOptions, size: ClassifierSize): GraphDocument {
  const graph = new GraphBuilder(options.title);
  const widths = [size.features, ...options.hidden, size.classes];
  graph.node('data', 'batch', {}, 0, 200, { features: size.features, batchSize: options.training.batchSize });

  let signal = 'data:X';
  const penalties: string[] = [];
  for (let layer = 1; layer < widths.length; layer++) {
    const x = layer * 2 * COLUMN - COLUMN;
    const last = layer === widths.length - 1;
    const suffix = widths.length === 2 ? '' : String(layer);
    const [w, b, h, z] = [`W${suffix}`, `b${suffix}`, `h${suffix}`, `z${suffix}`];
    graph
      .node(w, 'parameter', {}, x - 100, 20, { init: options.init, shape: [widths[layer - 1], widths[layer]], seed: layer })
      .node(b, 'parameter', {}, x + 120, 380, { init: 'zeros', shape: [widths[layer]], seed: 0 })
      .node(h, 'matmul', { a: signal, b: w }, x, 200)
      .node(last ? 'scores' : z, 'bias-add', { x: h, b }, x + COLUMN * 0.6, 260);
    if (options.lambda > 0) {
      graph.node(`reg${suffix}`, 'l2-penalty', { w }, x + 60, -120, { lambda: options.lambda });
      penalties.push(`reg${suffix}`);
    }
    signal = last ? 'scores' : `${options.activation ?? 'relu'}${suffix}`;
    if (!last) graph.node(signal, options.activation ?? 'relu', { x: z }, x + COLUMN * 1.2, 200);
  }

  const right = widths.length * 2 * COLUMN;
  graph.node('dataLoss', options.loss, { scores: 'scores', labels: 'data:y' }, right - COLUMN, 240);
  let total = 'dataLoss:loss';
  for (const [index, penalty] of penalties.entries()) {
    const id = index === penalties.length - 1 ? 'L' : `L${index}`;
    graph.node(id, 'add', { a: total, b: penalty }, right + index * 150, 100);
    total = id;
  }
  return { ...graph.build(), training: structuredClone(options.training) };
}
