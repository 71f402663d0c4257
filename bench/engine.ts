import * as tf from '@tensorflow/tfjs-core';
import { compile, type Program } from '../src/engine/compile';
import { computeGradients } from '../src/engine/gradients';
import { createOptimizer } from '../src/engine/optimizers';
import { registry } from '../src/nodes';
import { selectExamples, shuffledIndices, type Dataset } from '../src/presets/datasets';
import { classifierGraph, directLoss, type ClassifierGraph } from './engine-models';

/**
 * One comparison: a preset trained on `data` with minibatches of `batch`
 * examples. Runs in Node and in the browser, because nothing here touches Node APIs.
 */
export interface EngineCase {
  presetId: string;
  data: Dataset;
  batch: number;
  backend: string;
  /** Steps per timed block. Each round times one block of the engine, then one of plain tfjs. */
  stepsPerRound: number;
  rounds: number;
  /**
   * Milliseconds from some fixed point. Node passes the process's CPU time,
   * which other processes on a busy machine disturb less than wall time.
   */
  clock(): number;
}

const WARMUP_STEPS = 5;

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

/** Builds the two training steps (engine and plain tfjs) on the same batch, each with its own weights and Adam state. */
function createSteps(graph: ClassifierGraph, program: Program, x: tf.Tensor2D, y: tf.Tensor1D) {
  const feeds = { [graph.batchId]: [x, y] };
  const engineVariables = initialVariables(program);
  const directVariables = initialVariables(program);
  const engineOptimizer = createOptimizer({ name: 'adam', learningRate: 1e-3 });
  const directOptimizer = createOptimizer({ name: 'adam', learningRate: 1e-3 });
  const direct = () => directLoss(graph, directVariables, x, y);

  // Gradients of both on the same weights and batch, before any update.
  const gradientDifference = tf.tidy(() => {
    const ours = computeGradients(program, feeds, engineVariables).grads;
    const theirs = tf.variableGrads(direct, [...directVariables.values()]).grads;
    return Math.max(...[...directVariables.entries()].map(([id, variable]) => maxDifference(ours.get(id)!, theirs[variable.name])));
  });

  const engineStep = () => tf.tidy(() => {
    const { loss, grads } = computeGradients(program, feeds, engineVariables);
    engineOptimizer.applyGradients(Object.fromEntries([...grads].map(([id, gradient]) => [engineVariables.get(id)!.name, gradient])));
    loss.dataSync();
  });
  const directStep = () => tf.tidy(() => {
    const { value, grads } = tf.variableGrads(direct, [...directVariables.values()]);
    directOptimizer.applyGradients(grads);
    value.dataSync();
  });
  const dispose = () => {
    tf.dispose([...engineVariables.values(), ...directVariables.values()]);
    engineOptimizer.dispose();
    directOptimizer.dispose();
  };
  return { engineStep, directStep, gradientDifference, dispose };
}

function millisecondsPerStep(step: () => void, steps: number, clock: () => number): number {
  const started = clock();
  for (let i = 0; i < steps; i++) step();
  return (clock() - started) / steps;
}

/** Counts the tfjs kernels that one call of `step` runs, tiny ones included, with tf.profile. */
async function kernelsPerStep(step: () => void): Promise<number> {
  const info = await tf.profile(step);
  return info.kernels.length;
}

/** Returns the q-quantile of `values` (0.5 is the median), interpolating between neighbours. */
function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

/**
 * Times one training step of the engine against the same network in plain
 * tfjs. The two alternate in blocks of `stepsPerRound`, so drift in machine
 * load touches both alike. `ratio` is the median of the per-round ratios and
 * `ratioQ1`, `ratioQ3` their quartiles, which show how noisy the run was.
 */
export async function benchEngine(config: EngineCase): Promise<Record<string, unknown>> {
  const graph = classifierGraph(config.presetId, config.data.name, config.batch);
  const program = compile(graph.document, registry);
  const { batch } = config;
  // A shuffled batch, because the datasets store their examples sorted by class.
  const data = selectExamples(config.data, shuffledIndices(config.data.y.length, 1).subarray(0, batch));
  const x = tf.tensor2d(data.x.subarray(0, batch * data.features), [batch, data.features]);
  const y = tf.tensor1d(data.y.subarray(0, batch), 'int32');
  const steps = createSteps(graph, program, x, y);

  for (let i = 0; i < WARMUP_STEPS; i++) {
    steps.engineStep();
    steps.directStep();
  }
  const engineKernels = await kernelsPerStep(steps.engineStep);
  const tfjsKernels = await kernelsPerStep(steps.directStep);
  const tensorsBefore = tf.memory().numTensors;
  const engineTimes: number[] = [];
  const directTimes: number[] = [];
  for (let round = 0; round < config.rounds; round++) {
    engineTimes.push(millisecondsPerStep(steps.engineStep, config.stepsPerRound, config.clock));
    directTimes.push(millisecondsPerStep(steps.directStep, config.stepsPerRound, config.clock));
  }
  const tensorGrowth = tf.memory().numTensors - tensorsBefore;

  steps.dispose();
  tf.dispose([x, y]);
  const ratios = engineTimes.map((engineMs, round) => engineMs / directTimes[round]);
  return {
    bench: 'engine', model: config.presetId, dataset: data.name, backend: config.backend, batch,
    engineMs: round3(quantile(engineTimes, 0.5)), tfjsMs: round3(quantile(directTimes, 0.5)),
    ratio: round3(quantile(ratios, 0.5)), ratioQ1: round3(quantile(ratios, 0.25)), ratioQ3: round3(quantile(ratios, 0.75)),
    engineKernels, tfjsKernels, maxGradientDifference: steps.gradientDifference, tensorGrowth,
  };
}

export function round3(value: number): number {
  return Number(value.toFixed(3));
}
