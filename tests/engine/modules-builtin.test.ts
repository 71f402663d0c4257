import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import type { GraphDocument } from '../../src/engine/document';
import { fullyConnectedModule, sigmoidModule, softmaxCrossEntropyModule, type ModuleDefinition } from '../../src/engine/modules';
import { gradientOf, runDocument, tensor, TestGraph, valueOf } from '../helpers/graph';
import { autodiffGradients, expectClose } from '../helpers/numeric';

function withModule(document: GraphDocument, name: string, definition: ModuleDefinition): GraphDocument {
  return { ...document, modules: { [name]: definition } };
}

const sigma = (x: number) => 1 / (1 + Math.exp(-x));

describe('built-in modules', () => {
  const xs = [-2, 0, 0.5, 3];

  test('sigmoid module equals the sigmoid node', () => {
    const asModule = withModule(
      new TestGraph().source('x', tensor([4], xs)).node('s', 'module', { x: 'x' }, { module: 'sigmoid' }).node('L', 'sum', { x: 's' }).build(),
      'sigmoid',
      sigmoidModule(),
    );
    const asNode = new TestGraph().source('x', tensor([4], xs)).node('s', 'sigmoid', { x: 'x' }).node('L', 'sum', { x: 's' }).build();
    const moduleTrace = runDocument(asModule).trace;
    const nodeTrace = runDocument(asNode).trace;

    expectClose(valueOf(moduleTrace, 's'), xs.map(sigma), { abs: 1e-6 }, 'value by hand');
    expectClose(gradientOf(moduleTrace, 'x'), xs.map((x) => sigma(x) * (1 - sigma(x))), { abs: 1e-6 }, 'gradient by hand');
    expectClose(valueOf(moduleTrace, 's'), valueOf(nodeTrace, 's'), { abs: 1e-6 }, 'value against the node');
    expectClose(gradientOf(moduleTrace, 'x'), gradientOf(nodeTrace, 'x'), { abs: 1e-6 }, 'gradient against the node');
    expectClose(moduleTrace.nodes.s.local![0], nodeTrace.nodes.s.local![0], { abs: 1e-6 }, 'local gradient against the node');
  });

  test('softmax cross-entropy module matches by hand', () => {
    const scores = [[1, 2, 0.5], [0, -1, 3]];
    const labels = [1, 2];
    const onehot = labels.flatMap((label) => [0, 1, 2].map((column) => (column === label ? 1 : 0)));
    const document = withModule(
      new TestGraph()
        .source('s', tensor([2, 3], scores.flat()))
        .source('y', tensor([2, 3], onehot), 'constant')
        .node('ce', 'module', { scores: 's', onehot: 'y' }, { module: 'softmax-cross-entropy' })
        .build(),
      'softmax-cross-entropy',
      softmaxCrossEntropyModule(),
    );
    const { trace } = runDocument(document);

    const probabilities = scores.map((row) => row.map((value) => Math.exp(value) / row.reduce((total, other) => total + Math.exp(other), 0)));
    const loss = -labels.reduce((total, label, row) => total + Math.log(probabilities[row][label]), 0) / 2;
    const gradient = probabilities.flatMap((row, i) => row.map((p, j) => (p - (j === labels[i] ? 1 : 0)) / 2));
    expectClose(valueOf(trace, 'ce', 0), [loss], { abs: 1e-5 }, 'loss');
    expectClose(valueOf(trace, 'ce', 1), probabilities.flat(), { abs: 1e-6 }, 'probs');
    expectClose(gradientOf(trace, 's'), gradient, { abs: 1e-6 }, 'gradient of the scores');
  });

  test('fully connected module matches autodiff', () => {
    const x = tensor([2, 3], [0.5, -1, 2, 1, 0.25, -0.5]);
    const W = tensor([3, 2], [0.2, -0.4, 0.7, 0.1, -0.3, 0.9]);
    const b = tensor([2], [0.1, -0.2]);
    const document = withModule(
      new TestGraph()
        .source('x', x)
        .source('W', W, 'parameter')
        .source('b', b, 'parameter')
        .node('fc', 'module', { x: 'x', W: 'W', b: 'b' }, { module: 'fully-connected' })
        .node('L', 'sum', { x: 'fc' })
        .build(),
      'fully-connected',
      fullyConnectedModule(),
    );
    const { trace } = runDocument(document);

    const layer = (xs: tf.Tensor, ws: tf.Tensor, bs: tf.Tensor) => tf.sum(tf.relu(tf.add(tf.matMul(xs as tf.Tensor2D, ws as tf.Tensor2D), bs)));
    const [dx, dW, db] = autodiffGradients(layer, [x, W, b]);
    // relu(x·W + b) by hand: the pre-activations are [-1.1, 1.3] and [0.625, -1.025].
    expectClose(valueOf(trace, 'fc'), [0, 1.3, 0.625, 0], { abs: 1e-6 }, 'value');
    expectClose(gradientOf(trace, 'x'), dx, { abs: 1e-6 }, 'gradient of x');
    expectClose(gradientOf(trace, 'W'), dW, { abs: 1e-6 }, 'gradient of W');
    expectClose(gradientOf(trace, 'b'), db, { abs: 1e-6 }, 'gradient of b');
    expect(trace.nodes.fc.local).toBeNull();
  });
});
