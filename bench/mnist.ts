import type { Dataset } from '../src/presets/datasets';
import { findPreset } from '../src/presets';
import { Trainer } from '../src/engine/training/trainer';
import { registry } from '../src/nodes';
import { trainingDataFromSettings } from '../src/presets/datasets';

/** Trains a preset on MNIST with its MNIST settings and reports accuracy and wall time. */
export function benchMnist(presetId: string, backend: string, mnist: Dataset): Record<string, unknown> {
  const document = findPreset(presetId)!.buildForDataset!({ name: 'mnist' });
  const settings = document.training!;
  const trainer = Trainer.create(document, registry, trainingDataFromSettings(mnist, settings), {
    optimizer: settings.optimizer, batchSize: settings.batchSize, seed: settings.seed, init: settings.init,
  });
  if ('error' in trainer) throw new Error(trainer.error);

  const started = performance.now();
  while (trainer.epoch < settings.epochs) trainer.step();
  const seconds = (performance.now() - started) / 1000;
  const test = trainer.evaluate('test');
  const last = trainer.history.at(-1)!;
  trainer.dispose();
  return {
    bench: 'mnist', model: presetId, backend, epochs: settings.epochs, batch: settings.batchSize,
    trainAccuracy: last.trainAccuracy, validationAccuracy: last.validationAccuracy, testAccuracy: test.accuracy,
    seconds: Number(seconds.toFixed(1)),
  };
}
