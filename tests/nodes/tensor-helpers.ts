import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';
import { compile, type Program } from '../../src/engine/compile';
import type { GraphDocument } from '../../src/engine/document';
import { run } from '../../src/engine/run';
import type { TensorData } from '../../src/engine/tensor';
import type { Trace } from '../../src/engine/trace';
import type { Params } from '../../src/engine/types';
import { registry } from '../../src/nodes';
import { TestGraph } from '../helpers/graph';

export type Matrix = number[][];

export function tensorData(shape: number[], data: number[]): TensorData {
  return { shape, data };
}

export function matrixData(rows: Matrix): TensorData {
  return { shape: [rows.length, rows[0].length], data: rows.flat() };
}

export interface KindRun {
  program: Program;
  trace: Trace;
  /** Forward value of each output port of the node under test. */
  outputs: TensorData[];
  /** Gradient of the graph's output with respect to each input, by input port name. */
  grads: Record<string, TensorData>;
}

/**
 * Builds a document with one node of `kind` fed by input sources named `in_<port>`,
 * or by labels nodes for the ports in `labelPorts`. With `weights`, the node's
 * first output is multiplied elementwise by that constant, so the upstream
 * gradient it receives is `weights` instead of ones.
 */
export function kindDocument(
  kind: string,
  inputs: Record<string, TensorData>,
  params: Params = {},
  weights?: TensorData,
  labelPorts: readonly string[] = ['labels'],
): GraphDocument {
  const builder = new TestGraph();
  for (const [port, value] of Object.entries(inputs)) builder.source(`in_${port}`, value, labelPorts.includes(port) ? 'labels' : 'input');
  const wires = Object.fromEntries(Object.keys(inputs).map((port) => [port, `in_${port}`]));
  builder.node('node', kind, wires, params);
  const firstOutput = registry.get(kind)?.outputs[0].name ?? 'out';
  if (weights) builder.source('weights', weights, 'constant').node('weighted', 'multiply', { a: `node:${firstOutput}`, b: 'weights' });
  return builder.build();
}

/** Compiles the document of `kindDocument`, for tests of shape rules and diagnostics. */
export function compileKind(kind: string, inputs: Record<string, TensorData>, params: Params = {}): Program {
  return compile(kindDocument(kind, inputs, params), registry);
}

/** Compiles and runs the document of `kindDocument`. Throws when the node under test cannot run. */
export function runKind(...args: Parameters<typeof kindDocument>): KindRun {
  const [kind, inputs] = args;
  const program = compile(kindDocument(...args), registry);
  const trace = run(program);
  const record = trace.nodes.node;
  if (!record) throw new Error(`node of kind ${kind} did not run: ${program.diagnostics.map((d) => d.message).join('; ')}`);
  const grads = Object.fromEntries(Object.keys(inputs).map((port) => [port, trace.edges[`in_${port}.out->node.${port}`].gradient!]));
  return { program, trace, outputs: record.outputs, grads };
}

/** Central finite differences in float64 of a scalar function of a flat vector. */
export function numericGradient(f: (x: number[]) => number, x: readonly number[], step = 1e-6): number[] {
  return x.map((_value, index) => {
    const plus = [...x];
    const minus = [...x];
    plus[index] += step;
    minus[index] -= step;
    return (f(plus) - f(minus)) / (2 * step);
  });
}

/** tfjs autodiff of a scalar function, returned as flat numbers per argument. */
export function autodiff(f: (...args: tf.Tensor[]) => tf.Tensor, args: TensorData[]): number[][] {
  return tf.tidy(() => {
    const tensors = args.map((arg) => tf.tensor(arg.data, arg.shape, 'float32'));
    return tf.grads(f)(tensors).map((gradient) => Array.from(gradient.dataSync()));
  });
}

/** Compares element by element, so a failure names the first index that differs. */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance = 1e-4): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(Math.abs(actual[i] - expected[i]), `element ${i}: ${actual[i]} vs ${expected[i]}`).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected[i])));
  }
}

/** The one diagnostic with this code, failing the test when there is not exactly one. */
export function diagnosticOf(program: Program, code: string) {
  const found = program.diagnostics.filter((diagnostic) => diagnostic.code === code);
  expect(found.map((diagnostic) => diagnostic.message)).toHaveLength(1);
  return found[0];
}

export function weightedSum(values: readonly number[], weights: readonly number[]): number {
  return values.reduce((total, value, index) => total + value * weights[index], 0);
}
