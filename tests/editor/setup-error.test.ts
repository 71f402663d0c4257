import { describe, expect, test } from 'vitest';
import type { GraphDocument } from '../../src/engine/document';
import { Trainer, type TrainerFailure, type TrainingData } from '../../src/engine/training/trainer';
import { translatorFor } from '../../src/editor/i18n/translate';
import { failureMessage, sessionErrorText } from '../../src/editor/training/setup-error';
import { registry } from '../../src/nodes';
import { findPreset } from '../../src/presets';

const config = { optimizer: { name: 'sgd' as const, learningRate: 0.1 }, batchSize: 4, seed: 1, init: 'document' as const };

function failure(document: GraphDocument, data: TrainingData, batchSize = 4): TrainerFailure {
  const result = Trainer.create(document, registry, data, { ...config, batchSize });
  if (!('error' in result)) {
    result.dispose();
    throw new Error('Trainer.create succeeded where the test expected a failure.');
  }
  return result;
}

function same(set: TrainingData['train']): TrainingData {
  return { train: set, validation: set, test: set };
}

const twoFeatures = { features: 2, classes: 3, x: new Float32Array(8), y: Int32Array.from([0, 1, 2, 0]) };

/** Trainer failures of each kind, with a Chinese fragment their translated text contains. */
const cases: [string, () => TrainerFailure, string][] = [
  ['no batch node', () => failure(findPreset('add-mul')!.build(), same({ ...twoFeatures, x: new Float32Array(0), y: new Int32Array(0) })), '训练需要恰好一个 batch 节点'],
  ['feature mismatch', () => failure(findPreset('linear-softmax')!.buildForDataset!({ name: 'mnist' }), same(twoFeatures)), '有 784 个特征，而数据集有 2 个'],
  ['label out of range', () => failure(findPreset('linear-softmax')!.build(), same({ ...twoFeatures, classes: 5, y: Int32Array.from([0, 1, 4, 2]) })), '训练样本中有标签 4'],
  ['batch size zero', () => failure(findPreset('linear-softmax')!.build(), same(twoFeatures), 0), '批大小至少为 1，当前为 0'],
  [
    'no parameters',
    () => {
      const document = findPreset('linear-softmax')!.build();
      const nodes = document.nodes.map((node) => (node.kind === 'parameter' ? { ...node, kind: 'constant' } : node));
      return failure({ ...document, nodes }, same(twoFeatures));
    },
    '训练需要至少一个可更新的 parameter 节点',
  ],
];

describe('training setup errors', () => {
  test.each(cases)('%s in English and Chinese', (_name, make, chinese) => {
    const found = make();
    const message = failureMessage(found);

    expect(sessionErrorText(translatorFor('en'), message)).toBe(found.error);
    expect(sessionErrorText(translatorFor('zh-CN'), message)).toContain(chinese);
  });

  test('blocking diagnostic uses its message', () => {
    const document = findPreset('linear-softmax')!.build();
    // W of shape [3, 3] cannot multiply examples of 2 features.
    const nodes = document.nodes.map((node) => (node.id === 'W' ? { ...node, params: { ...node.params, shape: [3, 3] } } : node));
    const found = failure({ ...document, nodes }, same(twoFeatures));
    const message = failureMessage(found);

    expect(message).toMatchObject({ key: 'diagnostic.shape-mismatch', params: { node: 'h' } });
    expect(sessionErrorText(translatorFor('zh-CN'), message)).toMatch(/^节点“h”（matmul）：/);
  });

  test('English text passes through', () => {
    expect(sessionErrorText(translatorFor('zh-CN'), 'The graph has no training settings.')).toBe('The graph has no training settings.');
  });
});
