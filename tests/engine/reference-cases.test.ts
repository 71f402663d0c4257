import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { compile } from '../../src/engine/compile';
import type { GraphDocument } from '../../src/engine/document';
import { gradientCheck, type GradientVerdict } from '../../src/engine/gradcheck';
import { loadDocumentValue } from '../../src/engine/load';
import { run } from '../../src/engine/run';
import { registry } from '../../src/nodes';
import { gradientOf, valueOf } from '../helpers/graph';
import { expectClose, type Tolerance } from '../helpers/numeric';

/** A number, or nested lists of numbers for a tensor, as the fixtures write them. */
type Nested = number | Nested[];

interface ReferenceCase {
  id: string;
  description: string;
  document: unknown;
  expected: {
    values: Record<string, Nested>;
    grads: Record<string, Nested>;
    gradientCheckAtZero?: { nodeId: string; index: number; numeric: number; analytic: number; verdict: GradientVerdict };
  };
  tol: Tolerance;
}

/** Cases of the value-and-gradient kind; other fixtures in tests/cases check optimizers. */
const caseIds = ['C01', 'C02', 'C06'];

function readCase(id: string): ReferenceCase {
  const file = path.join(import.meta.dirname, '..', 'cases', `${id}.json`);
  return JSON.parse(readFileSync(file, 'utf8')) as ReferenceCase;
}

function flatten(value: Nested): number[] {
  return Array.isArray(value) ? value.flatMap(flatten) : [value];
}

/** Loads the fixture's document through validation, failing the test with the load errors. */
function loadCase(reference: ReferenceCase): GraphDocument {
  const result = loadDocumentValue(reference.document, registry);
  if (!result.ok) expect.fail(`${reference.id} does not load: ${result.errors.join(' ')}`);
  return result.document;
}

describe.each(caseIds.map(readCase))('$id', (reference) => {
  test('loads, runs and matches values', () => {
    const trace = run(compile(loadCase(reference), registry));

    expect(trace.diagnostics).toEqual([]);
    for (const [nodeId, expected] of Object.entries(reference.expected.values)) {
      expectClose(valueOf(trace, nodeId).data, flatten(expected), reference.tol, `value of ${nodeId}`);
    }
  });

  test('matches gradients', () => {
    const trace = run(compile(loadCase(reference), registry));

    for (const [nodeId, expected] of Object.entries(reference.expected.grads)) {
      expectClose(gradientOf(trace, nodeId).data, flatten(expected), reference.tol, `gradient at ${nodeId}`);
    }
  });
});

describe('C06 gradient check', () => {
  test('reports the kink at x = 0', () => {
    const reference = readCase('C06');
    const expected = reference.expected.gradientCheckAtZero!;
    const tensorsBefore = tf.memory().numTensors;
    const result = gradientCheck(loadCase(reference), registry);
    const entry = result.entries.find((candidate) => candidate.nodeId === expected.nodeId && candidate.index === expected.index);

    expect(entry).toBeDefined();
    expectClose([entry!.numeric], [expected.numeric], reference.tol, 'numeric');
    expectClose([entry!.analytic], [expected.analytic], reference.tol, 'analytic');
    expect(entry!.verdict).toBe(expected.verdict);
    expect(result.entries.filter((other) => other !== entry).map((other) => other.verdict)).toEqual(['ok', 'ok']);
    expect(result.ok).toBe(true);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });
});
