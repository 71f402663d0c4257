import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import type { GraphDocument } from '../../src/engine/document';
import { gradientCheck } from '../../src/engine/gradcheck';
import type { NodeKind } from '../../src/engine/types';
import { multiply } from '../../src/nodes/multiply';
import { registry } from '../../src/nodes';
import { findPreset, presets, type Preset } from '../../src/presets';
import { tensor, TestGraph } from '../helpers/graph';

/**
 * Fills the batch node of a training preset with 8 fixed examples and labels 0
 * and 1. With the default all-zero X every hidden ReLU input sits exactly on
 * its kink at 0, so the check could only report kinks.
 */
function withExampleBatch(document: GraphDocument): GraphDocument {
  const batchSize = 8;
  const nodes = document.nodes.map((node) => {
    if (node.kind !== 'batch') return node;
    const features = node.params.features as number;
    const X = tensor([batchSize, features], Array.from({ length: batchSize * features }, (_unused, index) => Math.sin(1.7 * index + 0.3)));
    const y = tensor([batchSize], Array.from({ length: batchSize }, (_unused, index) => index % 2));
    return { ...node, params: { ...node.params, batchSize, X, y } };
  });
  return { ...document, nodes };
}

const usesBatch = (preset: Preset) => preset.build().nodes.some((node) => node.kind === 'batch');

/**
 * Presets whose values sit on a kink on purpose: in hinge-vs-softmax the row
 * [10, 9, 9] meets the SVM margin exactly, so max(0, 9 − 10 + 1) is at its switch point.
 */
const kinkPresets = new Set(['hinge-vs-softmax']);

