import { describe, expect, test } from 'vitest';
import { findPreset, presets } from '../../src/presets';
import { gradientOf, runDocument, valueOf } from '../helpers/graph';
import { expectClose } from '../helpers/numeric';

function runPreset(id: string) {
  const preset = findPreset(id);
  if (!preset) throw new Error(`preset "${id}" not found`);
  return runDocument(preset.build()).trace;
}

describe('every preset', () => {
  test.each(presets.map((preset) => preset.id))('%s runs without errors', (id) => {
    const trace = runPreset(id);
    const errors = trace.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');

    expect(errors).toEqual([]);
    expect(trace.sinks.length).toBeGreaterThan(0);
  });
});

describe('add-mul', () => {
  test('matches the hand values', () => {
    const trace = runPreset('add-mul');

    // q = x + y = −2 + 5 = 3, f = q · z = 3 · −4 = −12; ∂f/∂q = z, ∂f/∂z = q.
    expect(valueOf(trace, 'q').data).toEqual([3]);
    expect(valueOf(trace, 'f').data).toEqual([-12]);
    expect(gradientOf(trace, 'x').data).toEqual([-4]);
    expect(gradientOf(trace, 'y').data).toEqual([-4]);
    expect(gradientOf(trace, 'z').data).toEqual([3]);
    expect(gradientOf(trace, 'q').data).toEqual([-4]);
  });
});

describe('sigmoid neuron', () => {
  test('gates and single gate agree', () => {
    const gates = runPreset('sigmoid-gates');
    const neuron = runPreset('sigmoid-neuron');

    expectClose(valueOf(gates, 'f'), valueOf(neuron, 'f'), { abs: 1e-5 }, 'f');
    for (const id of ['w0', 'x0', 'w1', 'x1', 'w2', 'dot']) {
      expectClose(gradientOf(gates, id), gradientOf(neuron, id), { abs: 1e-5 }, `gradient at ${id}`);
    }
  });

  test('matches the hand values', () => {
    const trace = runPreset('sigmoid-neuron');

    // dot = 2·(−1) + (−3)·(−2) − 3 = 1, f = σ(1) = 0.731059, ∂f/∂dot = σ(1)(1 − σ(1)) = 0.196612.
    expect(valueOf(trace, 'dot').data).toEqual([1]);
    expectClose(valueOf(trace, 'f').data, [0.731059], { abs: 1e-6 }, 'f');
    expectClose(gradientOf(trace, 'dot').data, [0.196612], { abs: 1e-6 }, 'gradient at dot');
  });
});

describe('gate patterns', () => {
  // Each gate's output is doubled, so every gate receives the upstream gradient 2.
  const gradient = (id: string, port = 0) => gradientOf(runPreset('gate-patterns'), id, port).data[0];

  test('add distributes', () => {
    expect(gradient('add')).toBe(2);
    expect(gradient('a1')).toBe(2);
    expect(gradient('b1')).toBe(2);
  });

  test('mul swaps', () => {
    // a2 = 3, b2 = −1: a gets 2 · b = −2, b gets 2 · a = 6.
    expect(gradient('a2')).toBe(-2);
    expect(gradient('b2')).toBe(6);
  });

  test('max routes to the larger input', () => {
    // a3 = 3 > b3 = −1.
    expect(gradient('a3')).toBe(2);
    expect(gradient('b3')).toBe(0);
  });

  test('copy sums', () => {
    expect(gradient('copy', 0)).toBe(2);
    expect(gradient('copy', 1)).toBe(2);
    expect(gradient('a4')).toBe(4);
  });
});
