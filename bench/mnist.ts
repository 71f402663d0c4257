import os from 'node:os';
import type { Dataset } from '../src/presets/datasets';
import { findPreset } from '../src/presets';
import { Trainer } from '../src/engine/training/trainer';
import { registry } from '../src/nodes';
import { trainingDataFromSettings } from '../src/presets/datasets';

/** CPU time of this process in seconds, user plus system. */
function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/**
 * Trains a preset on MNIST with its MNIST settings and reports accuracy, wall
 * time and CPU time. Wall time includes the evaluation after every epoch, as
 * the CLI's does, and the load average shows how busy the machine was.
 */
export function benchMnist(presetId: string, backend: string, mnist: Dataset): Record<string, unknown> {
  const document = findPreset(presetId)!.buildForDataset!({ name: 'mnist' });
  const settings = document.training!;
  const trainer = Trainer.create(document, registry, trainingDataFromSettings(mnist, settings), {
    optimizer: settings.optimizer, batchSize: settings.batchSize, seed: settings.seed, init: settings.init,
  });
  if ('error' in trainer) throw new Error(trainer.error);

  const loadBefore = os.loadavg()[0];
  const started = performance.now();
  const cpuStarted = cpuSeconds();
  while (trainer.epoch < settings.epochs) trainer.step();
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuSeconds() - cpuStarted;
  const test = trainer.evaluate('test');
  const last = trainer.history.at(-1)!;
  const hidden = document.nodes.filter((node) => node.kind === 'parameter' && (node.params.shape as number[]).length === 1).slice(0, -1);
  trainer.dispose();
  return {
    bench: 'mnist', model: presetId, backend, hiddenWidths: hidden.map((node) => (node.params.shape as number[])[0]),
    epochs: settings.epochs, batch: settings.batchSize, learningRate: settings.optimizer.learningRate,
    trainAccuracy: last.trainAccuracy, validationAccuracy: last.validationAccuracy, testAccuracy: test.accuracy,
    seconds: Number(seconds.toFixed(1)), cpuSeconds: Number(cpu.toFixed(1)),
    loadAverage: [Number(loadBefore.toFixed(1)), Number(os.loadavg()[0].toFixed(1))],
  };
}
