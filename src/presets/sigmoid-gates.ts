import { neuronDotProduct } from './sigmoid-neuron';
import type { Preset } from './types';

/** The same neuron with σ(t) = 1 / (1 + e^−t) spelled out as the lecture's four gates. */
export const sigmoidGates: Preset = {
  id: 'sigmoid-gates',
  title: { en: 'Sigmoid as gates', 'zh-CN': '由门组成的 Sigmoid' },
  explanation: {
    en: 'The same neuron with σ written as gates: −1·, exp, +1, 1/x. Step backward through them and compare with the sigmoid-neuron preset: the gradients at the inputs are the same (0.20 at dot).',
    'zh-CN': '同一个神经元，σ 被拆成 −1·、exp、+1、1/x 四个门。逐步反向传播并与 sigmoid-neuron 预设比较：输入处的梯度相同（dot 处为 0.20）。',
  },
  build: () =>
    neuronDotProduct('f = 1 / (1 + exp(−(w0·x0 + w1·x1 + w2)))')
      .node('neg', 'multiply-constant', { x: 'dot' }, 1140, 480, { c: -1 })
      .node('e', 'exp', { x: 'neg' }, 1440, 480)
      .node('plus1', 'add-constant', { x: 'e' }, 1740, 480, { c: 1 })
      .node('f', 'reciprocal', { x: 'plus1' }, 2040, 480)
      .build(),
};
