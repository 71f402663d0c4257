import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { compile } from '../../src/engine/compile';
import { run } from '../../src/engine/run';
import { registry } from '../../src/nodes';
import { expectClose, matrixData } from '../nodes/tensor-helpers';
import { TestGraph } from '../helpers/graph';

/** y = W · x, L = Σ y, with W a parameter [2, 3] and x an input [3, 1]. */
function linearDocument() {
  return new TestGraph()
    .source('W', matrixData([[1, 2, 3], [4, 5, 6]]), 'parameter')
    .source('x', matrixData([[1], [0], [-1]]))
    .node('y', 'matmul', { a: 'W', b: 'x' })
    .node('L', 'sum', { x: 'y' })
    .build();
}

describe('run with feeds', () => {
  test('fed input replaces its document value', () => {
    const document = linearDocument();
    const before = JSON.stringify(document);
    const x = tf.tensor2d([[2], [1], [0]]);
    const trace = run(compile(document, registry), { x: [x] });
    x.dispose();

    expectClose(trace.nodes.x.outputs[0].data, [2, 1, 0]);
    expectClose(trace.nodes.y.outputs[0].data, [4, 13]);
    expectClose(trace.nodes.W.upstream![0].data, [2, 1, 0, 2, 1, 0]);
    expect(JSON.stringify(document)).toBe(before);
  });

  test('run without feeds uses document values', () => {
    const trace = run(compile(linearDocument(), registry));
    expectClose(trace.nodes.y.outputs[0].data, [-2, -2]);
    expectClose(trace.nodes.x.upstream![0].data, [5, 7, 9]);
  });

  test('fed tensors stay alive and nothing leaks', () => {
    const program = compile(linearDocument(), registry);
    const x = tf.tensor2d([[2], [1], [0]]);
    const W = tf.tensor2d([[1, 1, 1], [0, 0, 0]]);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) run(program, { x: [x], W: [W] });

    expect(x.isDisposed).toBe(false);
    expect(W.isDisposed).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
    expectClose(x.dataSync(), [2, 1, 0]);
    x.dispose();
    W.dispose();
  });

  test('feed for an unknown node throws', () => {
    const program = compile(linearDocument(), registry);
    const x = tf.zeros([3, 1]);
    expect(() => run(program, { z: [x] })).toThrow('feed for node "z": the program has no runnable node with this id');
    x.dispose();
  });

  test('feed for a node with inputs throws', () => {
    const program = compile(linearDocument(), registry);
    const y = tf.zeros([2, 1]);
    expect(() => run(program, { y: [y] })).toThrow('feed for node "y" (matmul): only nodes without inputs can be fed');
    y.dispose();
  });

  test('feed of the wrong shape names both shapes', () => {
    const program = compile(linearDocument(), registry);
    const x = tf.zeros([4, 1]);
    expect(() => run(program, { x: [x] })).toThrow('feed for node "x" (input), output out: expected shape [3, 1], found [4, 1]');
    x.dispose();
  });

  test('feed with the wrong tensor count throws', () => {
    const program = compile(linearDocument(), registry);
    expect(() => run(program, { x: [] })).toThrow('feed for node "x" (input): expected one tensor per output port (1), found 0');
  });
});
