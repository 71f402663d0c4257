import * as tf from '@tensorflow/tfjs-core';
import { compile, type Program } from '../src/engine/compile';
import type { GraphDocument } from '../src/engine/document';
import { computeGradients } from '../src/engine/gradients';
import { createOptimizer } from '../src/engine/optimizers';
import { registry } from '../src/nodes';
import { findPreset } from '../src/presets';
import type { Dataset } from '../src/presets/datasets';

const BATCH = 128;
const WARMUP_STEPS = 5;
const MEASURED_STEPS = 40;

interface Layer {
  weightId: string;
  biasId: string;
}

/** Builds the preset for MNIST at batch size 128 and lists its layers in order. */
function mnistGraph(presetId: string): { document: GraphDocument; layers: Layer[]; lambda: number } {
  const base = findPreset(presetId)!.buildForDataset!({ name: 'mnist' });
  const document = { ...base, nodes: base.nodes.map((node) => (node.kind === 'batch' ? { ...node, params: { ...node.params, batchSize: BATCH } } : node)) };
  const weights = document.nodes.filter((node) => node.kind === 'parameter' && node.id.startsWith('W'));
  const layers = weights.map((node) => ({ weightId: node.id, biasId: node.id.replace('W', 'b') }));
  const penalty = document.nodes.find((node) => node.kind === 'l2-penalty');
  return { document, layers, lambda: (penalty?.params.lambda as number) ?? 0 };
}

/** The same network written directly with tfjs ops, for tf.variableGrads. */
function directLoss(layers: Layer[], variables: Map<string, tf.Variable>, lambda: number, x: tf.Tensor2D, y: tf.Tensor1D): tf.Scalar {
  let signal: tf.Tensor = x;
  layers.forEach((layer, index) => {
    signal = tf.add(tf.matMul(signal, variables.get(layer.weightId)!), variables.get(layer.biasId)!);
    if (index < layers.length - 1) signal = tf.relu(signal);
  });
  const onehot = tf.oneHot(y, 10);
  const dataLoss = tf.mean(tf.neg(tf.sum(tf.mul(onehot, tf.logSoftmax(signal)), 1)));
  const penalties = layers.map((layer) => tf.mul(lambda, tf.sum(tf.square(variables.get(layer.weightId)!))));
  return tf.addN([dataLoss, ...penalties]) as tf.Scalar;
}

function initialVariables(program: Program): Map<string, tf.Variable> {
  const variables = new Map<string, tf.Variable>();
  for (const node of program.order) {
    if (node.kind.kind !== 'parameter') continue;
    const [value] = node.kind.forward({ inputs: [], params: node.params });
    variables.set(node.id, tf.variable(value, true));
    value.dispose();
  }
  return variables;
}

function maxDifference(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

function millisecondsPerStep(step: () => void): number {
  const started = performance.now();
  for (let i = 0; i < MEASURED_STEPS; i++) step();
  return (performance.now() - started) / MEASURED_STEPS;
}

/** Times one training step of the engine against the same network in plain tfjs. */
export function benchEngine(presetId: string, backend: string, mnist: Dataset): Record<string, unknown> {
  const { document, layers, lambda } = mnistGraph(presetId);
  const program = compile(document, registry);
  const batchId = document.nodes.find((node) => node.kind === 'batch')!.id;
  const x = tf.tensor2d(mnist.x.subarray(0, BATCH * 784), [BATCH, 784]);
  const y = tf.tensor1d(mnist.y.subarray(0, BATCH), 'int32');
  const engineVariables = initialVariables(program);
  const directVariables = initialVariables(program);
  const engineOptimizer = createOptimizer({ name: 'adam', learningRate: 1e-3 });
  const directOptimizer = createOptimizer({ name: 'adam', learningRate: 1e-3 });

  // Gradients of both on the same weights and batch, before any update.
  const gradientDifference = tf.tidy(() => {
    const ours = computeGradients(program, { [batchId]: [x, y] }, engineVariables).grads;
    const direct = tf.variableGrads(() => directLoss(layers, directVariables, lambda, x, y), [...directVariables.values()]).grads;
    return Math.max(...[...directVariables.entries()].map(([id, variable]) => maxDifference(ours.get(id)!, direct[variable.name])));
  });

  const engineStep = () => tf.tidy(() => {
    const { loss, grads } = computeGradients(program, { [batchId]: [x, y] }, engineVariables);
    engineOptimizer.applyGradients(Object.fromEntries([...grads].map(([id, gradient]) => [engineVariables.get(id)!.name, gradient])));
    loss.dataSync();
  });
  const directStep = () => tf.tidy(() => {
    const { value, grads } = tf.variableGrads(() => directLoss(layers, directVariables, lambda, x, y), [...directVariables.values()]);
    directOptimizer.applyGradients(grads);
    value.dataSync();
  });

  for (let i = 0; i < WARMUP_STEPS; i++) {
    engineStep();
    directStep();
  }
  const tensorsBefore = tf.memory().numTensors;
  // Alternate the two in blocks so drift in machine load touches both alike.
  let engineMs = 0;
  let directMs = 0;
  for (let round = 0; round < 3; round++) {
    engineMs += millisecondsPerStep(engineStep) / 3;
    directMs += millisecondsPerStep(directStep) / 3;
  }
  const tensorsAfter = tf.memory().numTensors;

  tf.dispose([x, y, ...engineVariables.values(), ...directVariables.values()]);
  engineOptimizer.dispose();
  directOptimizer.dispose();
  return {
    bench: 'engine', model: presetId, backend, batch: BATCH,
    engineMs: round(engineMs), tfjsMs: round(directMs), ratio: round(engineMs / directMs),
    maxGradientDifference: gradientDifference, tensorGrowth: tensorsAfter - tensorsBefore,
  };
}

function round(value: number): number {
  return Number(value.toFixed(3));
}
