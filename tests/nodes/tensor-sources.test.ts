import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { compile } from '../../src/engine/compile';
import { run } from '../../src/engine/run';
import { registry } from '../../src/nodes';
import { diagnosticOf, expectClose, matrixData, tensorData } from './tensor-helpers';
import { TestGraph } from '../helpers/graph';

const scores = matrixData([[1, 2, 0], [0, 1, 3]]);

function lossDocument(labelSource: (builder: TestGraph) => TestGraph, labelWire = 'y') {
  return labelSource(new TestGraph().source('S', scores)).node('L', 'softmax-ce', { scores: 'S', labels: labelWire }).build();
}

describe('labels', () => {
  test('outputs its class indices', () => {
    const trace = run(compile(new TestGraph().source('y', tensorData([3], [2, 0, 1]), 'labels').build(), registry));
    expect(trace.nodes.y.outputs[0]).toEqual({ shape: [3], data: [2, 0, 1] });
  });

  test('non-integer label is an invalid parameter', () => {
    const program = compile(lossDocument((b) => b.source('y', tensorData([2], [0, 1.5]), 'labels')), registry);
    const diagnostic = diagnosticOf(program, 'invalid-param');
    expect(diagnostic.nodeId).toBe('y');
    expect(diagnostic.message).toContain('value must hold class indices (integers 0, 1, 2, …), found 1.5 at position 1');
  });

  test('negative label is an invalid parameter', () => {
    const program = compile(lossDocument((b) => b.source('y', tensorData([2], [-1, 0]), 'labels')), registry);
    expect(diagnosticOf(program, 'invalid-param').message).toContain('found -1 at position 0');
  });

  test('tensor wire into a labels port is a type mismatch', () => {
    const program = compile(lossDocument((b) => b.source('y', tensorData([2], [0, 1]))), registry);
    const diagnostic = diagnosticOf(program, 'type-mismatch');
    expect(diagnostic.nodeId).toBe('L');
    expect(diagnostic.port).toBe('labels');
    expect(diagnostic.message).toContain('expected a labels output, found the tensor output y.out');
  });

  test('labels wire into a tensor port is a type mismatch', () => {
    const document = new TestGraph().source('y', tensorData([2], [0, 1]), 'labels').node('s', 'sum', { x: 'y' }).build();
    const diagnostic = diagnosticOf(compile(document, registry), 'type-mismatch');
    expect(diagnostic.nodeId).toBe('s');
    expect(diagnostic.port).toBe('x');
    expect(diagnostic.message).toContain('expected a tensor output, found the labels output y.out');
  });

  test('fed labels replace the document labels', () => {
    const program = compile(lossDocument((b) => b.source('y', tensorData([2], [0, 0]), 'labels')), registry);
    const fed = tf.tensor1d([1, 2], 'int32');
    const trace = run(program, { y: [fed] });
    fed.dispose();
    const expected = [Math.log(Math.exp(1) + Math.exp(2) + 1) - 2, Math.log(1 + Math.exp(1) + Math.exp(3)) - 3];
    expectClose(trace.nodes.L.outputs[0].data, [(expected[0] + expected[1]) / 2], 1e-5);
  });
});

