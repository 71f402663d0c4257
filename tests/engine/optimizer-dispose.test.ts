import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { createOptimizer, disposeOptimizer, OPTIMIZER_NAMES } from '../../src/engine/optimizers';
import { Trainer } from '../../src/engine/training/trainer';
import { registry } from '../../src/nodes';
import { findPreset } from '../../src/presets';
import { datasetFromSettings, trainingDataFromSettings } from '../../src/presets/datasets';

describe('optimizer disposal', () => {
  test.each(OPTIMIZER_NAMES)('%s leaves no tensors', (name) => {
    const before = tf.memory().numTensors;
    const start = tf.zeros([2]);
    const point = tf.variable(start, true);
    start.dispose();
    const optimizer = createOptimizer({ name, learningRate: 0.1 });
    const gradient = tf.tensor1d([0.5, -0.5]);

    optimizer.applyGradients({ [point.name]: gradient });
    gradient.dispose();
    disposeOptimizer(optimizer);
    point.dispose();

    expect(tf.memory().numTensors).toBe(before);
  });

  test('momentum trainer disposes everything', async () => {
    const document = findPreset('linear-softmax')!.build();
    const settings = document.training!;
    const dataset = await datasetFromSettings(settings.dataset, () => Promise.reject(new Error('no MNIST in this test')));
    const before = tf.memory().numTensors;

    const trainer = Trainer.create(document, registry, trainingDataFromSettings(dataset, settings), {
      optimizer: { name: 'momentum', learningRate: 0.01 }, batchSize: 16, seed: 1, init: settings.init,
    });
    if ('error' in trainer) throw new Error(trainer.error);
    trainer.step();
    trainer.reset();
    trainer.step();
    trainer.dispose();

    expect(tf.memory().numTensors).toBe(before);
  });
});
