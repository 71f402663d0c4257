import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { compile } from '../../src/engine/compile';
import type { GraphDocument } from '../../src/engine/document';
import { float32Threshold, measureBatchHealth } from '../../src/engine/health/batch-health';
import { measureHealth, SIGMOID_SATURATION, TANH_SATURATION, type LayerHealth } from '../../src/engine/health/metrics';
import { Trainer } from '../../src/engine/training/trainer';
import { registry } from '../../src/nodes';
import { findPreset } from '../../src/presets';
import { datasetFromSettings, trainingDataFromSettings } from '../../src/presets/datasets';
import { TestGraph, tensor } from '../helpers/graph';
import { SMALL_NETWORK_LAYERS, autodiffNorms, byNode, nanActivation, smallNetwork, vectorActivations } from '../helpers/health-networks';

function measure(document: GraphDocument): LayerHealth[] {
  return measureBatchHealth(compile(document, registry), {});
}

/** A parameter w = [1, 2, 3] scaled by c and summed, so ∂out/∂w is c in every element. */
function scaledSum(c: number): GraphDocument {
  return new TestGraph()
    .source('w', tensor([3], [1, 2, 3]), 'parameter')
    .node('scaled', 'multiply-constant', { x: 'w' }, { c })
    .node('out', 'sum', { x: 'scaled' })
    .build();
}

async function trainerFor(presetId: string): Promise<Trainer> {
  const document = findPreset(presetId)!.build();
  const settings = document.training!;
  const dataset = await datasetFromSettings(settings.dataset, () => Promise.reject(new Error('no MNIST in this test')));
  const trainer = Trainer.create(document, registry, trainingDataFromSettings(dataset, settings), {
    optimizer: settings.optimizer, batchSize: settings.batchSize, seed: settings.seed, init: settings.init,
  });
  if ('error' in trainer) throw new Error(trainer.error);
  return trainer;
}

