import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { loadDocumentValue } from '../../src/engine/load';
import { registry } from '../../src/nodes';
import { gradientOf, runDocument, tensor, TestGraph, valueOf } from '../helpers/graph';
import { autodiffGradients, centralDifferences, expectClose } from '../helpers/numeric';

const sourceKinds = ['input', 'parameter', 'constant'];

const values = [
  { name: 'scalar', value: tensor([], [-2]) },
  { name: 'vector', value: tensor([3], [1, 0.5, -4]) },
  { name: 'matrix', value: tensor([2, 3], [1, 2, 3, 4, 5, 6]) },
];

describe.each(sourceKinds)('%s', (kind) => {
  test.each(values)('forward gives its $name value', ({ value }) => {
    const { trace } = runDocument(new TestGraph().source('s', value, kind).build());
    expect(valueOf(trace, 's')).toEqual(value);
  });

  test('gradient is the sum of what consumers send', () => {
    const value = tensor([3], [1, 0.5, -4]);
    const weights = tensor([3], [2, -1, 0.5]);
    // s feeds two gates: loss = Σ s·w + Σ 3·s, so dloss/ds = w + 3.
    const document = new TestGraph()
      .source('s', value, kind)
      .source('w', weights, 'constant')
      .node('weighted', 'multiply', { a: 's', b: 'w' })
      .node('tripled', 'multiply-constant', { x: 's' }, { c: 3 })
      .build();
    const { trace } = runDocument(document);
    const loss = (data: number[]) => data.reduce((total, element, index) => total + element * weights.data[index] + 3 * element, 0);
    const [autodiff] = autodiffGradients((s) => tf.add(tf.sum(tf.mul(s, tf.tensor(weights.data))), tf.sum(tf.mul(s, 3))), [value]);

    expectClose(gradientOf(trace, 's').data, [5, 2, 3.5], {}, 'by hand');
    expectClose(gradientOf(trace, 's').data, centralDifferences(loss, value.data), { abs: 1e-6 }, 'finite differences');
    expectClose(gradientOf(trace, 's'), autodiff, { abs: 1e-6 }, 'autodiff');
    expect(trace.nodes.s.downstream).toEqual([]);
  });

  test('NaN value is named as the first non-finite node', () => {
    const document = new TestGraph().source('s', tensor([2], [NaN, 1]), kind).node('n', 'negate', { x: 's' }).build();
    const nonFinite = runDocument(document).trace.diagnostics.filter((diagnostic) => diagnostic.code === 'non-finite-value');

    expect(nonFinite.map((diagnostic) => diagnostic.nodeId)).toEqual(['s']);
    // A node without inputs is marked as a source, because its own value is the cause.
    expect(nonFinite[0].details).toEqual({ kind, source: 'yes' });
    expect(nonFinite[0].message).toContain('has no inputs, and its own value is NaN or infinite');
  });

  test.each([
    { name: 'a number', value: 3, found: '3' },
    { name: 'text', value: 'abc', found: '"abc"' },
  ])('load rejects $name as value', ({ value, found }) => {
    const document = new TestGraph().node('s', kind, {}, { value }).build();
    const result = loadDocumentValue(document, registry);

    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors).toContainEqual(`Node "s" (${kind}), parameter "value": expected a tensor {shape, data}, found ${found}.`);
  });

  test('load rejects data that does not fill the shape', () => {
    const document = new TestGraph().source('s', tensor([2, 2], [1, 2, 3]), kind).build();
    const result = loadDocumentValue(document, registry);

    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors).toContainEqual(`Node "s" (${kind}), parameter "value": shape [2, 2] holds 4 values, found 3.`);
  });
});

describe('source kinds', () => {
  test('only parameter is trainable', () => {
    expect(sourceKinds.map((kind) => registry.get(kind)!.trainable ?? false)).toEqual([false, true, false]);
  });

  test('missing value defaults to scalar zero', () => {
    const { trace } = runDocument(new TestGraph().node('s', 'input').build());
    expect(valueOf(trace, 's')).toEqual(tensor([], [0]));
  });
});
