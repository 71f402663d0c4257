import * as tf from '@tensorflow/tfjs-core';
import type { GraphDocument } from '../../src/engine/document';
import type { LayerHealth } from '../../src/engine/health/metrics';
import { TestGraph, tensor } from './graph';

/** X rows all have x1 + x2 > 0, so the ReLU unit fed by W1 column [-1, -1] is negative on every row. */
const X = [[1, 2], [2, -1], [0.5, 0.5]];
/** Column 1 keeps unit 1 alive, column 2 kills unit 2 (−x1 − x2 < 0), column 3 is zero so unit 3 outputs 0 on every row. */
const W1 = [[1, -1, 0], [0, -1, 0]];
/** Unit 1 of the ReLU reaches 1, 2 and 0.5, so score column 1 is 5, 10 and 2.5: σ(5) and σ(10) exceed 0.9743. */
const W2 = [[5, 0.1], [1, 1], [1, 1]];

/**
 * Builds sum(σ(ReLU(X·W1)·W2)) with parameters W1 and W2: ReLU r has 2 of
 * its 3 units dead, and sigmoid p has 2 of its 6 elements saturated.
 */
export function smallNetwork(): GraphDocument {
  return new TestGraph()
    .source('X', tensor([3, 2], X.flat()))
    .source('W1', tensor([2, 3], W1.flat()), 'parameter')
    .node('h', 'matmul', { a: 'X', b: 'W1' })
    .node('r', 'relu', { x: 'h' })
    .source('W2', tensor([3, 2], W2.flat()), 'parameter')
    .node('s', 'matmul', { a: 'r', b: 'W2' })
    .node('p', 'sigmoid', { x: 's' })
    .node('out', 'sum', { x: 'p' })
    .build();
}

/** The layers of smallNetwork, from the input side. */
export const SMALL_NETWORK_LAYERS = [
  { nodeId: 'W1', role: 'weight', kind: 'parameter', depth: 1 },
  { nodeId: 'r', role: 'activation', kind: 'relu', depth: 1 },
  { nodeId: 'W2', role: 'weight', kind: 'parameter', depth: 2 },
  { nodeId: 'p', role: 'activation', kind: 'sigmoid', depth: 2 },
];

/** L2 norm of a tensor's values, read back with tfjs and summed in float64. */
function norm(value: tf.Tensor): number {
  return Math.hypot(...value.dataSync());
}

/**
 * Computes the gradient norms of smallNetwork's layers with tfjs autodiff:
 * ∂out/∂W1 and ∂out/∂W2, and for r and p the gradient of out with respect to
 * their inputs h = X·W1 and s = ReLU(h)·W2.
 */
export function autodiffNorms(): Record<'W1' | 'W2' | 'r' | 'p', number> {
  return tf.tidy(() => {
    const [x, w1, w2] = [tf.tensor2d(X), tf.tensor2d(W1), tf.tensor2d(W2)];
    const [dW1, dW2] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.sigmoid(tf.matMul(tf.relu(tf.matMul(x, a)), b))))([w1, w2]);
    const h = tf.matMul(x, w1);
    const [dH] = tf.grads((input: tf.Tensor) => tf.sum(tf.sigmoid(tf.matMul(tf.relu(input), w2))))([h]);
    const s = tf.matMul(tf.relu(h), w2);
    const [dS] = tf.grads((input: tf.Tensor) => tf.sum(tf.sigmoid(input)))([s]);
    return { W1: norm(dW1), W2: norm(dW2), r: norm(dH), p: norm(dS) };
  });
}

/**
 * Builds sum(tanh(x)) and sum(ReLU(v)) on vectors. tanh(−3) ≈ −0.995,
 * tanh(1.9) ≈ 0.956 and tanh(2) ≈ 0.964 are beyond 0.9487, while tanh(−1) ≈
 * −0.762 and tanh(0) are not: 3 of 5 saturated. ReLU of [−1, 0, 2] has 2 of
 * its 3 elements at 0, and with one axis each element is a unit.
 */
export function vectorActivations(): GraphDocument {
  return new TestGraph()
    .source('x', tensor([5], [-3, -1, 0, 1.9, 2]))
    .node('t', 'tanh', { x: 'x' })
    .node('out', 'sum', { x: 't' })
    .source('v', tensor([3], [-1, 0, 2]))
    .node('r', 'relu', { x: 'v' })
    .node('out2', 'sum', { x: 'r' })
    .build();
}

/** Builds sum(tanh(log x)) with x = [−1, 1], so the tanh's first element is NaN. */
export function nanActivation(): GraphDocument {
  return new TestGraph()
    .source('x', tensor([2], [-1, 1]))
    .node('l', 'log', { x: 'x' })
    .node('t', 'tanh', { x: 'l' })
    .node('out', 'sum', { x: 't' })
    .build();
}

export function byNode(health: LayerHealth[], nodeId: string): LayerHealth {
  const found = health.find((entry) => entry.layer.nodeId === nodeId);
  if (!found) throw new Error(`no health record for node "${nodeId}"`);
  return found;
}