describe('gradient check', () => {
  test.each(presets.filter((preset) => !usesBatch(preset) && !kinkPresets.has(preset.id)).map((preset) => preset.id))('preset %s passes', (id) => {
    const result = gradientCheck(findPreset(id)!.build(), registry);
    const failing = result.entries.filter((entry) => entry.verdict !== 'ok');

    expect(result.entries.length).toBeGreaterThan(0);
    expect(failing).toEqual([]);
    expect(result.ok).toBe(true);
  });

  test.each([...kinkPresets])('preset %s has only ok and kink verdicts', (id) => {
    const result = gradientCheck(findPreset(id)!.build(), registry);
    const kinks = result.entries.filter((entry) => entry.verdict === 'kink');

    expect(result.entries.filter((entry) => entry.verdict === 'wrong')).toEqual([]);
    expect(kinks.length).toBeGreaterThan(0);
    expect(kinks.every((entry) => entry.nodeId === 'S_hinge')).toBe(true);
    expect(result.ok).toBe(true);
  });

  // Three elements per node keep the multi-layer presets to about a hundred runs.
  test.each(presets.filter(usesBatch).map((preset) => preset.id))('training preset %s passes', (id) => {
    const result = gradientCheck(withExampleBatch(findPreset(id)!.build()), registry, { maxElementsPerNode: 3 });
    const verdicts = result.entries.map((entry) => entry.verdict);

    expect(result.entries.filter((entry) => entry.verdict === 'wrong')).toEqual([]);
    expect(verdicts.filter((verdict) => verdict === 'ok').length).toBeGreaterThan(verdicts.length / 2);
    expect(result.ok).toBe(true);
  });

  test('checks every element of inputs and parameters only', () => {
    const document = new TestGraph()
      .source('x', tensor([2], [1, 2]))
      .source('w', tensor([2, 2], [1, 2, 3, 4]), 'parameter')
      .source('c', tensor([2], [5, 6]), 'constant')
      .node('xw', 'multiply', { a: 'x', b: 'w' })
      .node('f', 'add', { a: 'xw', b: 'c' })
      .build();
    const checked = gradientCheck(document, registry).entries.map((entry) => `${entry.nodeId}[${entry.index}]`);

    expect(checked).toEqual(['x[0]', 'x[1]', 'w[0]', 'w[1]', 'w[2]', 'w[3]']);
  });

  test('matches hand gradients of x·x', () => {
    const document = new TestGraph().source('x', 3).node('f', 'multiply', { a: 'x', b: 'x' }).build();
    const [entry] = gradientCheck(document, registry).entries;

    expect(entry.analytic).toBe(6);
    expect(entry.numeric).toBeCloseTo(6, 3);
    expect(entry.verdict).toBe('ok');
  });

  test('relu at zero is a kink', () => {
    const document = new TestGraph().source('x', 0).node('r', 'relu', { x: 'x' }).build();
    const result = gradientCheck(document, registry);

    expect(result.entries).toHaveLength(1);
    expect(result.entries[0]).toMatchObject({ analytic: 0, numeric: 0.5, verdict: 'kink' });
    expect(result.ok).toBe(true);
  });

  test('max tie is a kink for both inputs', () => {
    const document = new TestGraph().source('a', 1).source('b', 1).node('m', 'max', { a: 'a', b: 'b' }).build();
    const entries = gradientCheck(document, registry).entries;

    // Tie rule: the whole gradient goes to a; central differences split it.
    expect(entries.map((entry) => entry.analytic)).toEqual([1, 0]);
    expect(entries.map((entry) => entry.numeric)).toEqual([0.5, 0.5]);
    expect(entries.map((entry) => entry.verdict)).toEqual(['kink', 'kink']);
  });

  test('scaled input crossing a kink is a kink', () => {
    // x = 1 + 2⁻²⁰ lies within even the smallest retry step, 2⁻¹⁰ / 256, of the kink at 1, and ·100
    // moves the ReLU input by ±100 steps. The difference (100 · (x + h − 1) − 0) / 2h is 50 · (1 + 2⁻¹⁰).
    const document = new TestGraph()
      .source('x', 1 + 2 ** -20)
      .node('shifted', 'add-constant', { x: 'x' }, { c: -1 })
      .node('scaled', 'multiply-constant', { x: 'shifted' }, { c: 100 })
      .node('r', 'relu', { x: 'scaled' })
      .build();
    const [entry] = gradientCheck(document, registry).entries;

    expect(entry.analytic).toBeCloseTo(100, 4);
    expect(entry.numeric).toBeCloseTo(50 * (1 + 2 ** -10), 3);
    expect(entry.verdict).toBe('kink');
  });

  test('a smaller step clears a nearby kink', () => {
    // x = 2⁻¹² is a quarter of the step 2⁻¹⁰ from the kink at 0, but beyond the step 2⁻¹⁴ of the
    // first retry, whose difference is the true slope 100.
    const document = new TestGraph()
      .source('x', 2 ** -12)
      .node('scaled', 'multiply-constant', { x: 'x' }, { c: 100 })
      .node('r', 'relu', { x: 'scaled' })
      .build();
    const [entry] = gradientCheck(document, registry).entries;

    expect(entry.numeric).toBeCloseTo(100, 3);
    expect(entry.verdict).toBe('ok');
  });

  test('relu away from zero is ok', () => {
    const document = new TestGraph().source('x', tensor([2], [-0.5, 0.5])).node('r', 'relu', { x: 'x' }).build();
    const entries = gradientCheck(document, registry).entries;

    expect(entries.map((entry) => entry.verdict)).toEqual(['ok', 'ok']);
  });

  test('flags a wrong backward', () => {
    // Multiply whose backward sends a the upstream times a, where it should be times b.
    const broken: NodeKind = {
      ...multiply,
      backward: ({ inputs, upstream }) => [tf.mul(upstream[0], inputs[0]), tf.mul(upstream[0], inputs[0])],
    };
    const brokenRegistry = new Map(registry).set('multiply', broken);
    const document = new TestGraph().source('a', 3).source('b', -2).node('f', 'multiply', { a: 'a', b: 'b' }).build();
    const result = gradientCheck(document, brokenRegistry);

    expect(result.entries.map((entry) => entry.verdict)).toEqual(['wrong', 'ok']);
    expect(result.entries[0]).toMatchObject({ nodeId: 'a', analytic: 3 });
    expect(result.entries[0].numeric).toBeCloseTo(-2, 3);
    expect(result.ok).toBe(false);
  });

  // At x = 0.001 the default step of about 0.00098 nearly reaches the pole at 0, where the
  // central difference of ln x is 2270 instead of 1 / 0.001 = 1000.
  test.each([
    ['log', 1000],
    ['reciprocal', -1e6],
  ])('%s near its pole at 0 is ok', (kind, expected) => {
    const document = new TestGraph().source('x', 0.001).node('f', kind, { x: 'x' }).build();
    const [entry] = gradientCheck(document, registry).entries;

    expect(entry.analytic).toBeCloseTo(expected, -Math.log10(Math.abs(expected)) + 2);
    expect(entry.verdict).toBe('ok');
    expect(Math.abs(entry.numeric - expected) / Math.abs(expected)).toBeLessThan(1e-2);
  });

  test('a smaller step does not hide a wrong backward', () => {
    // The broken multiply again: ∂f/∂a comes out as a = 3000 instead of b = 2900, 3 % off. At
    // steps 256 times smaller, rounding noise in f ≈ 8.7e6 would exceed that difference.
    const broken: NodeKind = {
      ...multiply,
      backward: ({ inputs, upstream }) => [tf.mul(upstream[0], inputs[0]), tf.mul(upstream[0], inputs[0])],
    };
    const brokenRegistry = new Map(registry).set('multiply', broken);
    const document = new TestGraph().source('a', 3000).source('b', 2900).node('f', 'multiply', { a: 'a', b: 'b' }).build();
    const [entry] = gradientCheck(document, brokenRegistry).entries;

    expect(entry.analytic).toBe(3000);
    expect(entry.verdict).toBe('wrong');
  });

  test('tiny gradients compare by absolute error', () => {
    // f = x·1e-6: both derivatives are about 1e-6, below the gradient floor.
    const document = new TestGraph().source('x', 2).node('f', 'multiply-constant', { x: 'x' }, { c: 1e-6 }).build();
    const [entry] = gradientCheck(document, registry).entries;

    expect(entry.verdict).toBe('ok');
    expect(entry.relativeError).toBeLessThan(1e-2);
  });

  test('spreads a limited check over the value', () => {
    const document = new TestGraph().source('x', tensor([10], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).node('f', 'negate', { x: 'x' }).build();
    const indices = gradientCheck(document, registry, { maxElementsPerNode: 4 }).entries.map((entry) => entry.index);

    expect(indices).toEqual([0, 2, 5, 7]);
  });

  test('leaves no tensors behind', () => {
    const document = presets.find((preset) => preset.id === 'sigmoid-gates')!.build();
    gradientCheck(document, registry);
    const before = tf.memory().numTensors;

    gradientCheck(document, registry);

    expect(tf.memory().numTensors).toBe(before);
  });
});
