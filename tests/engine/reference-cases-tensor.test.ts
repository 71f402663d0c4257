import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { compile } from '../../src/engine/compile';
import type { GraphDocument } from '../../src/engine/document';
import { loadDocumentValue } from '../../src/engine/load';
import { run } from '../../src/engine/run';
import type { TensorData } from '../../src/engine/tensor';
import type { Trace } from '../../src/engine/trace';
import { registry } from '../../src/nodes';

/** A number, or nested lists of numbers for a tensor, as the fixtures write them. */
type Nested = number | Nested[];

interface Tolerance {
  abs?: number;
  rel?: number;
}

interface ReferenceCase {
  id: string;
  document: unknown;
  expected: { values: Record<string, Nested>; grads: Record<string, Nested> } & Record<string, unknown>;
  tol: Tolerance;
  [variant: string]: unknown;
}

function readCase(id: string): ReferenceCase {
  return JSON.parse(readFileSync(path.join(import.meta.dirname, '..', 'cases', `${id}.json`), 'utf8')) as ReferenceCase;
}

function flatten(value: Nested): number[] {
  return Array.isArray(value) ? value.flatMap(flatten) : [value];
}

function load(document: unknown, id: string): GraphDocument {
  const result = loadDocumentValue(document, registry);
  if (!result.ok) expect.fail(`${id} does not load: ${result.errors.join(' ')}`);
  return result.document;
}

/**
 * Compares with the fixture's tolerance plus half a unit in the 4th
 * significant digit, because the fixtures give float64 results rounded to
 * 4 significant digits (5.267 stands for 15.8 / 3 = 5.26667).
 */
function expectMatches(actual: ArrayLike<number>, expected: Nested, tol: Tolerance, what: string): void {
  const wanted = flatten(expected);
  expect(actual.length, `${what}: element count`).toBe(wanted.length);
  wanted.forEach((value, index) => {
    const rounding = value === 0 ? 0 : 0.5 * 10 ** (Math.floor(Math.log10(Math.abs(value))) - 3);
    const allowed = Math.max(tol.abs ?? 0, (tol.rel ?? 0) * Math.abs(value)) + rounding;
    expect(Math.abs(actual[index] - value), `${what}[${index}]: ${actual[index]} vs ${value}`).toBeLessThanOrEqual(allowed);
  });
}

/** Returns the value of "node" (first output) or "node:port" in a trace. */
function valueAt(trace: Trace, program: ReturnType<typeof compile>, key: string): TensorData {
  const [nodeId, port] = key.split(':');
  const node = program.nodes.get(nodeId);
  if (!node) expect.fail(`node "${nodeId}" did not run`);
  const index = port ? node.kind.outputs.findIndex((output) => output.name === port) : 0;
  return trace.nodes[nodeId].outputs[index];
}

/** Returns the gradient of the graph's output with respect to a node's first output. */
function gradientAt(trace: Trace, nodeId: string): TensorData {
  const upstream = trace.nodes[nodeId]?.upstream;
  if (!upstream) expect.fail(`node "${nodeId}" received no gradient`);
  return upstream[0];
}

function runCase(document: unknown, id: string) {
  const program = compile(load(document, id), registry);
  return { program, trace: run(program) };
}

describe.each(['C03', 'C04', 'C09', 'C10'].map(readCase))('$id', (reference) => {
  test('runs without diagnostics and matches values', () => {
    const { program, trace } = runCase(reference.document, reference.id);
    expect(trace.diagnostics).toEqual([]);
    for (const [key, expected] of Object.entries(reference.expected.values)) {
      expectMatches(valueAt(trace, program, key).data, expected, reference.tol, `value of ${key}`);
    }
  });

  test('matches gradients', () => {
    const { trace } = runCase(reference.document, reference.id);
    for (const [nodeId, expected] of Object.entries(reference.expected.grads)) {
      expectMatches(gradientAt(trace, nodeId).data, expected, reference.tol, `gradient at ${nodeId}`);
    }
  });
});

describe('C03 svm-loss', () => {
  const reference = readCase('C03');

  test('rows are examples, not columns', () => {
    const { program, trace } = runCase(reference.document, 'C03');
    const transposed = (reference.expected.wrongIfTransposed as { L: number }).L;
    expect(Math.abs(valueAt(trace, program, 'L').data[0] - transposed)).toBeGreaterThan(1);
  });

  test('gradient of S has the shape of S', () => {
    const { trace } = runCase(reference.document, 'C03');
    expect(gradientAt(trace, 'S').shape).toEqual([3, 3]);
  });
});

describe('C04 softmax-ce', () => {
  test('loss uses the natural log', () => {
    const reference = readCase('C04');
    const { program, trace } = runCase(reference.document, 'C04');
    const loss = valueAt(trace, program, 'L').data[0];
    const wrong = reference.expected.wrongLogBase as { log10: number; log2: number };
    expect(Math.abs(loss - wrong.log10)).toBeGreaterThan(0.5);
    expect(Math.abs(loss - wrong.log2)).toBeGreaterThan(0.5);
  });
});

describe('C09 broadcast add', () => {
  const reference = readCase('C09');

  test('b gradient is summed with shape [2]', () => {
    const { trace } = runCase(reference.document, 'C09');
    const gradient = gradientAt(trace, 'b');
    expect(gradient.shape).toEqual((reference.expected.gradShapes as { b: number[] }).b);
    const averaged = reference.expected.wrongMeanReductionB as number[];
    expect(gradient.data.some((value, index) => Math.abs(value - averaged[index]) > 1)).toBe(true);
  });

  test('mean variant spreads one over count', () => {
    const variant = reference.variantMeanOfO as { document: unknown; grads: Record<string, Nested> };
    const { trace } = runCase(variant.document, 'C09 variant');
    expect(trace.diagnostics).toEqual([]);
    for (const [nodeId, expected] of Object.entries(variant.grads)) {
      expectMatches(gradientAt(trace, nodeId).data, expected, reference.tol, `variant gradient at ${nodeId}`);
    }
  });
});

describe('C10 matmul', () => {
  test('bad variant fails at compile time naming W, x and y', () => {
    const reference = readCase('C10');
    const variant = reference.badVariant as {
      document: unknown;
      diagnostic: { code: string; nodeId: string; port: string; messageContains: string[] };
    };
    const program = compile(load(variant.document, 'C10 bad variant'), registry);
    const errors = program.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');

    expect(errors).toHaveLength(1);
    expect(errors[0].code).toBe(variant.diagnostic.code);
    expect(errors[0].nodeId).toBe(variant.diagnostic.nodeId);
    expect(errors[0].port).toBe(variant.diagnostic.port);
    for (const part of variant.diagnostic.messageContains) expect(errors[0].message).toContain(part);
    expect(program.nodes.has('y')).toBe(false);
  });
});