describe('batch', () => {
  test('defaults to zeros of the declared shapes', () => {
    const trace = run(compile(new TestGraph().node('B', 'batch', {}, { features: 3, batchSize: 2 }).build(), registry));
    expect(trace.nodes.B.outputs[0]).toEqual({ shape: [2, 3], data: [0, 0, 0, 0, 0, 0] });
    expect(trace.nodes.B.outputs[1]).toEqual({ shape: [2], data: [0, 0] });
  });

  test('shows its X and y parameters', () => {
    const params = { features: 3, batchSize: 2, X: scores, y: tensorData([2], [2, 1]) };
    const document = new TestGraph().node('B', 'batch', {}, params).node('L', 'svm-loss', { scores: 'B:X', labels: 'B:y' }).build();
    const trace = run(compile(document, registry));
    expect(trace.nodes.B.outputs[0].data).toEqual(scores.data);
    expect(trace.nodes.B.outputs[1].data).toEqual([2, 1]);
    expectClose(trace.nodes.L.outputs[1].data, [5, 3]);
  });

  test('X of the wrong shape is an invalid parameter', () => {
    const document = new TestGraph().node('B', 'batch', {}, { features: 2, batchSize: 2, X: scores }).build();
    const diagnostic = diagnosticOf(compile(document, registry), 'invalid-param');
    expect(diagnostic.message).toContain('X must be [batchSize, features] = [2, 2], found [2, 3]');
  });

  test('fractional batch size is an invalid parameter', () => {
    const document = new TestGraph().node('B', 'batch', {}, { features: 2, batchSize: 2.5 }).build();
    expect(diagnosticOf(compile(document, registry), 'invalid-param').message).toContain('batchSize must be a whole number of at least 1, found 2.5');
  });

  test('shown y out of range for the classes', () => {
    const params = { features: 3, batchSize: 2, y: tensorData([2], [0, 3]) };
    const document = new TestGraph().node('B', 'batch', {}, params).node('L', 'softmax-ce', { scores: 'B:X', labels: 'B:y' }).build();
    expect(diagnosticOf(compile(document, registry), 'label-out-of-range').message).toContain('label 3 at position 1 is out of range for 3 classes');
  });

  test('feeds replace X and y', () => {
    const document = new TestGraph().node('B', 'batch', {}, { features: 3, batchSize: 2 }).node('L', 'svm-loss', { scores: 'B:X', labels: 'B:y' }).build();
    const X = tf.tensor(scores.data, scores.shape);
    const y = tf.tensor1d([2, 1], 'int32');
    const trace = run(compile(document, registry), { B: [X, y] });
    tf.dispose([X, y]);
    expectClose(trace.nodes.L.outputs[1].data, [5, 3]);
    expectClose(trace.nodes.L.outputs[0].data, [4]);
  });
});

describe('generated parameter', () => {
  function weights(seed: number, init = 'xavier'): number[] {
    const document = new TestGraph().node('W', 'parameter', {}, { init, shape: [40, 50], seed, value: { shape: [], data: [0] } }).build();
    return run(compile(document, registry)).nodes.W.outputs[0].data;
  }

  test.each([0, 1, 7])('seed %i repeats its draws', (seed) => {
    const first = weights(seed);
    expect(weights(seed)).toEqual(first);
    // Runs reuse the last 8 draws, so after 9 others the seed draws its numbers anew.
    for (let other = 100; other < 109; other++) weights(other);
    expect(weights(seed)).toEqual(first);
  });

  test('reused draw leaks no tensor', () => {
    const document = new TestGraph().node('W', 'parameter', {}, { init: 'he', shape: [3, 2], seed: 5, value: { shape: [], data: [0] } }).node('S', 'sum', { x: 'W' }).build();
    const program = compile(document, registry);
    const before = tf.memory().numTensors;
    const first = run(program).nodes.S.outputs[0].data;
    expect(run(program).nodes.S.outputs[0].data).toEqual(first);
    expect(tf.memory().numTensors).toBe(before);
  });

  test('different seeds draw different numbers', () => {
    expect(weights(0)).not.toEqual(weights(1));
  });

  test('xavier deviation is 1/√fanIn', () => {
    const values = weights(0);
    const deviation = Math.sqrt(values.reduce((sum, value) => sum + value * value, 0) / values.length);

    // 2,000 draws put the sample deviation within about 5 % of 1/√40 ≈ 0.158.
    expect(deviation).toBeGreaterThan(0.9 / Math.sqrt(40));
    expect(deviation).toBeLessThan(1.1 / Math.sqrt(40));
  });
});
