import { describe, expect, test } from 'vitest';
import type { GraphDocument } from '../../src/engine/document';
import { collapseToModule } from '../../src/engine/modules';
import { findTrainingStructure } from '../../src/engine/training/structure';
import { Trainer } from '../../src/engine/training/trainer';
import { registry } from '../../src/nodes';
import { findPreset } from '../../src/presets';
import { datasetFromSettings, trainingDataFromSettings } from '../../src/presets/datasets';

/** The mlp2 preset with each layer grouped into a module; the second layer computes the scores. */
function layeredMlp(): GraphDocument {
  const first = collapseToModule(findPreset('mlp2')!.build(), ['h1', 'z1', 'relu1'], 'layer1', registry);
  if (!first.ok) throw new Error(first.error);
  const second = collapseToModule(first.document, ['h2', 'scores'], 'layer2', registry);
  if (!second.ok) throw new Error(second.error);
  return second.document;
}

/** Trains `document` for `steps` minibatches with its own settings and returns the losses on the training split. */
async function lossesAfterSteps(document: GraphDocument, steps: number): Promise<number[]> {
  const settings = document.training!;
  const dataset = await datasetFromSettings(settings.dataset, () => Promise.reject(new Error('no MNIST in this test')));
  const trainer = Trainer.create(document, registry, trainingDataFromSettings(dataset, settings), {
    optimizer: settings.optimizer, batchSize: settings.batchSize, seed: settings.seed, init: settings.init,
  });
  if ('error' in trainer) throw new Error(trainer.error);
  const losses: number[] = [];
  try {
    for (let step = 0; step < steps; step++) {
      trainer.step();
      losses.push(trainer.evaluate('train').dataLoss);
    }
  } finally {
    trainer.dispose();
  }
  return losses;
}

describe('modules in training', () => {
  test('scores from a module resolve to its inner node', () => {
    const result = findTrainingStructure(layeredMlp());
    if (!result.ok) throw new Error(result.error);

    expect(result.structure.scores).toEqual({ nodeId: 'layer2/scores', port: 'out' });
  });

  test('layered graph trains like the flat one', async () => {
    const flat = await lossesAfterSteps(findPreset('mlp2')!.build(), 2);
    const layered = await lossesAfterSteps(layeredMlp(), 2);

    expect(layered).toHaveLength(2);
    layered.forEach((loss, step) => expect(loss, `loss after step ${step + 1}`).toBeCloseTo(flat[step], 6));
  });
});
