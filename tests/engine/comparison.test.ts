import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { Comparison } from '../../src/engine/compare/comparison';
import { applyVariant, type RunVariant } from '../../src/engine/compare/variants';
import type { GraphDocument } from '../../src/engine/document';
import { Trainer, type EpochRecord, type TrainingData } from '../../src/engine/training/trainer';
import { registry } from '../../src/nodes';
import { findPreset } from '../../src/presets';
import { datasetFromSettings, trainingDataFromSettings } from '../../src/presets/datasets';

async function presetData(id: string): Promise<{ document: GraphDocument; data: TrainingData }> {
  const document = findPreset(id)!.build();
  const settings = document.training!;
  const dataset = await datasetFromSettings(settings.dataset, () => Promise.reject(new Error('no MNIST in this test')));
  return { document, data: trainingDataFromSettings(dataset, settings) };
}

/** Trains one variant alone with its own Trainer, as the training panel would. */
function trainAlone(document: GraphDocument, variant: RunVariant, data: TrainingData, epochs: number): EpochRecord[] {
  const changed = applyVariant(document, variant);
  const settings = changed.training!;
  const trainer = Trainer.create(changed, registry, data, { optimizer: settings.optimizer, batchSize: settings.batchSize, seed: settings.seed, init: settings.init });
  if ('error' in trainer) throw new Error(trainer.error);
  while (trainer.epoch < epochs) {
    const report = trainer.step();
    if (report.stopReason) throw new Error(report.stopReason);
  }
  const history = [...trainer.history];
  trainer.dispose();
  return history;
}

function compareToEnd(document: GraphDocument, variants: [RunVariant, RunVariant], data: TrainingData, epochs: number): Comparison {
  const result = Comparison.create(document, variants, registry, data, epochs);
  if (!result.ok) throw new Error(result.error);
  while (result.comparison.step()) { /* interleaved steps until both runs end */ }
  return result.comparison;
}

describe('comparison', () => {
  test('SGD vs Adam equals two separate runs', async () => {
    const { document, data } = await presetData('linear-softmax');
    const variants: [RunVariant, RunVariant] = [{ optimizer: { name: 'sgd', learningRate: 0.1 } }, { optimizer: { name: 'adam', learningRate: 0.01 } }];

    const comparison = compareToEnd(document, variants, data, 3);
    const [first, second] = comparison.histories().map((history) => [...history]);
    comparison.dispose();

    expect(first).toEqual(trainAlone(document, variants[0], data, 3));
    expect(second).toEqual(trainAlone(document, variants[1], data, 3));
    expect(first).toHaveLength(3);
    expect(first[2].dataLoss).not.toBe(second[2].dataLoss);
  });

  test('ReLU vs sigmoid equals two separate runs', async () => {
    const { document, data } = await presetData('mlp2');
    const variants: [RunVariant, RunVariant] = [{ activation: 'relu' }, { activation: 'sigmoid' }];

    const comparison = compareToEnd(document, variants, data, 2);
    const [relu, sigmoid] = comparison.histories().map((history) => [...history]);
    comparison.dispose();

    expect(relu).toEqual(trainAlone(document, variants[0], data, 2));
    expect(sigmoid).toEqual(trainAlone(document, variants[1], data, 2));
  });

  test('comparison leaks no tensors', async () => {
    const { document, data } = await presetData('linear-svm');
    const before = tf.memory().numTensors;

    const comparison = compareToEnd(document, [{ penalty: 'l1-penalty' }, { penalty: 'l2-penalty' }], data, 2);
    comparison.dispose();

    // tfjs-core 4.22 leaves one tensor per disposed optimizer behind (two for momentum).
    expect(tf.memory().numTensors - before).toBeLessThanOrEqual(2);
  });
});

describe('run variants', () => {
  test('activation variant swaps every activation', () => {
    const document = findPreset('mlp6')!.build();

    const changed = applyVariant(document, { activation: 'sigmoid' });

    expect(changed.nodes.filter((node) => node.kind === 'relu')).toHaveLength(0);
    expect(changed.nodes.filter((node) => node.kind === 'sigmoid')).toHaveLength(5);
    expect(changed.edges).toEqual(document.edges);
    expect(document.nodes.filter((node) => node.kind === 'relu')).toHaveLength(5);
  });

  test('loss variant turns softmax into SVM', () => {
    const document = findPreset('linear-softmax')!.build();

    const changed = applyVariant(document, { loss: 'svm-loss' });

    const loss = changed.nodes.find((node) => node.id === 'dataLoss')!;
    expect(loss.kind).toBe('svm-loss');
    expect(loss.params).toEqual({ margin: 1 });
  });

  test('penalty variant keeps lambda', () => {
    const document = findPreset('linear-softmax')!.build();

    const changed = applyVariant(document, { penalty: 'l1-penalty' });

    const penalty = changed.nodes.find((node) => node.id === 'reg')!;
    expect(penalty.kind).toBe('l1-penalty');
    expect(penalty.params.lambda).toBe(1e-3);
  });

  test('optimizer variant changes only the optimizer', () => {
    const document = findPreset('linear-softmax')!.build();

    const changed = applyVariant(document, { optimizer: { name: 'sgd', learningRate: 0.5 } });

    expect(changed.training).toEqual({ ...document.training, optimizer: { name: 'sgd', learningRate: 0.5 } });
  });
});
