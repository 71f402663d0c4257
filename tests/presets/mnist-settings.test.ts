import { expect, test } from 'vitest';
import { findPreset } from '../../src/presets';

function parameterShapes(presetId: string): Record<string, number[]> {
  const document = findPreset(presetId)!.buildForDataset!({ name: 'mnist' });
  const parameters = document.nodes.filter((node) => node.kind === 'parameter');
  return Object.fromEntries(parameters.map((node) => [node.id, node.params.shape as number[]]));
}

test('mlp2 widens to 200 on MNIST', () => {
  const document = findPreset('mlp2')!.buildForDataset!({ name: 'mnist' });

  expect(parameterShapes('mlp2')).toEqual({ W1: [784, 200], b1: [200], W2: [200, 10], b2: [10] });
  expect(document.training!.optimizer).toEqual({ name: 'adam', learningRate: 0.003 });
  expect(document.training!.batchSize).toBe(256);
  expect(document.training!.epochs).toBe(9);
});

test('mlp2 keeps 100 units on the spiral', () => {
  const spiral = findPreset('mlp2')!.build();

  expect(spiral.nodes.find((node) => node.id === 'W1')!.params.shape).toEqual([2, 100]);
});

test('linear softmax on MNIST', () => {
  const document = findPreset('linear-softmax')!.buildForDataset!({ name: 'mnist' });

  expect(parameterShapes('linear-softmax')).toEqual({ W: [784, 10], b: [10] });
  expect(document.training!.optimizer).toEqual({ name: 'adam', learningRate: 0.01 });
  expect(document.training!.batchSize).toBe(128);
  expect(document.training!.split).toEqual({ train: 0.8, validation: 0.1 });
});
