import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { compile, type Program } from '../../src/engine/compile';
import type { GraphDocument } from '../../src/engine/document';
import { run } from '../../src/engine/run';
import type { TensorData } from '../../src/engine/tensor';
import type { Trace } from '../../src/engine/trace';
import { registry } from '../../src/nodes';
import { GraphBuilder } from '../../src/presets/builder';

/** What an exported script prints: each node's outputs, and the gradient per output or null. */
export interface ScriptResult {
  values: Record<string, unknown[]>;
  gradients: Record<string, unknown[] | null>;
}

export function compileAndRun(document: GraphDocument): { program: Program; trace: Trace } {
  const program = compile(document, registry);
  return { program, trace: run(program) };
}

/** Writes `code` to a fresh temporary folder, runs `command file`, and parses the JSON it prints. */
export function runScript(command: string, args: string[], fileName: string, code: string): ScriptResult {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'backprop-export-'));
  try {
    const file = path.join(folder, fileName);
    writeFileSync(file, code);
    const result = spawnSync(command, [...args, file], { encoding: 'utf8', timeout: 120_000, cwd: process.cwd() });
    if (result.status !== 0) throw new Error(`${command} ${fileName} exited with ${result.status ?? result.signal}:\n${result.stderr}\n--- script ---\n${code}`);
    const lastLine = result.stdout.trim().split('\n').at(-1) ?? '';
    return JSON.parse(lastLine) as ScriptResult;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function flatten(value: unknown): number[] {
  return Array.isArray(value) ? value.flatMap(flatten) : [value as number];
}

function shapeOf(value: unknown): number[] {
  return Array.isArray(value) ? [value.length, ...(value.length > 0 ? shapeOf(value[0]) : [])] : [];
}

/** Checks printed nested lists against an engine tensor: same shape, values within float32 tolerance. */
export function expectTensor(printed: unknown, expected: TensorData, where: string): void {
  const shape = shapeOf(printed);
  // An empty tensor prints as [] whatever its shape, so only its size is comparable.
  if (expected.data.length > 0) expect(shape, `${where}: shape`).toEqual(expected.shape);
  const numbers = flatten(printed);
  expect(numbers.length, `${where}: element count`).toBe(expected.data.length);
  numbers.forEach((number, i) => {
    const tolerance = 1e-4 * Math.max(1, Math.abs(expected.data[i]));
    expect(Math.abs(number - expected.data[i]), `${where}[${i}]: printed ${number}, engine ${expected.data[i]}`).toBeLessThanOrEqual(tolerance);
  });
}

/** Labels are exported as integers, so their values print exactly. */
export function expectValues(result: ScriptResult, trace: Trace): void {
  for (const [id, record] of Object.entries(trace.nodes)) {
    expect(result.values[id], `values of node ${id}`).toBeDefined();
    record.outputs.forEach((output, k) => expectTensor(result.values[id][k], output, `node ${id} output ${k}`));
  }
}

/** A graph with every kind the scalar presets lack, and the edge cases of the backward pass. */
export function everyKindDocument(): GraphDocument {
  const matrix = (rows: number[][]) => ({ shape: [rows.length, rows[0].length], data: rows.flat() });
  return (
    new GraphBuilder('Every kind')
      .value('a', 'input', [0.5, -1.5, 2.0], 0, 0)
      .value('b', 'input', [1.5, 2.0, -0.5], 0, 100)
      .value('k', 'constant', 0.25, 0, 200)
      .node('X', 'input', {}, 0, 300, { value: matrix([[1, -2, 0.5], [0.3, 0.7, -1.1]]) })
      .node('P', 'parameter', {}, 0, 400, { value: matrix([[0.2, -0.4, 0], [1.2, 0.1, -0.3]]) })
      .node('sub', 'subtract', { a: 'a', b: 'b' }, 200, 0)
      .node('div', 'divide', { a: 'a', b: 'b' }, 200, 100)
      .node('mn', 'min', { a: 'a', b: 'b' }, 200, 200)
      // A scalar broadcast against a vector: its gradient is summed back to a scalar.
      .node('bc', 'add', { a: 'k', b: 'sub' }, 400, 0)
      .node('neg', 'negate', { x: 'bc' }, 600, 0)
      .node('ex', 'exp', { x: 'div' }, 400, 100)
      .node('sq', 'multiply', { a: 'b', b: 'b' }, 200, 300)
      .node('lg', 'log', { x: 'sq' }, 400, 300)
      .node('rc', 'reciprocal', { x: 'b' }, 200, 500)
      .node('th', 'tanh', { x: 'mn' }, 400, 200)
      .node('lk', 'leaky-relu', { x: 'a' }, 200, 600, { alpha: 0.1 })
      .node('cp', 'copy', { x: 'ex' }, 600, 100)
      // Only out0 of the copy is read, and the copy is no sink, so out1 gets gradient 0.
      .node('both', 'multiply', { a: 'cp:out0', b: 'th' }, 800, 100)
      .node('tr', 'transpose', { x: 'X' }, 200, 700)
      .node('ba', 'bias-add', { x: 'X', b: 'b' }, 200, 800)
      .node('mean1', 'mean', { x: 'ba' }, 400, 800, { axis: '1' })
      .node('sum0', 'sum', { x: 'tr' }, 400, 700, { axis: '0' })
      .node('sm', 'softmax', { x: 'P' }, 200, 900)
      .node('meanAll', 'mean', { x: 'sm' }, 400, 900)
      .node('l1', 'l1-penalty', { w: 'P' }, 200, 1000, { lambda: 0.5 })
      .node('en', 'elastic-net', { w: 'P' }, 200, 1100, { lambda1: 0.1, lambda2: 0.2 })
      .node('sumAll', 'sum', { x: 'lg' }, 600, 300)
      // An add with one unwired input cannot run; the export leaves it out as the canvas does.
      .value('lonely', 'input', 7, 0, 1200)
      .node('half', 'add', { a: 'lonely' }, 200, 1200)
      .build()
  );
}

/** A small classifier: a batch, a seeded random weight matrix, bias, ReLU, softmax cross-entropy and L2. */
export function classifierDocument(): GraphDocument {
  return new GraphBuilder('Batch classifier')
    .node('data', 'batch', {}, 0, 0, {
      features: 2,
      batchSize: 4,
      X: { shape: [4, 2], data: [0.5, -1, 1.5, 0.25, -0.75, 2, 0, 1] },
      y: { shape: [4], data: [0, 2, 1, 2] },
    })
    .node('W', 'parameter', {}, 0, 200, { init: 'xavier', shape: [2, 3], seed: 3, value: { shape: [], data: [0] } })
    .value('bias', 'parameter', [0.1, -0.2, 0.05], 0, 300)
    .node('scores', 'matmul', { a: 'data:X', b: 'W' }, 200, 0)
    .node('shifted', 'bias-add', { x: 'scores', b: 'bias' }, 400, 0)
    .node('hidden', 'relu', { x: 'shifted' }, 600, 0)
    .node('loss', 'softmax-ce', { scores: 'hidden', labels: 'data:y' }, 800, 0)
    // Reading the probabilities adds their gradient through softmax to the loss gradient.
    .node('p2', 'sum', { x: 'loss:probs' }, 1000, 100)
    .node('svm', 'svm-loss', { scores: 'shifted', labels: 'data:y' }, 800, 200, { margin: 1 })
    .node('per', 'mean', { x: 'svm:perExample' }, 1000, 200)
    .node('l2', 'l2-penalty', { w: 'W' }, 200, 300, { lambda: 0.01 })
    .build();
}

/** Tells whether `python3` runs and imports NumPy. Under CI=true a missing NumPy fails instead of skipping. */
export function numpyAvailable(): boolean {
  const probe = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' });
  if (probe.status === 0) return true;
  const reason = `python3 with NumPy is not available (${probe.error?.message ?? probe.stderr.trim()}); install python3-numpy.`;
  if (process.env.CI === 'true') throw new Error(`${reason} CI=true, so the NumPy export test fails instead of skipping.`);
  process.stderr.write(`${reason} Skipping the NumPy export test.\n`);
  return false;
}
