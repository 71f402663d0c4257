import { GraphBuilder } from './builder';
import type { Preset } from './types';

function matrix(rows: number[][]): { shape: number[]; data: number[] } {
  return { shape: [rows.length, rows[0].length], data: rows.flat() };
}

/** The lecture's cat / car / frog scores under the multiclass SVM loss. */
export const svmTable: Preset = {
  id: 'svm-table',
  title: { en: 'SVM loss on three images', 'zh-CN': '三张图片上的 SVM 损失' },
  explanation: {
    en: 'Rows are the cat, car and frog images; columns the cat, car and frog scores. Each image adds Σ max(0, s_j − s_y + 1) over the wrong classes: 2.9, 0 and 12.9, so the mean loss is 5.27. Only classes inside the margin receive a gradient.',
    'zh-CN': '每行是一张图片（猫、汽车、青蛙），每列是一个类别的得分。每张图片的损失是对错误类别求和 Σ max(0, s_j − s_y + 1)：分别为 2.9、0、12.9，平均损失 5.27。只有落在间隔内的类别才有梯度。',
  },
  build: () =>
    new GraphBuilder('SVM loss on the cat / car / frog scores')
      .node('S', 'input', {}, 0, 0, { value: matrix([[3.2, 5.1, -1.7], [1.3, 4.9, 2.0], [2.2, 2.5, -3.1]]) })
      .node('y', 'labels', {}, 0, 300, { value: { shape: [3], data: [0, 1, 2] } })
      .node('L', 'svm-loss', { scores: 'S', labels: 'y' }, 460, 120, { margin: 1 })
      .build(),
};

/** The lecture's cat scores under softmax cross-entropy. */
export const softmaxTable: Preset = {
  id: 'softmax-table',
  title: { en: 'Softmax loss on one image', 'zh-CN': '一张图片上的 softmax 损失' },
  explanation: {
    en: 'Scores [3.2, 5.1, −1.7] for cat, car, frog; the true class is cat. Softmax gives probabilities [0.13, 0.87, 0.00]; the loss is −ln 0.13 = 2.04 (natural log). The gradient on the scores is p − onehot(y).',
    'zh-CN': '猫、汽车、青蛙的得分为 [3.2, 5.1, −1.7]，正确类别是猫。softmax 给出概率 [0.13, 0.87, 0.00]；损失为 −ln 0.13 = 2.04（自然对数）。得分上的梯度是 p − onehot(y)。',
  },
  build: () =>
    new GraphBuilder('Softmax cross-entropy on the cat scores')
      .node('s', 'input', {}, 0, 0, { value: { shape: [3], data: [3.2, 5.1, -1.7] } })
      .node('y', 'labels', {}, 0, 300, { value: { shape: [], data: [0] } })
      .node('L', 'softmax-ce', { scores: 's', labels: 'y' }, 460, 120)
      .build(),
};

/** y = W · x followed by a sum, the lecture's matrix backward example. */
export const matmulExample: Preset = {
  id: 'matmul-example',
  title: { en: 'Matrix multiply backward', 'zh-CN': '矩阵乘法的反向传播' },
  explanation: {
    en: 'y = W · x with W of shape [2, 3] and x of shape [3, 1], then L = Σ y. The gradients have the shapes of their operands: ∂L/∂W = g · xᵀ is [2, 3] and ∂L/∂x = Wᵀ · g is [3, 1].',
    'zh-CN': 'y = W · x，其中 W 的形状为 [2, 3]，x 为 [3, 1]，然后 L = Σ y。梯度与对应操作数形状相同：∂L/∂W = g · xᵀ 为 [2, 3]，∂L/∂x = Wᵀ · g 为 [3, 1]。',
  },
  build: () =>
    new GraphBuilder('Matrix multiply backward')
      .node('W', 'parameter', {}, 0, 0, { value: matrix([[1, 2, 3], [4, 5, 6]]) })
      .node('x', 'input', {}, 0, 300, { value: matrix([[1], [0], [-1]]) })
      .node('y', 'matmul', { a: 'W', b: 'x' }, 420, 120)
      .node('L', 'sum', { x: 'y' }, 800, 120)
      .build(),
};
