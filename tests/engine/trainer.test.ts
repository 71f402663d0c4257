import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import type { GraphDocument } from '../../src/engine/document';
import { Trainer, type TrainingConfig } from '../../src/engine/training/trainer';
import { registry } from '../../src/nodes';
import { findPreset } from '../../src/presets';
import { datasetFromSettings, trainingDataFromSettings } from '../../src/presets/datasets';

async function trainerFor(presetId: string, overrides: Partial<TrainingConfig> = {}, edit?: (document: GraphDocument) => void): Promise<Trainer> {
  const document = findPreset(presetId)!.build();
  edit?.(document);
  const settings = document.training!;
  const dataset = await datasetFromSettings(settings.dataset, () => Promise.reject(new Error('no MNIST in this test')));
  const trainer = Trainer.create(document, registry, trainingDataFromSettings(dataset, settings), {
    optimizer: settings.optimizer, batchSize: settings.batchSize, seed: settings.seed, init: settings.init, ...overrides,
  });
  if ('error' in trainer) throw new Error(trainer.error);
  return trainer;
}

function trainEpochs(trainer: Trainer, epochs: number): void {
  while (trainer.epoch < epochs) {
    const report = trainer.step();
    if (report.stopReason) throw new Error(report.stopReason);
  }
}

describe('trainer', () => {
  test('linear softmax starts near ln 3', async () => {
    const trainer = await trainerFor('linear-softmax');

    const initial = trainer.evaluate('train');

    expect(Math.abs(initial.dataLoss - Math.log(3))).toBeLessThan(0.02);
    trainer.dispose();
  });

  test('training seed 0 repeats weights', async () => {
    const first = await trainerFor('linear-softmax', { seed: 0, init: 'xavier' });
    const second = await trainerFor('linear-softmax', { seed: 0, init: 'xavier' });

    expect(second.evaluate('train').dataLoss).toBe(first.evaluate('train').dataLoss);
    first.dispose();
    second.dispose();
  });

  test('linear SVM starts near C − 1', async () => {
    const trainer = await trainerFor('linear-svm');

    const initial = trainer.evaluate('train');

    expect(Math.abs(initial.dataLoss - 2)).toBeLessThan(0.05);
    trainer.dispose();
  });

  test('linear softmax separates blobs', async () => {
    const trainer = await trainerFor('linear-softmax', { optimizer: { name: 'adam', learningRate: 0.05 } });

    trainEpochs(trainer, 15);

    const last = trainer.history.at(-1)!;
    expect(trainer.history).toHaveLength(15);
    expect(last.dataLoss).toBeLessThan(trainer.history[0].dataLoss);
    expect(last.validationAccuracy).toBeGreaterThanOrEqual(0.9);
    trainer.dispose();
  });

  test('mlp2 fits the spiral', async () => {
    const trainer = await trainerFor('mlp2');

    trainEpochs(trainer, 60);

    expect(trainer.history.at(-1)!.trainAccuracy).toBeGreaterThanOrEqual(0.9);
    trainer.dispose();
  });

  test('regularization is λ Σ W² of the weights', async () => {
    const trainer = await trainerFor('linear-softmax');
    trainEpochs(trainer, 2);
    const weights = trainer.parameterValue('W')!;
    const expected = 1e-3 * weights.data.reduce((total, w) => total + w * w, 0);

    const { regularizationLoss } = trainer.evaluate('train');

    expect(regularizationLoss).toBeCloseTo(expected, 6);
    trainer.dispose();
  });

  test('reset redraws the same initial weights', async () => {
    const trainer = await trainerFor('linear-softmax');
    const before = trainer.parameterValue('W')!.data;
    trainEpochs(trainer, 1);

    trainer.reset();

    expect(trainer.parameterValue('W')!.data).toEqual(before);
    expect(trainer.epoch).toBe(0);
    expect(trainer.history).toHaveLength(0);
    trainer.dispose();
  });

  test('tensor count flat over 1,000 steps', async () => {
    const trainer = await trainerFor('mlp2', { batchSize: 16 });
    trainer.step();
    const afterFirst = tf.memory().numTensors;

    for (let i = 0; i < 1000; i++) trainer.step();

    expect(tf.memory().numTensors).toBe(afterFirst);
    trainer.dispose();
  });

  test('huge learning rate stops with a cause', async () => {
    const trainer = await trainerFor('linear-softmax', { optimizer: { name: 'sgd', learningRate: 1e30 } });

    let reason: string | undefined;
    for (let i = 0; i < 50 && !reason; i++) reason = trainer.step().stopReason;

    expect(reason).toMatch(/loss became (NaN|Infinity)/);
    expect(reason).toMatch(/learning rate of 1e\+30/);
    trainer.dispose();
  });

  test('optimizer state is visible per parameter', async () => {
    const trainer = await trainerFor('linear-softmax');
    trainer.step();

    const state = trainer.optimizerState('W');

    expect(Object.keys(state).sort()).toEqual(['m', 'v']);
    expect(state.m.shape).toEqual([2, 3]);
    trainer.dispose();
  });

  test('graph without a batch node is rejected', async () => {
    const document = findPreset('add-mul')!.build();
    const empty = { features: 2, classes: 2, x: new Float32Array(0), y: new Int32Array(0) };

    const result = Trainer.create(document, registry, { train: empty, validation: empty, test: empty }, { optimizer: { name: 'sgd', learningRate: 0.1 }, batchSize: 4, seed: 1, init: 'document' });

    expect(result).toEqual({
      error: expect.stringMatching(/exactly one batch node/),
      problem: { code: 'batch-count', message: expect.stringMatching(/exactly one batch node/), details: { count: 0 } },
    });
  });

  test('feature count mismatch names the batch node', async () => {
    const document = findPreset('linear-softmax')!.buildForDataset!({ name: 'mnist' });
    const set = { features: 2, classes: 3, x: new Float32Array(8), y: new Int32Array(4) };

    const result = Trainer.create(document, registry, { train: set, validation: set, test: set }, { optimizer: { name: 'sgd', learningRate: 0.1 }, batchSize: 4, seed: 1, init: 'document' });

    expect(result).toEqual({
      error: expect.stringMatching(/Node "data" \(batch\) has 784 features but the dataset has 2/),
      problem: { code: 'batch-features', message: expect.any(String), details: { node: 'data', features: 784, datasetFeatures: 2 } },
    });
  });
});

test('labels beyond the class count are rejected', async () => {
  const document = findPreset('linear-softmax')!.build();
  const set = { features: 2, classes: 5, x: new Float32Array(8), y: Int32Array.from([0, 1, 4, 2]) };

  const result = Trainer.create(document, registry, { train: set, validation: set, test: set }, { optimizer: { name: 'sgd', learningRate: 0.1 }, batchSize: 4, seed: 1, init: 'document' });

  expect(result).toEqual({
    error: expect.stringMatching(/The train examples have label 4, but node "scores" scores 3 classes/),
    problem: { code: 'label-range', message: expect.any(String), details: { part: 'train', label: 4, node: 'scores', classes: 3, last: 2 } },
  });
});
