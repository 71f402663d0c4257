import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import type { Params } from '../../src/engine/types';
import { autodiff, expectClose, numericGradient, runKind, tensorData } from './tensor-helpers';

const w = tensorData([2, 3], [0.5, -1.5, 2, -0.25, 3, -2]);
const sumOf = (values: number[]) => values.reduce((total, value) => total + value, 0);
const l1 = (flat: number[]) => sumOf(flat.map(Math.abs));
const l2 = (flat: number[]) => sumOf(flat.map((value) => value * value));

const cases: { kind: string; params: Params; penalty: (flat: number[]) => number; tfPenalty: (x: tf.Tensor) => tf.Tensor }[] = [
  {
    kind: 'l2-penalty',
    params: { lambda: 0.3 },
    penalty: (flat: number[]) => 0.3 * l2(flat),
    tfPenalty: (x: tf.Tensor) => tf.mul(0.3, tf.sum(tf.square(x))),
  },
  {
    kind: 'l1-penalty',
    params: { lambda: 0.3 },
    penalty: (flat: number[]) => 0.3 * l1(flat),
    tfPenalty: (x: tf.Tensor) => tf.mul(0.3, tf.sum(tf.abs(x))),
  },
  {
    kind: 'elastic-net',
    params: { lambda1: 0.2, lambda2: 0.7 },
    penalty: (flat: number[]) => 0.2 * l1(flat) + 0.7 * l2(flat),
    tfPenalty: (x: tf.Tensor) => tf.add(tf.mul(0.2, tf.sum(tf.abs(x))), tf.mul(0.7, tf.sum(tf.square(x)))),
  },
];

describe('penalties', () => {
  for (const { kind, params, penalty, tfPenalty } of cases) {
    test(`${kind} forward matches float64`, () => {
      const { outputs } = runKind(kind, { w }, params);
      expect(outputs[0].shape).toEqual([]);
      expectClose(outputs[0].data, [penalty(w.data)], 1e-6);
    });

    test(`${kind} gradient matches finite differences`, () => {
      const { grads } = runKind(kind, { w }, params, tensorData([], [1.5]));
      expect(grads.w.shape).toEqual([2, 3]);
      expectClose(grads.w.data, numericGradient((flat) => 1.5 * penalty(flat), w.data));
    });

    test(`${kind} gradient matches tfjs autodiff`, () => {
      const { grads } = runKind(kind, { w }, params);
      expectClose(grads.w.data, autodiff(tfPenalty, [w])[0]);
    });

    test(`${kind} NaN weight gives NaN`, () => {
      const { outputs, grads } = runKind(kind, { w: tensorData([2], [NaN, 1]) }, params);
      expect(Number.isNaN(outputs[0].data[0])).toBe(true);
      expect(Number.isNaN(grads.w.data[0])).toBe(true);
      expect(Number.isFinite(grads.w.data[1])).toBe(true);
    });
  }

  test('l2-penalty has no one-half factor', () => {
    const { outputs, grads } = runKind('l2-penalty', { w: tensorData([], [3]) }, { lambda: 1 });
    expectClose(outputs[0].data, [9]);
    expectClose(grads.w.data, [6]);
  });

  test('default lambda is 1e-3', () => {
    const { outputs } = runKind('l2-penalty', { w: tensorData([], [10]) });
    expectClose(outputs[0].data, [0.1], 1e-6);
  });

  test('l1 gradient at zero is zero', () => {
    const { grads } = runKind('l1-penalty', { w: tensorData([3], [0, 2, -2]) }, { lambda: 0.5 });
    expect(grads.w.data).toEqual([0, 0.5, -0.5]);
  });

  test('elastic-net gradient at zero is zero', () => {
    const { grads } = runKind('elastic-net', { w: tensorData([1], [0]) }, { lambda1: 0.5, lambda2: 0.5 });
    expect(grads.w.data).toEqual([0]);
  });
});
