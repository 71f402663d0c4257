import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { compile } from '../../src/engine/compile';
import { run } from '../../src/engine/run';
import { registry } from '../../src/nodes';
import { presets } from '../../src/presets';
import { gradientOf, runDocument, TestGraph, valueOf } from '../helpers/graph';

describe('fan-out', () => {
  test('x · x sums both gradients', () => {
    const { trace } = runDocument(new TestGraph().source('x', 3).node('f', 'multiply', { a: 'x', b: 'x' }).build());
    const parts = trace.nodes.x.upstreamParts[0];

    // By hand: d(x²)/dx = 2x = 6, half through each wire.
    expect(valueOf(trace, 'f').data).toEqual([9]);
    expect(gradientOf(trace, 'x').data).toEqual([6]);
    expect(parts.map((part) => part.edgeId)).toEqual(['x.out->f.a', 'x.out->f.b']);
    expect(parts.map((part) => part.gradient.data[0])).toEqual([3, 3]);
  });

  test('x feeding add and multiply', () => {
    // f = (x + y) · x at x = 3, y = 2: f = 15, df/dx = 2x + y = 8, df/dy = x = 3.
    const document = new TestGraph().source('x', 3).source('y', 2).node('q', 'add', { a: 'x', b: 'y' }).node('f', 'multiply', { a: 'q', b: 'x' }).build();
    const { trace } = runDocument(document);

    expect(valueOf(trace, 'f').data).toEqual([15]);
    expect(gradientOf(trace, 'x').data).toEqual([8]);
    expect(gradientOf(trace, 'y').data).toEqual([3]);
    expect(trace.nodes.x.upstreamParts[0]).toHaveLength(2);
  });
});

describe('repeated runs', () => {
  const document = presets.find((preset) => preset.id === 'sigmoid-gates')!.build();

  test('second run gives the same trace', () => {
    const program = compile(document, registry);
    const first = run(program);
    const second = run(program);

    expect(second.nodes).toEqual(first.nodes);
    expect(second.edges).toEqual(first.edges);
  });

  test('tensor count stays flat over 1,000 runs', () => {
    const program = compile(document, registry);
    run(program);
    const afterFirst = tf.memory().numTensors;

    for (let count = 0; count < 1000; count++) run(program);

    expect(tf.memory().numTensors).toBe(afterFirst);
  });
});

describe('sinks', () => {
  test('every sink is seeded with 1', () => {
    const document = new TestGraph().source('x', 2).node('double', 'multiply-constant', { x: 'x' }, { c: 2 }).node('square', 'multiply', { a: 'x', b: 'x' }).build();
    const { trace } = runDocument(document);

    // Gradient of 2x + x² at x = 2 is 2 + 2x = 6.
    expect(trace.sinks).toEqual(['double', 'square']);
    expect(gradientOf(trace, 'double').data).toEqual([1]);
    expect(gradientOf(trace, 'square').data).toEqual([1]);
    expect(gradientOf(trace, 'x').data).toEqual([6]);
  });

  test('lone source is no sink', () => {
    const { trace } = runDocument(new TestGraph().source('x', 2).build());

    expect(trace.sinks).toEqual([]);
    expect(trace.nodes.x.upstream).toBeNull();
  });
});

describe('trace order', () => {
  const document = presets.find((preset) => preset.id === 'sigmoid-neuron')!.build();

  test('forward steps follow the wires', () => {
    const { trace } = runDocument(document);
    const forward = trace.steps.filter((step) => step.phase === 'forward').map((step) => step.nodeId);

    expect([...forward].sort()).toEqual(document.nodes.map((node) => node.id).sort());
    for (const edge of document.edges) {
      expect(forward.indexOf(edge.source), `${edge.source} before ${edge.target}`).toBeLessThan(forward.indexOf(edge.target));
    }
  });

  test('backward steps run in reverse order', () => {
    const { trace } = runDocument(document);
    const forward = trace.steps.filter((step) => step.phase === 'forward').map((step) => step.nodeId);
    const backward = trace.steps.filter((step) => step.phase === 'backward').map((step) => step.nodeId);
    const firstBackward = trace.steps.findIndex((step) => step.phase === 'backward');

    expect(trace.steps.slice(firstBackward).every((step) => step.phase === 'backward')).toBe(true);
    expect(backward).toEqual([...forward].reverse().filter((id) => backward.includes(id)));
    expect(backward[0]).toBe('f');
  });

  test('every edge has a value and a gradient', () => {
    const { trace } = runDocument(document);

    expect(Object.keys(trace.edges).sort()).toEqual(document.edges.map((edge) => edge.id).sort());
    for (const edge of document.edges) {
      expect(trace.edges[edge.id].value, `value on ${edge.id}`).toEqual(valueOf(trace, edge.source));
      expect(trace.edges[edge.id].gradient, `gradient on ${edge.id}`).not.toBeNull();
    }
  });

  test('edge gradient is what the target sends back', () => {
    const { trace } = runDocument(document);

    // m0 = w0 · x0, so the wire from x0 carries ∂f/∂m0 · w0.
    expect(trace.edges['x0.out->m0.b'].gradient).toEqual(trace.nodes.m0.downstream![1]);
    expect(trace.edges['x0.out->m0.b'].gradient!.data[0]).toBeCloseTo(gradientOf(trace, 'm0').data[0] * 2, 6);
  });
});
