import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { compile } from '../../src/engine/compile';
import { gradientCheck } from '../../src/engine/gradcheck';
import { run } from '../../src/engine/run';
import { registry } from '../../src/nodes';
import { TestGraph, valueOf } from '../helpers/graph';

// Node ids that name members of Object.prototype. A feeds object keyed by node
// id must not mistake an inherited member such as Object.prototype.toString for a feed.
const MEMBER_IDS = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__'];

describe('feeds with member-named node ids', () => {
  test.each(MEMBER_IDS)('unfed node %s computes its forward', (id) => {
    // f = id(x) + 1 with id = x · 3, fed x = 2, so id = 6 and f = 7.
    const document = new TestGraph()
      .source('x', 1)
      .node(id, 'multiply-constant', { x: 'x' }, { c: 3 })
      .node('f', 'add-constant', { x: id }, { c: 1 })
      .build();
    const fed = tf.scalar(2);
    const trace = run(compile(document, registry), { x: [fed] });
    fed.dispose();

    expect(valueOf(trace, id).data[0]).toBe(6);
    expect(valueOf(trace, 'f').data[0]).toBe(7);
  });

  test('gradient check of a graph with every member id', () => {
    // f = relu(ln(__proto__ + constructor)) at 2 and 3: ∂f/∂input = 1 / 5 for both inputs.
    const document = new TestGraph()
      .source('__proto__', 2)
      .source('constructor', 3)
      .node('toString', 'add', { a: '__proto__', b: 'constructor' })
      .node('valueOf', 'log', { x: 'toString' })
      .node('hasOwnProperty', 'relu', { x: 'valueOf' })
      .build();
    const result = gradientCheck(document, registry);

    expect(result.entries.map((entry) => [entry.nodeId, entry.verdict])).toEqual([
      ['__proto__', 'ok'],
      ['constructor', 'ok'],
    ]);
    for (const entry of result.entries) expect(entry.analytic).toBeCloseTo(0.2, 5);
  });
});
