import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { OPTIMIZER_NAMES, type OptimizerName } from '../../src/engine/optimizers';
import { optimizerPath, racePaths, RACE_LEARNING_RATES, RACE_START, ravineGradient, ravineLoss } from '../../src/presets/views/race';

/** ∇f of f = 0.02·x² + y², written out by hand. */
const gradient = ([x, y]: number[]) => [0.04 * x, 2 * y];

/**
 * Applies the update rules as tfjs-core 4.22 implements them, with the project's
 * defaults: momentum and Nesterov μ = 0.9; AdaGrad's accumulator from 0.1 and
 * ε = 1e−7 inside the root; RMSProp decay 0.9, ε = 1e−8 inside the root; Adam
 * β1 = 0.9, β2 = 0.999, ε = 1e−8, with bias correction.
 */
function handSteps(name: OptimizerName, lr: number, start: number[], steps: number): number[][] {
  let p = [...start];
  let v = [0, 0];
  let s = name === 'adagrad' ? [0.1, 0.1] : [0, 0];
  const path = [p];
  for (let t = 1; t <= steps; t++) {
    const g = gradient(p);
    if (name === 'sgd') {
      p = p.map((value, i) => value - lr * g[i]);
    } else if (name === 'momentum') {
      v = v.map((value, i) => 0.9 * value + g[i]);
      p = p.map((value, i) => value - lr * v[i]);
    } else if (name === 'nesterov') {
      v = v.map((value, i) => 0.9 * value + g[i]);
      p = p.map((value, i) => value - lr * (g[i] + 0.9 * v[i]));
    } else if (name === 'adagrad') {
      s = s.map((value, i) => value + g[i] ** 2);
      p = p.map((value, i) => value - (lr * g[i]) / Math.sqrt(s[i] + 1e-7));
    } else if (name === 'rmsprop') {
      s = s.map((value, i) => 0.9 * value + 0.1 * g[i] ** 2);
      p = p.map((value, i) => value - (lr * g[i]) / Math.sqrt(s[i] + 1e-8));
    } else {
      v = v.map((value, i) => 0.9 * value + 0.1 * g[i]);
      s = s.map((value, i) => 0.999 * value + 0.001 * g[i] ** 2);
      p = p.map((value, i) => value - (lr * (v[i] / (1 - 0.9 ** t))) / (Math.sqrt(s[i] / (1 - 0.999 ** t)) + 1e-8));
    }
    path.push(p);
  }
  return path;
}

describe('optimizer race', () => {
  test('ravine gradient by hand', () => {
    expect(ravineGradient(-4.5, 1.6)).toEqual(gradient([-4.5, 1.6]));
    expect(ravineLoss(-4.5, 1.6)).toBeCloseTo(0.02 * 4.5 ** 2 + 1.6 ** 2, 12);
  });

  test.each(OPTIMIZER_NAMES)('%s first steps follow the update rule', (name) => {
    const learningRate = RACE_LEARNING_RATES[name];

    const path = optimizerPath({ name, learningRate }, RACE_START, 3);
    const expected = handSteps(name, learningRate, RACE_START, 3);

    expect(path.length).toBe(4);
    for (let step = 1; step <= 3; step++) {
      for (const axis of [0, 1]) {
        expect(Math.abs(path[step][axis] - expected[step][axis]), `step ${step}, axis ${axis}: ${path[step][axis]} vs ${expected[step][axis]}`).toBeLessThan(1e-4);
      }
    }
  });

  test('sgd overshoots across the valley', () => {
    // y ← y − 0.9 · 2y = −0.8 · y: the sign of y flips every step.
    const path = optimizerPath({ name: 'sgd', learningRate: 0.9 }, RACE_START, 4);

    expect(path.map(([, y]) => Math.sign(y))).toEqual([1, -1, 1, -1, 1]);
  });

  test('every optimizer ends near the minimum', () => {
    const paths = racePaths(RACE_START, RACE_LEARNING_RATES);

    for (const name of OPTIMIZER_NAMES) {
      const [x, y] = paths[name][paths[name].length - 1];
      expect(ravineLoss(x, y), name).toBeLessThan(0.01 * ravineLoss(...RACE_START));
    }
  });

  test('diverging path stops early', () => {
    // SGD with lr 2 multiplies y by 1 − 4 = −3 each step and leaves ±1000 after a few.
    const path = optimizerPath({ name: 'sgd', learningRate: 2 }, RACE_START, 100);

    expect(path.length).toBeLessThan(10);
    expect(path.every(([x, y]) => Number.isFinite(x) && Math.abs(y) <= 1000)).toBe(true);
  });

  test('race leaves no tensors behind', () => {
    const before = tf.memory().numTensors;

    racePaths(RACE_START, RACE_LEARNING_RATES, 50);

    expect(tf.memory().numTensors).toBe(before);
  });

  test.each(OPTIMIZER_NAMES)('%s path leaves no tensors behind', (name) => {
    const before = tf.memory().numTensors;

    optimizerPath({ name, learningRate: 0.1 }, RACE_START, 3);

    expect(tf.memory().numTensors).toBe(before);
  });
});
