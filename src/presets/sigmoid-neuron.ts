import { GraphBuilder } from './builder';
import type { Preset } from './types';

/**
 * Builds w0·x0 + w1·x1 + w2 at the lecture's values, leaving the activation to the caller.
 * Rows 190 and columns 280 apart leave room for projector mode's larger nodes, up to 240 × 164 px.
 */
export function neuronDotProduct(title: string): GraphBuilder {
  return new GraphBuilder(title)
    .value('w0', 'parameter', 2, 0, 0)
    .value('x0', 'input', -1, 0, 190)
    .value('w1', 'parameter', -3, 0, 380)
    .value('x1', 'input', -2, 0, 570)
    .value('w2', 'parameter', -3, 0, 760)
    .node('m0', 'multiply', { a: 'w0', b: 'x0' }, 300, 95)
    .node('m1', 'multiply', { a: 'w1', b: 'x1' }, 300, 475)
    .node('s', 'add', { a: 'm0', b: 'm1' }, 580, 285)
    .node('dot', 'add', { a: 's', b: 'w2' }, 860, 480);
}

/** The lecture's 2-D neuron f = σ(w0·x0 + w1·x1 + w2) with σ as one gate. */
export const sigmoidNeuron: Preset = {
  id: 'sigmoid-neuron',
  title: { en: 'Sigmoid neuron', 'zh-CN': 'Sigmoid 神经元' },
  explanation: {
    en: 'f = σ(w0·x0 + w1·x1 + w2) with w = (2, −3, −3) and x = (−1, −2). The sigmoid gate computes its local gradient in one step as σ(1 − σ) = 0.73 · 0.27 ≈ 0.20.',
    'zh-CN': 'f = σ(w0·x0 + w1·x1 + w2)，其中 w = (2, −3, −3)，x = (−1, −2)。sigmoid 门一步算出局部梯度 σ(1 − σ) = 0.73 · 0.27 ≈ 0.20。',
  },
  build: () => neuronDotProduct('f = σ(w0·x0 + w1·x1 + w2)').node('f', 'sigmoid', { x: 'dot' }, 1140, 480).build(),
};
