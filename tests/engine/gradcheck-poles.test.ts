import * as tf from '@tensorflow/tfjs-core';
import { expect, test } from 'vitest';
import { gradientCheck } from '../../src/engine/gradcheck';
import type { NodeKind } from '../../src/engine/types';
import { log } from '../../src/nodes/log';
import { registry } from '../../src/nodes';
import { TestGraph } from '../helpers/graph';

// At x = 1e-5 and 1e-6 the default step of about 0.00098 crosses the pole at 0, and so do
// steps 16 and 256 times smaller. The derivatives by hand: (ln x)' = 1 / x, (1 / x)' = −1 / x².
test.each([
  ['log', 1e-5, 1e5],
  ['log', 1e-6, 1e6],
  ['reciprocal', 1e-5, -1e10],
  ['reciprocal', 1e-6, -1e12],
])('%s at %s close to its pole is ok', (kind, x, expected) => {
  const document = new TestGraph().source('x', x).node('f', kind, { x: 'x' }).build();
  const [entry] = gradientCheck(document, registry).entries;

  expect(entry.verdict).toBe('ok');
  expect(Math.abs(entry.numeric - expected) / Math.abs(expected)).toBeLessThan(1e-2);
});

test('wrong ln backward close to its pole is wrong', () => {
  // A backward 2 % too large: 1.02 / x instead of 1 / x.
  const broken = { ...log, backward: ({ inputs, upstream }) => [tf.div(tf.mul(upstream[0], 1.02), inputs[0])] } as NodeKind;
  const brokenRegistry = new Map(registry).set('log', broken);
  for (const x of [1e-5, 1e-6]) {
    const document = new TestGraph().source('x', x).node('f', 'log', { x: 'x' }).build();
    const [entry] = gradientCheck(document, brokenRegistry).entries;

    expect(entry.verdict, `x = ${x}`).toBe('wrong');
  }
});
