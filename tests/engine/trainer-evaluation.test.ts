import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { SplitEvaluation, type ChunkSums } from '../../src/engine/training/split-evaluation';
import { Trainer, type TrainingData } from '../../src/engine/training/trainer';
import { registry } from '../../src/nodes';
import { findPreset } from '../../src/presets';
import { datasetFromSettings, trainingDataFromSettings } from '../../src/presets/datasets';

async function blobsTrainer(): Promise<{ trainer: Trainer; data: TrainingData }> {
  const document = findPreset('linear-softmax')!.build();
  const settings = document.training!;
  const dataset = await datasetFromSettings(settings.dataset, () => Promise.reject(new Error('no MNIST in this test')));
  const data = trainingDataFromSettings(dataset, settings);
  const trainer = Trainer.create(document, registry, data, { optimizer: settings.optimizer, batchSize: settings.batchSize, seed: settings.seed, init: settings.init });
  if ('error' in trainer) throw new Error(trainer.error);
  return { trainer, data };
}

/** Mean softmax cross-entropy and accuracy of row-major scores, computed here in plain JavaScript. */
function softmaxLossAndAccuracy(scores: Float32Array, labels: Int32Array, classes: number): { loss: number; accuracy: number } {
  let loss = 0;
  let correct = 0;
  for (let row = 0; row < labels.length; row++) {
    const s = Array.from(scores.subarray(row * classes, (row + 1) * classes));
    const max = Math.max(...s);
    const logSumExp = max + Math.log(s.reduce((total, value) => total + Math.exp(value - max), 0));
    loss += logSumExp - s[labels[row]];
    if (s.indexOf(max) === labels[row]) correct++;
  }
  return { loss: loss / labels.length, accuracy: correct / labels.length };
}

describe('split evaluation', () => {
  test('chunks never exceed the chunk size', () => {
    const chunks: [number, number][] = [];
    const evaluator = (start: number, end: number): ChunkSums => {
      chunks.push([start, end]);
      return { lossSum: end - start, correct: 1, regularizationLoss: 0.5 };
    };
    const evaluation = new SplitEvaluation(10, evaluator, 3);

    expect(evaluation.advance(4)).toBe(false);
    expect(evaluation.evaluated).toBe(4);
    expect(evaluation.advance(100)).toBe(true);

    expect(chunks).toEqual([[0, 3], [3, 4], [4, 7], [7, 10]]);
    // Each chunk adds a loss of 1 per example and 1 correct example: 10 / 10 and 4 / 10.
    expect(evaluation.result()).toEqual({ dataLoss: 1, regularizationLoss: 0.5, accuracy: 0.4 });
  });

  test('empty split gives zeros', () => {
    const evaluation = new SplitEvaluation(0, () => {
      throw new Error('no chunk expected');
    }, 10);

    expect(evaluation.advance(5)).toBe(true);
    expect(evaluation.result()).toEqual({ dataLoss: 0, regularizationLoss: 0, accuracy: 0 });
  });

  test('result before the end throws', () => {
    const evaluation = new SplitEvaluation(5, () => ({ lossSum: 0, correct: 0, regularizationLoss: 0 }), 2);
    evaluation.advance(2);

    expect(() => evaluation.result()).toThrow(/only 2 of 5 examples/);
  });
});

describe('epoch evaluation in chunks', () => {
  test('record matches scores counted by hand', async () => {
    const { trainer, data } = await blobsTrainer();
    // blobs: 210 training examples in batches of 32 make 7 batches per epoch.
    const reports = Array.from({ length: 7 }, () => trainer.trainBatch());
    expect(reports.every((report) => report.epochRecord === undefined)).toBe(true);
    expect(trainer.epochEvaluation).toEqual({ epoch: 1, evaluated: 0, total: 210 + 45 });

    const results = [];
    for (let call = 0; call < 6; call++) results.push(trainer.evaluateEpoch(50));

    // 255 examples take six calls of 50 examples; only the last returns the record.
    expect(results.slice(0, 5)).toEqual([null, null, null, null, null]);
    const record = results[5]!;
    expect(trainer.epochEvaluation).toBeNull();
    expect(trainer.history).toEqual([record]);

    const train = softmaxLossAndAccuracy(trainer.scoresFor(data.train.x, 210), data.train.y, 3);
    const validation = softmaxLossAndAccuracy(trainer.scoresFor(data.validation.x, 45), data.validation.y, 3);
    const weights = trainer.parameterValue('W')!.data;
    expect(record.epoch).toBe(1);
    expect(record.dataLoss).toBeCloseTo(train.loss, 5);
    expect(record.trainAccuracy).toBeCloseTo(train.accuracy, 10);
    expect(record.validationAccuracy).toBeCloseTo(validation.accuracy, 10);
    // The preset's L2 penalty: λ Σ W² with λ = 1e-3.
    expect(record.regularizationLoss).toBeCloseTo(1e-3 * weights.reduce((total, w) => total + w * w, 0), 7);
    trainer.dispose();
  });

  test('training waits for the pending evaluation', async () => {
    const { trainer } = await blobsTrainer();
    for (let i = 0; i < 7; i++) trainer.trainBatch();

    expect(() => trainer.trainBatch()).toThrow(/epoch 1 is still being evaluated/);
    trainer.evaluateEpoch(1000);
    expect(trainer.trainBatch().batch).toBe(1);
    trainer.dispose();
  });

  test('reset drops the pending evaluation', async () => {
    const { trainer } = await blobsTrainer();
    for (let i = 0; i < 7; i++) trainer.trainBatch();

    trainer.reset();

    expect(trainer.epochEvaluation).toBeNull();
    expect(trainer.evaluateEpoch(1000)).toBeNull();
    expect(trainer.history).toEqual([]);
    trainer.dispose();
  });

  test('tensor count flat over sliced epochs', async () => {
    const { trainer } = await blobsTrainer();
    trainer.step();
    const before = tf.memory().numTensors;

    for (let epoch = 0; epoch < 5; epoch++) {
      while (!trainer.epochEvaluation) trainer.trainBatch();
      let record = null;
      while (!record) record = trainer.evaluateEpoch(17);
    }

    expect(trainer.history).toHaveLength(5);
    expect(tf.memory().numTensors).toBe(before);
    trainer.dispose();
  });
});