describe('batch health on the backend', () => {
  test('layers in input-to-output order', () => {
    const layers = measure(smallNetwork()).map((entry) => entry.layer);

    expect(layers).toEqual(SMALL_NETWORK_LAYERS);
  });

  test('dead ReLU units counted by hand', () => {
    const relu = byNode(measure(smallNetwork()), 'r');

    expect(relu.deadFraction).toBe(2 / 3);
    expect(relu.saturatedFraction).toBeNull();
    expect(relu.nonFinite).toBe(false);
  });

  test('saturated sigmoid elements counted by hand', () => {
    const sigmoid = byNode(measure(smallNetwork()), 'p');

    // Scores 5, 10, 2.5 in column 1 and 0.1, 0.2, 0.05 in column 2: only σ(5) and σ(10) are beyond 0.9743.
    expect(sigmoid.saturatedFraction).toBe(2 / 6);
    expect(sigmoid.deadFraction).toBeNull();
  });

  test('gradient norms match tfjs autodiff', () => {
    const health = measure(smallNetwork());

    const expected = autodiffNorms();

    expect(expected.W1).toBeGreaterThan(0);
    for (const nodeId of ['W1', 'W2', 'r', 'p'] as const) expect(byNode(health, nodeId).gradientNorm, nodeId).toBeCloseTo(expected[nodeId], 6);
  });

  test('tanh saturation and elementwise dead units', () => {
    const health = measure(vectorActivations());

    expect(byNode(health, 't').saturatedFraction).toBe(3 / 5);
    expect(byNode(health, 'r').deadFraction).toBe(2 / 3);
    // ∂/∂v of sum(ReLU(v)) is the step function [0, 0, 1] (tfjs takes 0 at v = 0), so the norm is 1.
    expect(byNode(health, 'r').gradientNorm).toBe(1);
  });

  test('tiny gradients keep their norm', () => {
    // Each element's square, about 1e-50, is below float32's smallest number; the norm √3 · 1e-25 is not.
    const bias = byNode(measure(scaledSum(1e-25)), 'w');

    expect(bias.layer.role).toBe('bias');
    expect(bias.gradientNorm! / (Math.sqrt(3) * Math.fround(1e-25))).toBeCloseTo(1, 6);
    expect(bias.nonFinite).toBe(false);
  });

  test('huge gradients keep their norm', () => {
    // Each element's square, about 1e60, overflows float32; the norm √3 · 1e30 does not.
    const bias = byNode(measure(scaledSum(1e30)), 'w');

    expect(bias.gradientNorm! / (Math.sqrt(3) * Math.fround(1e30))).toBeCloseTo(1, 6);
    expect(bias.nonFinite).toBe(false);
  });

  test('infinite gradient marks the layer', () => {
    // ∂ sum(log w) / ∂w = 1 / w, which is infinite at w = 0 while w itself is finite.
    const document = new TestGraph()
      .source('w', tensor([2], [0, 1]), 'parameter')
      .node('l', 'log', { x: 'w' })
      .node('out', 'sum', { x: 'l' })
      .build();

    const bias = byNode(measure(document), 'w');

    expect(bias.gradientNorm).toBe(Number.POSITIVE_INFINITY);
    expect(bias.nonFinite).toBe(true);
  });

  test('NaN value marks the layer', () => {
    const tanh = byNode(measure(nanActivation()), 't');

    expect(tanh.nonFinite).toBe(true);
    expect(tanh.gradientNorm).toBeNaN();
  });

  test('unread parameter has no gradient norm', () => {
    // A source that nothing reads is not a sink, so no gradient reaches "unused".
    const document = new TestGraph()
      .source('x', tensor([1, 2], [1, 2]))
      .source('W', tensor([2, 2], [1, 0, 0, 1]), 'parameter')
      .node('y', 'matmul', { a: 'x', b: 'W' })
      .node('out', 'sum', { x: 'y' })
      .source('unused', tensor([2, 2], [1, 2, 3, 4]), 'parameter')
      .build();

    const health = measure(document);

    // ∂ sum(x·W) / ∂W is x repeated in each column: [[1, 1], [2, 2]], norm √10.
    expect(byNode(health, 'W').gradientNorm).toBeCloseTo(Math.sqrt(10), 6);
    expect(byNode(health, 'unused').gradientNorm).toBeNull();
    expect(byNode(health, 'unused').nonFinite).toBe(false);
  });

  test('saturation bounds compare as in float64', () => {
    const cases = [
      { bound: SIGMOID_SATURATION.low, comparison: 'below' as const },
      { bound: SIGMOID_SATURATION.high, comparison: 'above' as const },
      { bound: TANH_SATURATION, comparison: 'above' as const },
    ];
    for (const { bound, comparison } of cases) {
      const threshold = float32Threshold(bound, comparison);
      expect(Math.fround(threshold)).toBe(threshold);
      const bits = new Int32Array(new Float32Array([bound]).buffer)[0];
      for (let offset = -20; offset <= 20; offset++) {
        const x = new Float32Array(new Int32Array([bits + offset]).buffer)[0];
        const expected = comparison === 'below' ? x < bound : x > bound;
        expect(comparison === 'below' ? x < threshold : x > threshold, `x = ${x} against ${bound}`).toBe(expected);
      }
    }
  });
});

describe('trainer health samples', () => {
  for (const presetId of ['mlp2', 'mlp6']) {
    test(`${presetId} sample equals the traced signals`, async () => {
      const trainer = await trainerFor(presetId);
      for (let step = 0; step < 7; step++) trainer.step();
      const program = compile(findPreset(presetId)!.build(), registry);

      const sample = trainer.measureHealth(64);
      const traced = measureHealth(program, trainer.traceCurrentBatch(64).trace);

      expect(sample.map((entry) => entry.layer)).toEqual(traced.map((entry) => entry.layer));
      for (const [index, expected] of traced.entries()) {
        const actual = sample[index];
        const where = `layer ${expected.layer.nodeId}`;
        expect(actual.deadFraction, where).toBe(expected.deadFraction);
        expect(actual.saturatedFraction, where).toBe(expected.saturatedFraction);
        expect(actual.nonFinite, where).toBe(expected.nonFinite);
        expect(expected.gradientNorm, where).toBeGreaterThan(0);
        expect(actual.gradientNorm! / expected.gradientNorm!, where).toBeCloseTo(1, 4);
      }
      trainer.dispose();
    });
  }

  test('samples leave no tensors behind', async () => {
    const trainer = await trainerFor('mlp6');
    // The first step creates Adam's moment variables, which stay.
    trainer.step();
    trainer.measureHealth(64);
    const before = tf.memory().numTensors;

    for (let sample = 0; sample < 25; sample++) {
      trainer.step();
      trainer.measureHealth(64);
    }

    expect(tf.memory().numTensors).toBe(before);
    trainer.dispose();
  });
});
