import { describe, expect, test } from 'vitest';
import { translatorFor } from '../../src/editor/i18n/translate';
import { stopMessage } from '../../src/editor/training/messages';
import type { StopInfo } from '../../src/editor/training/training-state';

/** A run that Adam with a learning rate of 1e30 stopped, with a parameter as the first non-finite node. */
const stop: StopInfo = {
  epoch: 1,
  batch: 2,
  loss: Number.NaN,
  optimizer: 'adam',
  learningRate: 1e30,
  culprit: { code: 'non-finite-value', severity: 'error', nodeId: 'W1', details: { kind: 'parameter', source: 'yes' }, message: '' },
  detail: '',
};

describe('stopMessage', () => {
  test('English joins sentences with a space', () => {
    expect(stopMessage(translatorFor('en'), stop, 'en')).toBe(
      'Training stopped at epoch 1, batch 2: the loss became NaN. A learning rate of 1e+30 may be too large for Adam; lower it and reset the weights. ' +
        'Node "W1" (parameter) has no inputs, and its own value is NaN or infinite. Set a finite value, or, while training, lower the learning rate and reset the weights.',
    );
  });

  test('Chinese joins sentences without a space', () => {
    expect(stopMessage(translatorFor('zh-CN'), stop, 'zh-CN')).toBe(
      '训练在第 1 轮第 2 批停止：损失变成了 NaN。对 Adam 来说，学习率 1e+30 可能过大；请调小学习率并重置权重。' +
        '节点“W1”（parameter）没有输入，而它自己的值是 NaN 或无穷大。请设置有限的值；若在训练中，请降低学习率并重置权重。',
    );
  });

  test('a stop before any update does not blame the learning rate', () => {
    const first = { ...stop, batch: 1, loss: Number.POSITIVE_INFINITY, culprit: null };
    expect(stopMessage(translatorFor('en'), first, 'en')).toBe(
      'Training stopped at epoch 1, batch 1, before any update: the loss of the starting weights is Infinity. Check the parameter values and the data, then reset the weights.',
    );
    expect(stopMessage(translatorFor('zh-CN'), first, 'zh-CN')).toBe('训练在第 1 轮第 1 批、任何更新之前就停止了：初始权重的损失为 Infinity。请检查参数值和数据，然后重置权重。');
  });
});
