import * as tf from '@tensorflow/tfjs-core';
import { createOptimizer, disposeOptimizer, OPTIMIZER_NAMES, type OptimizerName, type OptimizerSettings } from '../../engine/optimizers';

/**
 * The race's loss surface, a long narrow bowl f(x, y) = a·x² + b·y² with b ≫ a:
 * the gradient points mostly across the valley, the lecture's picture of
 * plain SGD bouncing between the walls while it creeps along the floor.
 */
export const RAVINE = { a: 0.02, b: 1 } as const;

export function ravineLoss(x: number, y: number): number {
  return RAVINE.a * x * x + RAVINE.b * y * y;
}

/** Returns the gradient (∂f/∂x, ∂f/∂y) = (2a·x, 2b·y) of ravineLoss. */
export function ravineGradient(x: number, y: number): [number, number] {
  return [2 * RAVINE.a * x, 2 * RAVINE.b * y];
}

/** Default start point of the race (a click on the plot moves it), and the plotted rectangle of the surface. */
export const RACE_START: [number, number] = [-4.5, 1.6];
export const RACE_RANGE = { xMin: -5, xMax: 5, yMin: -2.5, yMax: 2.5 } as const;

/** Learning rates that show each optimizer's typical path on the ravine within RACE_STEPS steps. */
export const RACE_LEARNING_RATES: Record<OptimizerName, number> = {
  sgd: 0.9,
  momentum: 0.1,
  nesterov: 0.1,
  adagrad: 0.6,
  rmsprop: 0.05,
  adam: 0.15,
};

export const RACE_STEPS = 150;

/** A path stops early once it leaves this box, so a diverging optimizer does not overflow. */
const ESCAPE = 1e3;

/**
 * Runs `steps` updates of one optimizer from `start`, using the project's tfjs
 * optimizers, and returns the visited points with the start first. The path
 * ends early when a coordinate becomes non-finite or leaves ±1000.
 */
export function optimizerPath(settings: OptimizerSettings, start: [number, number], steps = RACE_STEPS): [number, number][] {
  const optimizer = createOptimizer(settings);
  // tf.variable keeps its own handle on the data, so the start tensor is disposed at once.
  const startTensor = tf.tensor1d(start);
  const point = tf.variable(startTensor, true);
  startTensor.dispose();
  const path: [number, number][] = [start];
  try {
    for (let step = 0; step < steps; step++) {
      const [x, y] = path[path.length - 1];
      const gradient = tf.tensor1d(ravineGradient(x, y));
      optimizer.applyGradients({ [point.name]: gradient });
      gradient.dispose();

      const [nextX, nextY] = point.dataSync();
      if (!Number.isFinite(nextX) || !Number.isFinite(nextY) || Math.abs(nextX) > ESCAPE || Math.abs(nextY) > ESCAPE) break;
      path.push([nextX, nextY]);
    }
  } finally {
    disposeOptimizer(optimizer);
    point.dispose();
  }
  return path;
}

/** Runs all six optimizers from one start, each with its learning rate and the other settings at their defaults. */
export function racePaths(start: [number, number], learningRates: Record<OptimizerName, number>, steps = RACE_STEPS): Record<OptimizerName, [number, number][]> {
  const entries = OPTIMIZER_NAMES.map((name) => [name, optimizerPath({ name, learningRate: learningRates[name] }, start, steps)] as const);
  return Object.fromEntries(entries) as Record<OptimizerName, [number, number][]>;
}
