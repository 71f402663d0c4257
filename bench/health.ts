import os from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { compile } from '../src/engine/compile';
import { measureHealth, type LayerHealth } from '../src/engine/health/metrics';
import { Trainer } from '../src/engine/training/trainer';
import { HEALTH_EXAMPLES } from '../src/editor/health/health-monitor';
import { registry } from '../src/nodes';
import { findPreset } from '../src/presets';
import { trainingDataFromSettings, type Dataset } from '../src/presets/datasets';

export interface HealthBenchOptions {
  presetId: string;
  /** 'mnist' builds the preset with its MNIST settings (mlp2: 784 inputs, batch 256); 'toy' keeps the preset's own. */
  settings: 'toy' | 'mnist';
  data: Dataset;
  backend: string;
  /** CPU time of this process in milliseconds. */
  clock: () => number;
  steps?: number;
  samples?: number;
}

/**
 * Times one health sample as the health monitor takes it (Trainer.measureHealth
 * on HEALTH_EXAMPLES examples) against one training batch of the preset's
 * batch size, in CPU milliseconds of this process. It also times the traced
 * sample the monitor took before (traceCurrentBatch and measureHealth on the
 * trace), and compares the two samples' signals. The training time leaves out
 * the evaluation at each epoch's end. `overheadEvery10` is the training time
 * that the default interval of one sample every 10 steps adds.
 */
export function benchHealth(options: HealthBenchOptions): Record<string, unknown> {
  const { presetId, backend, clock, steps = 60, samples = 15 } = options;
  const preset = findPreset(presetId)!;
  const document = options.settings === 'mnist' ? preset.buildForDataset!({ name: 'mnist' }) : preset.build();
  const settings = document.training!;
  const trainer = Trainer.create(document, registry, trainingDataFromSettings(options.data, settings), {
    optimizer: settings.optimizer, batchSize: settings.batchSize, seed: settings.seed, init: settings.init,
  });
  if ('error' in trainer) throw new Error(trainer.error);
  const program = compile(document, registry);
  const trainBatch = () => {
    trainer.trainBatch();
    if (trainer.epochEvaluation) trainer.evaluateEpoch(Number.POSITIVE_INFINITY);
  };

  for (let warmup = 0; warmup < 5; warmup++) {
    trainBatch();
    trainer.measureHealth(HEALTH_EXAMPLES);
    measureHealth(program, trainer.traceCurrentBatch(HEALTH_EXAMPLES).trace);
  }
  const tensorsBefore = tf.memory().numTensors;

  let trainingMs = 0;
  for (let step = 0; step < steps; step++) {
    if (trainer.epochEvaluation) trainer.evaluateEpoch(Number.POSITIVE_INFINITY);
    const start = clock();
    trainer.trainBatch();
    trainingMs += clock() - start;
  }
  if (trainer.epochEvaluation) trainer.evaluateEpoch(Number.POSITIVE_INFINITY);
  const stepMs = trainingMs / steps;

  let start = clock();
  for (let sample = 0; sample < samples; sample++) trainer.measureHealth(HEALTH_EXAMPLES);
  const sampleMs = (clock() - start) / samples;
  start = clock();
  for (let sample = 0; sample < samples; sample++) measureHealth(program, trainer.traceCurrentBatch(HEALTH_EXAMPLES).trace);
  const tracedSampleMs = (clock() - start) / samples;
  const tensorGrowth = tf.memory().numTensors - tensorsBefore;

  const difference = compareSamples(trainer.measureHealth(HEALTH_EXAMPLES), measureHealth(program, trainer.traceCurrentBatch(HEALTH_EXAMPLES).trace));
  trainer.dispose();

  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    bench: 'health', preset: presetId, data: options.settings === 'mnist' ? 'mnist' : settings.dataset.name, backend,
    batch: settings.batchSize, sampleExamples: HEALTH_EXAMPLES,
    stepMs: round(stepMs), sampleMs: round(sampleMs), sampleToStep: round(sampleMs / stepMs), overheadEvery10: round(sampleMs / (10 * stepMs)),
    tracedSampleMs: round(tracedSampleMs), tracedToSample: round(tracedSampleMs / sampleMs),
    ...difference, tensorGrowth, loadAverage: round(os.loadavg()[0]),
  };
}

/**
 * Compares two samples of the same layers: the largest relative difference
 * of the gradient norms, and whether the dead and saturated fractions and the
 * non-finite flags are all equal.
 */
function compareSamples(sample: LayerHealth[], traced: LayerHealth[]): { maxNormRelativeDifference: number; othersEqual: boolean } {
  let maxNormRelativeDifference = 0;
  let othersEqual = sample.length === traced.length;
  traced.forEach((expected, index) => {
    const actual = sample[index];
    if (!actual || actual.layer.nodeId !== expected.layer.nodeId) {
      othersEqual = false;
      return;
    }
    if (expected.gradientNorm !== null && actual.gradientNorm !== null && expected.gradientNorm !== 0) {
      maxNormRelativeDifference = Math.max(maxNormRelativeDifference, Math.abs(actual.gradientNorm / expected.gradientNorm - 1));
    } else if (expected.gradientNorm !== actual.gradientNorm) {
      othersEqual = false;
    }
    const same = actual.deadFraction === expected.deadFraction && actual.saturatedFraction === expected.saturatedFraction && actual.nonFinite === expected.nonFinite;
    othersEqual &&= same;
  });
  return { maxNormRelativeDifference: Number(maxNormRelativeDifference.toPrecision(2)), othersEqual };
}
