import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import caseC19 from '../cases/C19.json';
import { compile } from '../../src/engine/compile';
import type { GraphDocument } from '../../src/engine/document';
import { createOptimizer, OPTIMIZER_NAMES, type OptimizerSettings } from '../../src/engine/optimizers';
import { run } from '../../src/engine/run';
import { registry } from '../../src/nodes';

const expected = caseC19.expected.w_after_steps_1_2_3;
const learningRate = caseC19.expected.lr;
const tolerance = caseC19.tol.abs;

/** Gradient of L = w · w with respect to w, taken from the engine's traced run. */
function gradientAt(w: number): number {
  const document = structuredClone(caseC19.document) as GraphDocument;
  document.nodes[0].params.value = { shape: [], data: [w] };
  return run(compile(document, registry)).nodes.w.upstream![0].data[0];
}

/** Applies three optimizer steps to w = 1 and returns w after each. */
function threeSteps(settings: OptimizerSettings): number[] {
  const optimizer = createOptimizer(settings);
  const w = tf.variable(tf.scalar(1), true, 'w');
  const path: number[] = [];
  for (let step = 0; step < 3; step++) {
    const gradient = tf.scalar(gradientAt(w.dataSync()[0]));
    optimizer.applyGradients({ w: gradient });
    gradient.dispose();
    path.push(w.dataSync()[0]);
  }
  optimizer.dispose();
  w.dispose();
  return path;
}

const cases: [string, OptimizerSettings, number[]][] = [
  ['sgd', { name: 'sgd', learningRate }, expected.sgd],
  ['momentum', { name: 'momentum', learningRate, momentum: 0.9 }, expected['momentum_0.9']],
  ['nesterov', { name: 'nesterov', learningRate, momentum: 0.9 }, expected['nesterov_0.9']],
  ['adagrad from 0.1 (tfjs)', { name: 'adagrad', learningRate, initialAccumulator: 0.1 }, expected['adagrad_tfjs_init0.1']],
  ['adagrad from 0 (lecture)', { name: 'adagrad', learningRate, initialAccumulator: 0 }, expected.adagrad_cs231n_init0],
  ['rmsprop', { name: 'rmsprop', learningRate, decay: 0.9 }, expected['rmsprop_0.9']],
  ['adam', { name: 'adam', learningRate, beta1: 0.9, beta2: 0.999 }, expected['adam_0.9_0.999']],
];

describe('optimizers on L = w · w', () => {
  test.each(cases)('%s matches the reference path', (_name, settings, reference) => {
    const path = threeSteps(settings);

    for (let step = 0; step < 3; step++) {
      expect(Math.abs(path[step] - reference[step]), `step ${step + 1}: got ${path[step]}, expected ${reference[step]}`).toBeLessThanOrEqual(tolerance);
    }
  });

  test('adam differs from the no-bias-correction path', () => {
    const path = threeSteps({ name: 'adam', learningRate, beta1: 0.9, beta2: 0.999 });

    expect(Math.abs(path[0] - expected.adam_no_bias_correction_BUG[0])).toBeGreaterThan(0.1);
  });

  test.each(OPTIMIZER_NAMES)('%s steps keep the tensor count flat', (name) => {
    const optimizer = createOptimizer({ name, learningRate: 0.01 });
    const w = tf.variable(tf.ones([3]), true, `flat-${name}`);
    const step = () => {
      const gradient = tf.tensor1d([0.5, -1, 2]);
      optimizer.applyGradients({ [w.name]: gradient });
      gradient.dispose();
    };
    step();
    const afterFirst = tf.memory().numTensors;

    for (let i = 0; i < 100; i++) step();

    expect(tf.memory().numTensors).toBe(afterFirst);
    optimizer.dispose();
    w.dispose();
  });
});
