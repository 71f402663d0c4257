import { GraphBuilder } from './builder';
import type { Preset } from './types';

/**
 * The lecture's four gate patterns side by side, each fed an upstream gradient
 * of 2 through a multiply-by-2 gate so the patterns show with a number other than 1.
 * Inputs sit 150 px apart, so projector mode's taller nodes (about 130 px) do not overlap.
 */
export const gatePatterns: Preset = {
  id: 'gate-patterns',
  title: { en: 'Gate patterns: add, mul, max, copy', 'zh-CN': '门的模式：加法、乘法、max、复制' },
  explanation: {
    en: 'Each gate receives the upstream gradient 2. The add gate distributes it unchanged; the mul gate swaps its inputs (each input gets 2 × the other input); the max gate routes all of it to the larger input; the copy gate sums the gradients arriving from its two outputs.',
    'zh-CN': '每个门收到的上游梯度都是 2。加法门把它原样分给两个输入；乘法门交换输入（每个输入得到 2 × 另一个输入）；max 门把全部梯度送给较大的输入；复制门把两个输出传回的梯度相加。',
  },
  build: () =>
    new GraphBuilder('Gate patterns')
      .value('a1', 'input', 3, 0, 0)
      .value('b1', 'input', -1, 0, 150)
      .node('add', 'add', { a: 'a1', b: 'b1' }, 260, 55)
      .node('g_add', 'multiply-constant', { x: 'add' }, 500, 55, { c: 2 })
      .value('a2', 'input', 3, 0, 340)
      .value('b2', 'input', -1, 0, 490)
      .node('mul', 'multiply', { a: 'a2', b: 'b2' }, 260, 395)
      .node('g_mul', 'multiply-constant', { x: 'mul' }, 500, 395, { c: 2 })
      .value('a3', 'input', 3, 0, 680)
      .value('b3', 'input', -1, 0, 830)
      .node('max', 'max', { a: 'a3', b: 'b3' }, 260, 735)
      .node('g_max', 'multiply-constant', { x: 'max' }, 500, 735, { c: 2 })
      .value('a4', 'input', 3, 0, 1040)
      .node('copy', 'copy', { x: 'a4' }, 260, 1040)
      .node('g_copy0', 'multiply-constant', { x: 'copy:out0' }, 500, 970, { c: 2 })
      .node('g_copy1', 'multiply-constant', { x: 'copy:out1' }, 500, 1140, { c: 2 })
      .build(),
};
