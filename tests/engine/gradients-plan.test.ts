import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compile } from '../../src/engine/compile';
import { computeGradients } from '../../src/engine/gradients';
import { registry } from '../../src/nodes';
import { expectClose, tensorData } from '../nodes/tensor-helpers';
import { TestGraph } from '../helpers/graph';

/*
 * computeGradients keeps per-program facts (sinks, backward order, which
 * inputs need a gradient) between calls, and softmax-ce skips the probs term
 * when nothing reads probs. These tests check both against tfjs autodiff.
 */

const scoresValue = tensorData([4, 3], [0.5, -1, 2, 0.1, 0.2, -0.3, 1.5, 1, -2, 0, 0.7, 0.4]);
const weightsValue = tensorData([4, 3], [1, -2, 0.5, 3, 0, -1, 0.25, 2, 1, -0.5, 1.5, 0]);
const labelsValue = tensorData([4], [2, 0, 1, 1]);

/**
 * S → softmax-ce with labels y. With `readProbs`, probs is also weighted by a
 * constant C and summed, and the total T = loss + Σ C ⊙ probs is the sink.
 */
function lossDocument(readProbs: boolean) {
  const builder = new TestGraph()
    .source('S', scoresValue, 'parameter')
    .source('y', labelsValue, 'labels')
    .node('CE', 'softmax-ce', { scores: 'S', labels: 'y' });
  if (!readProbs) return builder.build();
  return builder
    .source('C', weightsValue, 'constant')
    .node('weighted', 'multiply', { a: 'CE:probs', b: 'C' })
    .node('P', 'sum', { x: 'weighted' })
    .node('T', 'add', { a: 'CE:loss', b: 'P' })
    .build();
}

/** Computes the same loss in plain tfjs ops: mean cross-entropy, plus Σ C ⊙ softmax(S) when probs is read. */
function directLoss(scores: tf.Tensor, readProbs: boolean): tf.Scalar {
  const oneHot = tf.oneHot(tf.tensor1d(labelsValue.data, 'int32'), 3);
  const crossEntropy = tf.neg(tf.mean(tf.sum(tf.mul(oneHot, tf.logSoftmax(scores)), 1)));
  if (!readProbs) return crossEntropy as tf.Scalar;
  const weights = tf.tensor(weightsValue.data, weightsValue.shape);
  return tf.add(crossEntropy, tf.sum(tf.mul(weights, tf.softmax(scores)))) as tf.Scalar;
}

function engineGradient(readProbs: boolean, variable: tf.Variable): number[] {
  const program = compile(lossDocument(readProbs), registry);
  expect(program.diagnostics).toEqual([]);
  return tf.tidy(() => Array.from(computeGradients(program, {}, new Map([['S', variable]])).grads.get('S')!.dataSync()));
}

function autodiffGradient(readProbs: boolean): number[] {
  return tf.tidy(() => {
    const scores = tf.tensor(scoresValue.data, scoresValue.shape);
    return Array.from(tf.grad((input: tf.Tensor) => directLoss(input, readProbs))(scores).dataSync());
  });
}

describe('softmax-ce in training steps', () => {
  let scores: tf.Variable;
  beforeAll(() => {
    scores = tf.variable(tf.tensor(scoresValue.data, scoresValue.shape), true, 'plan-S');
  });
  afterAll(() => scores.dispose());

  test('unread probs matches autodiff', () => {
    expectClose(engineGradient(false, scores), autodiffGradient(false), 1e-5);
  });

  test('read probs adds its gradient', () => {
    const withProbs = engineGradient(true, scores);
    expectClose(withProbs, autodiffGradient(true), 1e-5);
    // The probs term must change the result, or this test would not cover it.
    const withoutProbs = autodiffGradient(false);
    expect(Math.max(...withProbs.map((value, i) => Math.abs(value - withoutProbs[i])))).toBeGreaterThan(0.01);
  });
});

/** X → matmul W → bias-add b → softmax-ce, with a fixed batch of 4 examples. */
function linearDocument() {
  return new TestGraph()
    .source('X', tensorData([4, 2], [1, -1, 0.5, 2, -1.5, 0.25, 0, 1]))
    .source('y', labelsValue, 'labels')
    .source('W', tensorData([2, 3], [0.3, -0.2, 0.1, 0.5, 0.4, -0.6]), 'parameter')
    .source('b', tensorData([3], [0.1, 0, -0.1]), 'parameter')
    .node('z', 'matmul', { a: 'X', b: 'W' })
    .node('s', 'bias-add', { x: 'z', b: 'b' })
    .node('L', 'softmax-ce', { scores: 's', labels: 'y' })
    .build();
}

describe('computeGradients on one program', () => {
  const program = compile(linearDocument(), registry);
  const variables = new Map<string, tf.Variable>();
  beforeAll(() => {
    variables.set('W', tf.variable(tf.tensor2d([[0.3, -0.2, 0.1], [0.5, 0.4, -0.6]]), true, 'plan-W'));
    variables.set('b', tf.variable(tf.tensor1d([0.1, 0, -0.1]), true, 'plan-b'));
  });
  afterAll(() => tf.dispose([...variables.values()]));

  /** Computes the autodiff gradients of the same linear classifier with respect to W and b. */
  function expected(): Record<string, number[]> {
    return tf.tidy(() => {
      const x = tf.tensor2d([[1, -1], [0.5, 2], [-1.5, 0.25], [0, 1]]);
      const loss = () => directLoss(tf.add(tf.matMul(x, variables.get('W')!), variables.get('b')!), false);
      const { grads } = tf.variableGrads(loss, [...variables.values()]);
      return { W: Array.from(grads['plan-W'].dataSync()), b: Array.from(grads['plan-b'].dataSync()) };
    });
  }

  function gradients(ids: string[]): Record<string, number[]> {
    const chosen = new Map(ids.map((id) => [id, variables.get(id)!]));
    return tf.tidy(() => Object.fromEntries([...computeGradients(program, {}, chosen).grads].map(([id, grad]) => [id, Array.from(grad.dataSync())])));
  }

  test('changing variable sets match autodiff', () => {
    const reference = expected();
    for (const ids of [['W', 'b'], ['b'], ['W'], ['W', 'b']]) {
      const found = gradients(ids);
      expect(Object.keys(found).sort()).toEqual([...ids].sort());
      for (const id of ids) expectClose(found[id], reference[id], 1e-5);
    }
  });
});
