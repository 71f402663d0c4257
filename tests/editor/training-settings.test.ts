import { describe, expect, test } from 'vitest';
import { slotKey } from '../../src/editor/training/messages';
import { trainerKey } from '../../src/editor/training/session';
import {
  isValidOptimizerValue,
  isValidWholeNumber,
  optimizerValue,
  withDataset,
  withExtraPoint,
  withOptimizerName,
  withOptimizerValue,
  wholeNumberProblem,
  withWholeNumber,
} from '../../src/editor/training/settings';
import { findPreset } from '../../src/presets';

const linearSoftmax = () => findPreset('linear-softmax')!.build();

function shapeOf(document: ReturnType<typeof linearSoftmax>, nodeId: string): unknown {
  return document.nodes.find((node) => node.id === nodeId)!.params.shape;
}

describe('training settings edits', () => {
  test('MNIST rebuilds the preset graph', () => {
    const document = withDataset(linearSoftmax(), 'linear-softmax', { name: 'mnist' });
    expect(document.training!.dataset).toEqual({ name: 'mnist' });
    // 784 pixels in, 10 digit classes out.
    expect(shapeOf(document, 'W')).toEqual([784, 10]);
    expect(document.nodes.find((node) => node.id === 'data')!.params.features).toBe(784);
  });

  test('spiral keeps 2 features, 3 classes', () => {
    const document = withDataset(linearSoftmax(), 'linear-softmax', { name: 'spiral' });
    expect(shapeOf(document, 'W')).toEqual([2, 3]);
    expect(document.training!.dataset.name).toBe('spiral');
  });

  test('graph without preset keeps its nodes', () => {
    const before = linearSoftmax();
    const after = withDataset(before, null, { name: 'circles' });
    expect(after.nodes).toBe(before.nodes);
    expect(after.training!.dataset).toEqual({ name: 'circles' });
    expect(after.training!.optimizer).toEqual(before.training!.optimizer);
  });

  test('optimizer switch takes its defaults', () => {
    const document = withOptimizerName(withOptimizerValue(linearSoftmax(), 'learningRate', 0.5), 'momentum');
    expect(document.training!.optimizer).toEqual({ name: 'momentum', learningRate: 0.01, momentum: 0.9 });
    expect(optimizerValue({ name: 'adam', learningRate: 0.1 }, 'beta2')).toBe(0.999);
  });

  test('edits leave the input untouched', () => {
    const before = linearSoftmax();
    const after = withExtraPoint(withWholeNumber(before, 'epochs', 3), [0.5, -0.25, 2]);
    expect(after.training!.epochs).toBe(3);
    expect(after.training!.dataset.extraPoints).toEqual([[0.5, -0.25, 2]]);
    expect(before.training!.epochs).toBe(40);
    expect(before.training!.dataset.extraPoints).toBeUndefined();
  });

  test('values are checked by field', () => {
    expect(isValidOptimizerValue('learningRate', 0)).toBe(false);
    expect(isValidOptimizerValue('learningRate', 1e-4)).toBe(true);
    expect(isValidOptimizerValue('beta1', 1)).toBe(false);
    expect(isValidOptimizerValue('beta1', 0)).toBe(true);
    expect(isValidOptimizerValue('initialAccumulator', 0)).toBe(true);
    expect(isValidOptimizerValue('epsilon', Number.NaN)).toBe(false);
    expect(isValidWholeNumber('batchSize', 0)).toBe(false);
    expect(isValidWholeNumber('batchSize', 2.5)).toBe(false);
    expect(isValidWholeNumber('seed', 0)).toBe(true);
  });

  test('seed range keeps seeds exact', () => {
    // 2^32 − 1 is the largest 32-bit seed, and the trainer's seed · 1000 + index and seed + epoch stay below 2^53.
    expect(isValidWholeNumber('seed', 4294967295)).toBe(true);
    expect(isValidWholeNumber('seed', 4294967296)).toBe(false);
    expect(4294967295 * 1000 + 999).toBeLessThan(2 ** 53);
    expect(wholeNumberProblem('seed', -1)).toEqual({ key: 'training.invalidSeed', params: { min: 0, max: 4294967295 } });
    expect(wholeNumberProblem('seed', 1e20)).toEqual({ key: 'training.invalidSeed', params: { min: 0, max: 4294967295 } });
    expect(wholeNumberProblem('seed', 7)).toBeNull();
  });

  test('batch size has an upper bound', () => {
    expect(wholeNumberProblem('batchSize', 1_000_000)).toBeNull();
    expect(wholeNumberProblem('batchSize', 1_000_001)).toEqual({ key: 'training.invalidWholeRange', params: { min: 1, max: 1_000_000 } });
    expect(wholeNumberProblem('batchSize', 0)).toEqual({ key: 'training.invalidWhole', params: { min: 1 } });
    // Above 100,000 epochs a saved document would not load again.
    expect(wholeNumberProblem('epochs', 100_001)).toEqual({ key: 'training.invalidWholeRange', params: { min: 1, max: 100_000 } });
  });
});

describe('trainer key', () => {
  test('ignores moves and epochs', () => {
    const before = linearSoftmax();
    const moved = { ...before, nodes: before.nodes.map((node) => ({ ...node, position: { x: 1, y: 2 } })) };
    expect(trainerKey(withWholeNumber(moved, 'epochs', 5))).toBe(trainerKey(before));
  });

  test('changes with a setting or a parameter', () => {
    const before = linearSoftmax();
    expect(trainerKey(withWholeNumber(before, 'batchSize', 16))).not.toBe(trainerKey(before));
    const reseeded = { ...before, nodes: before.nodes.map((node) => (node.id === 'W' ? { ...node, params: { ...node.params, seed: 7 } } : node)) };
    expect(trainerKey(reseeded)).not.toBe(trainerKey(before));
  });
});

describe('optimizer slot names', () => {
  test('momentum means velocity except in RMSProp', () => {
    expect(slotKey('momentum', 'momentum')).toBe('training.slot.velocity');
    expect(slotKey('rmsprop', 'momentum')).toBe('training.slot.rmspropMomentum');
    expect(slotKey('adam', 'm')).toBe('training.slot.m');
    expect(slotKey('adam', 'unknown')).toBeNull();
  });
});
