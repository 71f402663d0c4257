import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { compile } from '../../src/engine/compile';
import { findHealthLayers } from '../../src/engine/health/layers';
import { measureHealth, type LayerHealth } from '../../src/engine/health/metrics';
import { registry } from '../../src/nodes';
import { findPreset } from '../../src/presets';
import { TestGraph, runDocument, tensor } from '../helpers/graph';

/** X rows all have x1 + x2 > 0, so the ReLU unit fed by W1 column [-1, -1] is negative on every row. */
const X = [[1, 2], [2, -1], [0.5, 0.5]];
/** Column 1 keeps unit 1 alive, column 2 kills unit 2 (−x1 − x2 < 0), column 3 is zero so unit 3 outputs 0 on every row. */
const W1 = [[1, -1, 0], [0, -1, 0]];
/** Unit 1 of the ReLU reaches 1, 2 and 0.5, so score column 1 is 5, 10 and 2.5: σ(5) and σ(10) exceed 0.9743. */
const W2 = [[5, 0.1], [1, 1], [1, 1]];

function smallNetwork() {
  const graph = new TestGraph()
    .source('X', tensor([3, 2], X.flat()))
    .source('W1', tensor([2, 3], W1.flat()), 'parameter')
    .node('h', 'matmul', { a: 'X', b: 'W1' })
    .node('r', 'relu', { x: 'h' })
    .source('W2', tensor([3, 2], W2.flat()), 'parameter')
    .node('s', 'matmul', { a: 'r', b: 'W2' })
    .node('p', 'sigmoid', { x: 's' })
    .node('out', 'sum', { x: 'p' });
  return runDocument(graph.build());
}

function byNode(health: LayerHealth[], nodeId: string): LayerHealth {
  const found = health.find((entry) => entry.layer.nodeId === nodeId);
  if (!found) throw new Error(`no health record for node "${nodeId}"`);
  return found;
}

/** L2 norm of a tensor's values, read back with tfjs. */
function norm(value: tf.Tensor): number {
  return Math.sqrt(tf.sum(tf.square(value)).dataSync()[0]);
}

/** Computes the network's output sum(σ(ReLU(X·W1)·W2)) with tfjs ops, for tfjs autodiff. */
function output(x: tf.Tensor, w1: tf.Tensor, w2: tf.Tensor): tf.Scalar {
  return tf.sum(tf.sigmoid(tf.matMul(tf.relu(tf.matMul(x, w1)), w2)));
}

describe('health metrics', () => {
  test('layers are found by structure', () => {
    const { program, trace } = smallNetwork();

    const layers = measureHealth(program, trace).map((entry) => entry.layer);

    expect(layers).toEqual([
      { nodeId: 'W1', role: 'weight', kind: 'parameter', depth: 1 },
      { nodeId: 'r', role: 'activation', kind: 'relu', depth: 1 },
      { nodeId: 'W2', role: 'weight', kind: 'parameter', depth: 2 },
      { nodeId: 'p', role: 'activation', kind: 'sigmoid', depth: 2 },
    ]);
  });

  test('mlp6 layers run input to output', () => {
    const program = compile(findPreset('mlp6')!.build(), registry);

    const ids = findHealthLayers(program).map((layer) => layer.nodeId);

    // The L2 penalties read every W early in topological order; each W still sits at its own matmul.
    expect(ids).toEqual(['W1', 'b1', 'relu1', 'W2', 'b2', 'relu2', 'W3', 'b3', 'relu3', 'W4', 'b4', 'relu4', 'W5', 'b5', 'relu5', 'W6', 'b6']);
  });

  test('dead ReLU fraction counts units dead on every row', () => {
    const { program, trace } = smallNetwork();

    const relu = byNode(measureHealth(program, trace), 'r');

    expect(relu.deadFraction).toBeCloseTo(2 / 3, 10);
    expect(relu.saturatedFraction).toBeNull();
  });

  test('sigmoid saturation fraction counts elements', () => {
    const { program, trace } = smallNetwork();

    const sigmoid = byNode(measureHealth(program, trace), 'p');

    // Scores 5, 10, 2.5 in column 1 and 0.1, 0.2, 0.05 in column 2: only σ(5) and σ(10) are beyond 0.9743.
    expect(sigmoid.saturatedFraction).toBeCloseTo(2 / 6, 10);
    expect(sigmoid.deadFraction).toBeNull();
  });

  test('gradient norms match tfjs autodiff', () => {
    const { program, trace } = smallNetwork();
    const health = measureHealth(program, trace);

    const [x, w1, w2] = [tf.tensor2d(X), tf.tensor2d(W1), tf.tensor2d(W2)];
    const [dW1, dW2] = tf.grads((a: tf.Tensor, b: tf.Tensor) => output(x, a, b))([w1, w2]);
    const h = tf.matMul(x, w1);
    const [dH] = tf.grads((input: tf.Tensor) => tf.sum(tf.sigmoid(tf.matMul(tf.relu(input), w2))))([h]);
    const s = tf.matMul(tf.relu(h), w2);
    const [dS] = tf.grads((input: tf.Tensor) => tf.sum(tf.sigmoid(input)))([s]);

    expect(byNode(health, 'W1').gradientNorm).toBeCloseTo(norm(dW1), 5);
    expect(byNode(health, 'W2').gradientNorm).toBeCloseTo(norm(dW2), 5);
    expect(byNode(health, 'r').gradientNorm).toBeCloseTo(norm(dH), 5);
    expect(byNode(health, 'p').gradientNorm).toBeCloseTo(norm(dS), 5);
    expect(norm(dW1)).toBeGreaterThan(0);
    tf.dispose([x, w1, w2, dW1, dW2, h, dH, s, dS]);
  });

  test('tanh saturation and elementwise dead units', () => {
    // tanh(−3) ≈ −0.995, tanh(1.9) ≈ 0.956 and tanh(2) ≈ 0.964 are beyond 0.9487; tanh(−1) ≈ −0.762 and tanh(0) are not.
    const graph = new TestGraph()
      .source('x', tensor([5], [-3, -1, 0, 1.9, 2]))
      .node('t', 'tanh', { x: 'x' })
      .node('out', 'sum', { x: 't' })
      .source('v', tensor([3], [-1, 0, 2]))
      .node('r', 'relu', { x: 'v' })
      .node('out2', 'sum', { x: 'r' });
    const { program, trace } = runDocument(graph.build());

    const health = measureHealth(program, trace);

    expect(byNode(health, 't').saturatedFraction).toBeCloseTo(3 / 5, 10);
    expect(byNode(health, 'r').deadFraction).toBeCloseTo(2 / 3, 10);
  });

  test('a NaN value marks the layer', () => {
    const graph = new TestGraph()
      .source('x', tensor([2], [-1, 1]))
      .node('l', 'log', { x: 'x' })
      .node('t', 'tanh', { x: 'l' })
      .node('out', 'sum', { x: 't' });
    const { program, trace } = runDocument(graph.build());

    const tanh = byNode(measureHealth(program, trace), 't');

    expect(tanh.nonFinite).toBe(true);
  });
});
