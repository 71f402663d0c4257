import { GraphBuilder } from './builder';
import type { Preset } from './types';

/** The lecture's first example: f = (x + y) · z at x = −2, y = 5, z = −4. */
export const addMul: Preset = {
  id: 'add-mul',
  title: { en: 'f = (x + y) · z', 'zh-CN': 'f = (x + y) · z' },
  explanation: {
    en: 'The first computational graph of the lecture. Forward: q = x + y = 3, f = q · z = −12. Backward: ∂f/∂z = q = 3 and ∂f/∂q = z = −4; the add gate passes −4 unchanged to x and y.',
    'zh-CN': '课程中的第一个计算图。前向：q = x + y = 3，f = q · z = −12。反向：∂f/∂z = q = 3，∂f/∂q = z = −4；加法门把 −4 原样传给 x 和 y。',
  },
  build: () =>
    new GraphBuilder('f = (x + y) · z')
      .value('x', 'input', -2, 0, 0)
      .value('y', 'input', 5, 0, 160)
      .value('z', 'input', -4, 0, 320)
      .node('q', 'add', { a: 'x', b: 'y' }, 300, 80)
      .node('f', 'multiply', { a: 'q', b: 'z' }, 600, 200)
      .build(),
};
