import { describe, expect, test } from 'vitest';
import { Trainer } from '../../src/engine/training/trainer';
import { registry } from '../../src/nodes';
import { findPreset } from '../../src/presets';
import { createRandom, datasetFromSettings, trainingDataFromSettings } from '../../src/presets/datasets';

/**
 * Writes a seeded CSV with 4 features and 3 classes: class k lies around the
 * point with 2 in coordinate k and 0 elsewhere, with Gaussian noise of
 * standard deviation 0.3. The centres are 2√2 ≈ 2.8 apart, so the classes are
 * linearly separable except for rare outliers.
 */
function separableCsv(perClass: number, seed: number): string {
  const random = createRandom(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const lines = ['f1, f2, f3, f4, label'];
  for (let label = 0; label < 3; label++) {
    for (let i = 0; i < perClass; i++) {
      const features = [0, 1, 2, 3].map((axis) => (axis === label ? 2 : 0) + 0.3 * gaussian());
      lines.push(`${features.map((value) => value.toFixed(4)).join(', ')}, ${label}`);
    }
  }
  return lines.join('\n');
}

const CSV = separableCsv(60, 7);

describe('classifier presets on a 4-feature CSV', () => {
  test.each(['linear-softmax', 'linear-svm', 'mlp2', 'mlp6', 'training-loop'])('%s adapts its width and trains', async (presetId) => {
    const document = findPreset(presetId)!.buildForDataset!({ name: 'csv', csv: CSV, classes: 3 });
    const settings = document.training!;
    const batch = document.nodes.find((node) => node.kind === 'batch')!;
    const shapes = document.nodes.filter((node) => node.kind === 'parameter').map((node) => node.params.shape as number[]);
    expect(batch.params.features).toBe(4);
    // The first weight matrix reads 4 features, and the last bias adds one score per class.
    expect(shapes[0][0]).toBe(4);
    expect(shapes.at(-1)).toEqual([3]);

    const dataset = await datasetFromSettings(settings.dataset, () => Promise.reject(new Error('no MNIST in this test')));
    const trainer = Trainer.create(document, registry, trainingDataFromSettings(dataset, settings), {
      optimizer: settings.optimizer, batchSize: settings.batchSize, seed: settings.seed, init: settings.init,
    });
    if ('error' in trainer) throw new Error(trainer.error);
    while (trainer.epoch < 30) trainer.step();

    // 180 examples split 0.7 / 0.15: 27 validation and 27 test examples.
    expect(trainer.history.at(-1)!.validationAccuracy).toBeGreaterThanOrEqual(0.95);
    expect(trainer.evaluate('test').accuracy).toBeGreaterThanOrEqual(0.95);
    trainer.dispose();
  });

  test('invalid CSV keeps two features', () => {
    const document = findPreset('mlp2')!.buildForDataset!({ name: 'csv', csv: '1, 2, 3, x\n', classes: 2 });

    expect(document.nodes.find((node) => node.kind === 'batch')!.params.features).toBe(2);
  });

  test('invalid CSV names line and column', async () => {
    const settings = { name: 'csv' as const, csv: 'a, b, label\n1, 2, 0\n1, 2, 1\n1, 2\n' };

    await expect(datasetFromSettings(settings, () => Promise.reject(new Error('unused')))).rejects.toThrow(
      'Pasted CSV: Line 4: expected 3 values, as on line 2, found 2.',
    );
  });
});
