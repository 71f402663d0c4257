import os from 'node:os';
import { compile } from '../src/engine/compile';
import { measureHealth } from '../src/engine/health/metrics';
import { Trainer } from '../src/engine/training/trainer';
import { HEALTH_EXAMPLES } from '../src/editor/health/health-monitor';
import { registry } from '../src/nodes';
import { findPreset } from '../src/presets';
import { generateToyDataset, trainingDataFromSettings } from '../src/presets/datasets';

/**
 * Times one health sample (a traced pass on HEALTH_EXAMPLES examples plus the
 * signals read from it) against one training step of the preset's batch, in
 * CPU milliseconds of this process from `clock`. `overheadEvery10` is the
 * training time the default sampling interval of 10 steps adds.
 */
export function benchHealth(presetId: string, backend: string, clock: () => number, steps = 60, samples = 15): Record<string, unknown> {
  const document = findPreset(presetId)!.build();
  const settings = document.training!;
  const data = trainingDataFromSettings(generateToyDataset(settings.dataset.name === 'spiral' ? 'spiral' : 'blobs'), settings);
  const trainer = Trainer.create(document, registry, data, { optimizer: settings.optimizer, batchSize: settings.batchSize, seed: settings.seed, init: settings.init });
  if ('error' in trainer) throw new Error(trainer.error);
  const program = compile(document, registry);

  for (let warmup = 0; warmup < 5; warmup++) {
    trainer.step();
    measureHealth(program, trainer.traceCurrentBatch(HEALTH_EXAMPLES).trace);
  }
  let start = clock();
  for (let step = 0; step < steps; step++) trainer.step();
  const stepMs = (clock() - start) / steps;
  start = clock();
  for (let sample = 0; sample < samples; sample++) measureHealth(program, trainer.traceCurrentBatch(HEALTH_EXAMPLES).trace);
  const sampleMs = (clock() - start) / samples;
  trainer.dispose();

  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    bench: 'health', preset: presetId, backend, batch: settings.batchSize, sampleExamples: HEALTH_EXAMPLES,
    stepMs: round(stepMs), sampleMs: round(sampleMs), sampleToStep: round(sampleMs / stepMs), overheadEvery10: round(sampleMs / (10 * stepMs)),
    loadAverage: round(os.loadavg()[0]),
  };
}
