import { describe, expect, test } from 'vitest';
import { compile } from '../../src/engine/compile';
import { findHealthLayers } from '../../src/engine/health/layers';
import { measureHealth } from '../../src/engine/health/metrics';
import { registry } from '../../src/nodes';
import { findPreset } from '../../src/presets';
import { runDocument } from '../helpers/graph';
import { SMALL_NETWORK_LAYERS, autodiffNorms, byNode, nanActivation, smallNetwork, vectorActivations } from '../helpers/health-networks';

function smallNetworkRun() {
  return runDocument(smallNetwork());
}

describe('health metrics', () => {
  test('layers are found by structure', () => {
    const { program, trace } = smallNetworkRun();

    const layers = measureHealth(program, trace).map((entry) => entry.layer);

    expect(layers).toEqual(SMALL_NETWORK_LAYERS);
  });

  test('mlp6 layers run input to output', () => {
    const program = compile(findPreset('mlp6')!.build(), registry);

    const ids = findHealthLayers(program).map((layer) => layer.nodeId);

    // The L2 penalties read every W early in topological order; each W still sits at its own matmul.
    expect(ids).toEqual(['W1', 'b1', 'relu1', 'W2', 'b2', 'relu2', 'W3', 'b3', 'relu3', 'W4', 'b4', 'relu4', 'W5', 'b5', 'relu5', 'W6', 'b6']);
  });

  test('dead ReLU fraction counts units dead on every row', () => {
    const { program, trace } = smallNetworkRun();

    const relu = byNode(measureHealth(program, trace), 'r');

    expect(relu.deadFraction).toBeCloseTo(2 / 3, 10);
    expect(relu.saturatedFraction).toBeNull();
  });

  test('sigmoid saturation fraction counts elements', () => {
    const { program, trace } = smallNetworkRun();

    const sigmoid = byNode(measureHealth(program, trace), 'p');

    // Scores 5, 10, 2.5 in column 1 and 0.1, 0.2, 0.05 in column 2: only σ(5) and σ(10) are beyond 0.9743.
    expect(sigmoid.saturatedFraction).toBeCloseTo(2 / 6, 10);
    expect(sigmoid.deadFraction).toBeNull();
  });

  test('gradient norms match tfjs autodiff', () => {
    const { program, trace } = smallNetworkRun();
    const health = measureHealth(program, trace);

    const expected = autodiffNorms();

    expect(expected.W1).toBeGreaterThan(0);
    for (const nodeId of ['W1', 'W2', 'r', 'p'] as const) expect(byNode(health, nodeId).gradientNorm, nodeId).toBeCloseTo(expected[nodeId], 5);
  });

  test('tanh saturation and elementwise dead units', () => {
    const { program, trace } = runDocument(vectorActivations());

    const health = measureHealth(program, trace);

    expect(byNode(health, 't').saturatedFraction).toBeCloseTo(3 / 5, 10);
    expect(byNode(health, 'r').deadFraction).toBeCloseTo(2 / 3, 10);
  });

  test('a NaN value marks the layer', () => {
    const { program, trace } = runDocument(nanActivation());

    const tanh = byNode(measureHealth(program, trace), 't');

    expect(tanh.nonFinite).toBe(true);
  });
});
