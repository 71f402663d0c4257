import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { compile, type Program } from '../../src/engine/compile';
import type { GraphDocument } from '../../src/engine/document';
import { run } from '../../src/engine/run';
import type { TensorData } from '../../src/engine/tensor';
import type { Trace } from '../../src/engine/trace';
import { registry } from '../../src/nodes';
import { findPreset, presets } from '../../src/presets';
import { GraphBuilder } from '../../src/presets/builder';
import type { CodeResult } from '../../src/editor/export/code-plan';

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

/**
 * Runs one script per key in a single Python process, so a slow import such
 * as PyTorch's (about 4 s on a loaded 2-core machine) is paid once. Each
 * script runs as `__main__` in its own namespace. Returns, per key, the JSON
 * the script printed last, or an Error with its traceback and text.
 */
export function runPythonScripts(python: string, scripts: Readonly<Record<string, string>>): Record<string, ScriptResult | Error> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'backprop-export-'));
  try {
    const driver = path.join(folder, 'run_all.py');
    writeFileSync(driver, PYTHON_DRIVER);
    const files = Object.entries(scripts).map(([key, code], index) => {
      const file = path.join(folder, `script_${index}.py`);
      writeFileSync(file, code);
      return { key, file, code };
    });
    const result = spawnSync(python, [driver, ...files.map((entry) => entry.file)], { encoding: 'utf8', timeout: 300_000, maxBuffer: 256 * 1024 * 1024 });
    if (result.status !== 0) throw new Error(`${python} ${driver} exited with ${result.status ?? result.signal}:\n${result.stderr}`);
    const outcomes = JSON.parse(result.stdout) as Record<string, { stdout: string } | { error: string }>;

    const results: Record<string, ScriptResult | Error> = {};
    for (const { key, file, code } of files) {
      const outcome = outcomes[file];
      if ('error' in outcome) {
        results[key] = new Error(`script for ${key} raised:\n${outcome.error}\n--- script ---\n${code}`);
        continue;
      }
      const lastLine = outcome.stdout.trim().split('\n').at(-1) ?? '';
      results[key] = JSON.parse(lastLine) as ScriptResult;
    }
    return results;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const PYTHON_DRIVER = `import contextlib
import io
import json
import runpy
import sys
import traceback

outcomes = {}
for path in sys.argv[1:]:
    printed = io.StringIO()
    try:
        with contextlib.redirect_stdout(printed):
            runpy.run_path(path, run_name="__main__")
        outcomes[path] = {"stdout": printed.getvalue()}
    except BaseException:
        outcomes[path] = {"error": traceback.format_exc()}
print(json.dumps(outcomes))
`;

/** One exported document: the engine's trace, the generated script, and what the script printed or raised. */
export interface ExportRun {
  trace: Trace;
  code: string;
  result: ScriptResult | Error;
}

/**
 * Generates the script of every document with `generate`, then runs them all
 * in one process of `python`. Throws when a document cannot be exported.
 */
function exportAndRunAll(
  python: string,
  documents: Readonly<Record<string, () => GraphDocument>>,
  generate: (program: Program, trace: Trace) => CodeResult,
): Record<string, ExportRun> {
  const codes: Record<string, string> = {};
  const traces: Record<string, Trace> = {};
  for (const [name, build] of Object.entries(documents)) {
    const { program, trace } = compileAndRun(build());
    const generated = generate(program, trace);
    if (!generated.ok) throw new Error(`${name}: ${generated.message}`);
    codes[name] = generated.code;
    traces[name] = trace;
  }
  const results = runPythonScripts(python, codes);
  return Object.fromEntries(Object.keys(documents).map((name) => [name, { trace: traces[name], code: codes[name], result: results[name] }]));
}

/** Returns what a script printed, or throws the Python error it raised. */
function printedBy(run: ExportRun): ScriptResult {
  if (run.result instanceof Error) throw run.result;
  return run.result;
}

/**
 * Declares the tests an exported Python program must pass. For every preset
 * and the graphs of this file, each printed value and gradient matches the
 * engine. A node that cannot run is left out, and a hostile id stays inside
 * its string. With `python` null the tests are skipped.
 */
export function describePythonExport(title: string, python: string | null, generate: (program: Program, trace: Trace) => CodeResult): void {
  const compared: Record<string, () => GraphDocument> = {
    ...Object.fromEntries(presets.map((preset) => [`preset ${preset.id}`, () => preset.build()])),
    'every kind': everyKindDocument,
    'batch classifier': classifierDocument,
    kinks: kinksDocument,
  };
  let runs: Record<string, ExportRun> = {};

  describe.runIf(python !== null)(title, () => {
    // One Python process runs every script, because starting Python and importing PyTorch take seconds.
    beforeAll(() => {
      runs = exportAndRunAll(python!, { ...compared, 'hostile id': hostileIdDocument }, generate);
    }, 300_000);

    test.each(Object.keys(compared))('%s matches the engine', (name) => {
      const result = printedBy(runs[name]);

      expectValues(result, runs[name].trace);
      expectGradients(result, runs[name].trace);
    });

    test('skipped node is left out', () => {
      const code = runs['every kind'].code;

      expect(code).toMatch(/1 node\(s\) that cannot run/);
      expect(code).not.toMatch(/"half"/);
    });

    test('hostile id stays inside its string', () => {
      const result = printedBy(runs['hostile id']);

      expect(runs['hostile id'].code).not.toContain('\n__import__');
      expect(result.values[HOSTILE_ID]).toEqual([-2]);
      expect(result.gradients[HOSTILE_ID]).toEqual([-4]);
    });
  });
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

/** Checks the gradient of every node output against the engine; a node the engine sends no gradient prints null. */
export function expectGradients(result: ScriptResult, trace: Trace): void {
  for (const [id, record] of Object.entries(trace.nodes)) {
    if (record.upstream === null) {
      expect(result.gradients[id], `gradient of node ${id}`).toBeNull();
      continue;
    }
    expect(result.gradients[id], `gradient of node ${id}`).toBeTruthy();
    record.upstream.forEach((gradient, k) => expectTensor(result.gradients[id]![k], gradient, `gradient of node ${id} output ${k}`));
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

/**
 * Inputs at the kinks where one-sided slopes differ: ties of max and min, and
 * zeros of relu, leaky-relu and the abs in the L1 terms. The exports must pick
 * the engine's side at each one.
 */
export function kinksDocument(): GraphDocument {
  return new GraphBuilder('Kinks')
    .value('a', 'input', [0, 1, -1, 2], 0, 0)
    .value('b', 'input', [0, 1, 2, -3], 0, 100)
    .node('mx', 'max', { a: 'a', b: 'b' }, 200, 0)
    .node('mn', 'min', { a: 'a', b: 'b' }, 200, 100)
    .node('r', 'relu', { x: 'a' }, 200, 200)
    .node('lr', 'leaky-relu', { x: 'a' }, 200, 300, { alpha: 0.1 })
    .node('l1', 'l1-penalty', { w: 'b' }, 200, 400, { lambda: 0.5 })
    .node('en', 'elastic-net', { w: 'a' }, 200, 500, { lambda1: 0.1, lambda2: 0.2 })
    .build();
}

/** A node id that tries to end its string literal and run a shell command. */
export const HOSTILE_ID = 'x"\n__import__("os").system("echo pwned")\n#\u2028';

/** Builds the add-mul preset with input "x" renamed to HOSTILE_ID. */
export function hostileIdDocument(): GraphDocument {
  const document = findPreset('add-mul')!.build();
  document.nodes.find((node) => node.id === 'x')!.id = HOSTILE_ID;
  for (const edge of document.edges) if (edge.source === 'x') edge.source = HOSTILE_ID;
  return document;
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

/**
 * Returns the first Python that imports PyTorch: `python3` on the PATH, then
 * Debian's /usr/bin/python3, where the python3-torch package installs it.
 * Returns null when neither does; under CI=true that throws instead.
 */
export function pythonWithTorch(): string | null {
  const failures: string[] = [];
  for (const python of ['python3', '/usr/bin/python3']) {
    const probe = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8' });
    if (probe.status === 0) return python;
    failures.push(`${python}: ${probe.error?.message ?? probe.stderr.trim().split('\n').at(-1)}`);
  }
  const reason = `No Python with PyTorch was found (${failures.join('; ')}); install python3-torch.`;
  if (process.env.CI === 'true') throw new Error(`${reason} CI=true, so the PyTorch export test fails instead of skipping.`);
  process.stderr.write(`${reason} Skipping the PyTorch export test.\n`);
  return null;
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
