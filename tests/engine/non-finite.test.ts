import { describe, expect, test } from 'vitest';
import { compile } from '../../src/engine/compile';
import { explainNonFinite } from '../../src/engine/health/non-finite';
import type { GraphDocument } from '../../src/engine/document';
import { Trainer } from '../../src/engine/training/trainer';
import { registry } from '../../src/nodes';
import { findPreset } from '../../src/presets';
import { datasetFromSettings, trainingDataFromSettings } from '../../src/presets/datasets';
import { TestGraph, runDocument, tensor } from '../helpers/graph';

function explain(graph: TestGraph) {
  const { program, trace } = runDocument(graph.build());
  return explainNonFinite(program, trace);
}

describe('non-finite explanation', () => {
  test('log of zero names the log node', () => {
    // a − b = 0 is finite, so the log is the first node whose value is not.
    const graph = new TestGraph()
      .source('a', 2)
      .source('b', 2)
      .node('d', 'subtract', { a: 'a', b: 'b' })
      .node('ln', 'log', { x: 'd' })
      .node('out', 'multiply', { a: 'ln', b: 'a' });

    const explanation = explain(graph);

    expect(explanation?.nodeId).toBe('ln');
    expect(explanation?.cause).toBe('log-of-zero');
    expect(explanation?.phase).toBe('forward');
    expect(explanation?.message).toContain('ln 0');
  });

  test('log of a negative number', () => {
    const graph = new TestGraph().source('x', tensor([2], [3, -0.5])).node('ln', 'log', { x: 'x' }).node('out', 'sum', { x: 'ln' });

    const explanation = explain(graph);

    expect(explanation?.cause).toBe('log-of-negative');
    expect(explanation?.value).toBe(-0.5);
  });

  test('division by zero names port b', () => {
    const graph = new TestGraph().source('a', 1).source('b', 0).node('q', 'divide', { a: 'a', b: 'b' });

    const explanation = explain(graph);

    expect(explanation?.nodeId).toBe('q');
    expect(explanation?.cause).toBe('division-by-zero');
    expect(explanation?.port).toBe('b');
  });

  test('exp overflow above 88.7', () => {
    const graph = new TestGraph().source('x', 90).node('e', 'exp', { x: 'x' });

    const explanation = explain(graph);

    expect(explanation?.cause).toBe('exp-overflow');
    expect(explanation?.value).toBe(90);
  });

  test('multiply overflow past float32', () => {
    // 1e20 · 1e20 = 1e40 exceeds the float32 maximum of about 3.4e38.
    const graph = new TestGraph().source('a', 1e20).source('b', 1e20).node('m', 'multiply', { a: 'a', b: 'b' });

    const explanation = explain(graph);

    expect(explanation?.nodeId).toBe('m');
    expect(explanation?.cause).toBe('overflow');
    expect(explanation?.learningRateSuspected).toBe(false);
  });

  test('divide gradient overflow in backward', () => {
    // 1 / 1e-20 = 1e20 is finite, but ∂/∂b = −a/b² = −1e40 exceeds the float32 maximum.
    const graph = new TestGraph().source('a', 1).source('b', 1e-20).node('q', 'divide', { a: 'a', b: 'b' });

    const explanation = explain(graph);

    expect(explanation?.nodeId).toBe('q');
    expect(explanation?.phase).toBe('backward');
    expect(explanation?.cause).toBe('overflow');
  });

  test('finite graph has no explanation', () => {
    const graph = new TestGraph().source('x', 1).node('ln', 'log', { x: 'x' });

    expect(explain(graph)).toBeNull();
  });

  test('SGD with a huge learning rate blames the learning rate', async () => {
    const document: GraphDocument = findPreset('linear-softmax')!.build();
    const settings = document.training!;
    const dataset = await datasetFromSettings(settings.dataset, () => Promise.reject(new Error('no MNIST in this test')));
    const optimizer = { name: 'sgd' as const, learningRate: 1e30 };
    const trainer = Trainer.create(document, registry, trainingDataFromSettings(dataset, settings), { optimizer, batchSize: 32, seed: 1, init: settings.init });
    if ('error' in trainer) throw new Error(trainer.error);

    let report = trainer.step();
    for (let step = 0; step < 20 && !report.stopReason; step++) report = trainer.step();
    const { document: trained, trace } = trainer.traceCurrentBatch();
    const explanation = explainNonFinite(compile(trained, registry), trace, { optimizer: 'sgd', learningRate: 1e30 });
    trainer.dispose();

    expect(report.stopReason).toBeDefined();
    // After the first update W is about 1e30 · ∂L/∂W, so the penalty λ·ΣW² passes 3.4e38 and
    // the second update, with ∂(λ·ΣW²)/∂W = 2λW ≈ 1e27, leaves W infinite before the loss is read.
    expect(explanation?.nodeId).toBe('W');
    expect(explanation?.cause).toBe('diverged-parameter');
    expect(explanation?.learningRateSuspected).toBe(true);
    expect(explanation?.largestWeight).toBe(Infinity);
    expect(explanation?.message).toContain('learning rate 1e+30 (sgd) is too large');
  });
});
