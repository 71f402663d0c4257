import * as tf from '@tensorflow/tfjs-core';
import type { DatasetSettings, GraphDocument } from '../src/engine/document';
import { findPreset } from '../src/presets';

interface Layer {
  weightId: string;
  biasId: string;
}

/** A classifier preset as a document, with what the hand-written tfjs version needs to mirror it. */
export interface ClassifierGraph {
  document: GraphDocument;
  batchId: string;
  layers: Layer[];
  classes: number;
  /** L2 strength on every weight matrix; 0 when the preset has no penalty. */
  lambda: number;
}

/** Builds a classifier preset for a dataset with its batch node set to `batch` examples. */
export function classifierGraph(presetId: string, datasetName: string, batch: number): ClassifierGraph {
  const preset = findPreset(presetId);
  if (!preset?.buildForDataset) throw new Error(`preset "${presetId}" not found or not a classifier; use mlp2, mlp6 or linear-softmax`);
  const base = preset.buildForDataset({ name: datasetName } as DatasetSettings);
  const document = { ...base, nodes: base.nodes.map((node) => (node.kind === 'batch' ? { ...node, params: { ...node.params, batchSize: batch } } : node)) };
  const weights = document.nodes.filter((node) => node.kind === 'parameter' && node.id.startsWith('W'));
  const layers = weights.map((node) => ({ weightId: node.id, biasId: node.id.replace('W', 'b') }));
  const lastShape = weights.at(-1)!.params.shape as number[];
  const penalty = document.nodes.find((node) => node.kind === 'l2-penalty');
  return {
    document,
    batchId: document.nodes.find((node) => node.kind === 'batch')!.id,
    layers,
    classes: lastShape[1],
    lambda: (penalty?.params.lambda as number) ?? 0,
  };
}

/**
 * Computes the loss of the same network written directly with tfjs ops, for tf.variableGrads:
 * ReLU hidden layers, mean softmax cross-entropy and λ Σ W² per weight matrix.
 */
export function directLoss(graph: ClassifierGraph, variables: ReadonlyMap<string, tf.Variable>, x: tf.Tensor2D, y: tf.Tensor1D): tf.Scalar {
  let signal: tf.Tensor = x;
  graph.layers.forEach((layer, index) => {
    signal = tf.add(tf.matMul(signal, variables.get(layer.weightId)!), variables.get(layer.biasId)!);
    if (index < graph.layers.length - 1) signal = tf.relu(signal);
  });
  const onehot = tf.oneHot(y, graph.classes);
  const dataLoss = tf.mean(tf.neg(tf.sum(tf.mul(onehot, tf.logSoftmax(signal)), 1)));
  const penalties = graph.layers.map((layer) => tf.mul(graph.lambda, tf.sum(tf.square(variables.get(layer.weightId)!))));
  return tf.addN([dataLoss, ...penalties]) as tf.Scalar;
}
