import { describe, expect, test } from 'vitest';
import type { GraphDocument } from '../../src/engine/document';
import { Trainer } from '../../src/engine/training/trainer';
import { registry } from '../../src/nodes';
import { datasetFromSettings, trainingDataFromSettings } from '../../src/presets/datasets';
import { featureSpaceOfCsv, ringsDataset, toPolar } from '../../src/presets/views/polar';
import { buildPolarGraph, buildWarpGraph } from '../../src/presets/views/presets';
import { applyReluLayer, foldedDataset, mapSegment, START_FOLD } from '../../src/presets/views/warp';

/** Trains a preset's document with the project's trainer for its stored epochs and returns the accuracy of each split. */
async function trainedAccuracy(document: GraphDocument): Promise<{ train: number; validation: number; test: number }> {
  const settings = document.training!;
  const dataset = await datasetFromSettings(settings.dataset, () => Promise.reject(new Error('no MNIST in this test')));
  const trainer = Trainer.create(document, registry, trainingDataFromSettings(dataset, settings), { ...settings });
  if ('error' in trainer) throw new Error(trainer.error);
  try {
    while (trainer.epoch < settings.epochs) trainer.step();
    return { train: trainer.evaluate('train').accuracy, validation: trainer.evaluate('validation').accuracy, test: trainer.evaluate('test').accuracy };
  } finally {
    trainer.dispose();
  }
}

describe('polar features', () => {
  test('polar transform by hand', () => {
    const [r, theta] = toPolar(-1, 1);

    expect(r).toBeCloseTo(Math.SQRT2, 12);
    expect(theta).toBeCloseTo((3 * Math.PI) / 4, 12);
  });

  test('rings separate by radius alone', () => {
    const rings = ringsDataset();
    const radii = [[], []] as number[][];
    for (let i = 0; i < rings.y.length; i++) radii[rings.y[i]].push(Math.sqrt(rings.x[i * 2] ** 2 + rings.x[i * 2 + 1] ** 2));

    // The vertical line r = (max inner + min outer) / 2 in the (r, θ) plane separates the classes.
    expect(Math.max(...radii[0])).toBeLessThan(Math.min(...radii[1]));
  });

  test('linear classifier reaches 100 % on polar features', async () => {
    const accuracy = await trainedAccuracy(buildPolarGraph('polar'));

    expect(accuracy.train).toBe(1);
    expect(accuracy.validation).toBe(1);
    expect(accuracy.test).toBe(1);
  }, 60_000);

  test('linear classifier fails on raw features', async () => {
    const accuracy = await trainedAccuracy(buildPolarGraph('cartesian'));

    // A line through two concentric rings leaves at least a quarter of the points on the wrong side.
    expect(accuracy.train).toBeLessThan(0.8);
  }, 60_000);

  test('feature space read from the csv header', () => {
    expect(featureSpaceOfCsv(buildPolarGraph('polar').training!.dataset.csv)).toBe('polar');
    expect(featureSpaceOfCsv(buildPolarGraph('cartesian').training!.dataset.csv)).toBe('cartesian');
    expect(featureSpaceOfCsv('a,b,label\n1,2,0')).toBeNull();
  });
});

describe('space warping', () => {
  test('relu layer by hand', () => {
    // h0 = ReLU(x − y), h1 = ReLU(−x − y).
    expect(applyReluLayer(START_FOLD, 0.5, -0.25)).toEqual([0.75, 0]);
    expect(applyReluLayer(START_FOLD, -0.5, -0.25)).toEqual([0, 0.75]);
    expect(applyReluLayer(START_FOLD, 0, 1)).toEqual([0, 0]);
  });

  test('the x axis folds onto the two hidden axes', () => {
    const image = mapSegment(START_FOLD, [-1, 0], [1, 0], 4);

    expect(image).toEqual([[0, 1], [0, 0.5], [0, 0], [0.5, 0], [1, 0]]);
  });

  test('classes split by a line in the hidden space', () => {
    const data = foldedDataset();
    for (let i = 0; i < data.y.length; i++) {
      const [x, y] = [data.x[i * 2], data.x[i * 2 + 1]];
      const hiddenSum = Math.max(0, x - y) + Math.max(0, -x - y);
      expect(data.y[i], `point ${i} at (${x}, ${y})`).toBe(hiddenSum < 0.6 ? 1 : 0);
    }
    expect(new Set(data.y).size).toBe(2);
  });

  test('network with the fold learns to separate', async () => {
    const accuracy = await trainedAccuracy(buildWarpGraph());

    expect(accuracy.train).toBeGreaterThanOrEqual(0.98);
    expect(accuracy.test).toBeGreaterThanOrEqual(0.95);
  }, 60_000);
});
