import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { checkGradients } from '../../src/cli/gradcheck-command';
import { collapseToModule } from '../../src/engine/modules';
import type { KindRegistry, NodeKind } from '../../src/engine/types';
import { registry } from '../../src/nodes';
import { findPreset } from '../../src/presets';
import { TestGraph } from '../helpers/graph';

const execute = promisify(execFile);
const CLI = [path.resolve('node_modules/tsx/dist/cli.mjs'), path.resolve('src/cli/main.ts')];

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execute(process.execPath, [...CLI, ...args], { timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

async function caseFile(id: string): Promise<string> {
  const reference = JSON.parse(await readFile(`tests/cases/${id}.json`, 'utf8'));
  const folder = await mkdtemp(path.join(tmpdir(), 'bps-gradcheck-'));
  const file = path.join(folder, `${id}.json`);
  await writeFile(file, JSON.stringify(reference.document));
  return file;
}

/** The multiply kind with the gradient of a doubled, like a bug in a kind's backward. */
const wrongMultiply: NodeKind = {
  ...registry.get('multiply')!,
  backward: ({ inputs: [a, b], upstream: [gradient] }) => [tf.mul(tf.mul(gradient, b), 2), tf.mul(gradient, a)],
};
const wrongRegistry: KindRegistry = new Map([...registry, ['multiply', wrongMultiply]]);

describe('cli gradcheck', () => {
  test('add-mul passes with a table', async () => {
    const result = await cli('gradcheck', 'add-mul');

    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^node\s+index\s+analytic\s+numeric\s+relative error\s+verdict$/);
    expect(lines[1]).toMatch(/^x\s+0\s+-4\s+-4\s+\S+\s+ok$/);
    expect(lines[3]).toMatch(/^z\s+0\s+3\s+3\s+\S+\s+ok$/);
    expect(result.stdout).toContain('3 elements checked: 3 ok, 0 kink, 0 wrong.');
  });

  test('relu at zero reports a kink', async () => {
    const result = await cli('gradcheck', await caseFile('C06'), '--json');

    expect(result.code, result.stderr).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output.ok).toBe(true);
    expect(output.entries.map((entry: { verdict: string }) => entry.verdict)).toEqual(['ok', 'kink', 'ok']);
    expect(output.entries[1]).toMatchObject({ nodeId: 'x', index: 1, analytic: 0, numeric: 0.5 });
  });

  test('max elements limits each node', async () => {
    const result = await cli('gradcheck', 'sigmoid-neuron', '--json', '--max-elements', '1');

    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).entries).toHaveLength(5);
  });

  test('module document runs and passes', async () => {
    const collapsed = collapseToModule(findPreset('sigmoid-gates')!.build(), ['neg', 'e', 'plus1', 'f'], 'sig', registry);
    if (!collapsed.ok) throw new Error(collapsed.error);
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'bps-gradcheck-')), 'sig-module.json');
    await writeFile(file, JSON.stringify(collapsed.document));

    const checked = await cli('gradcheck', file);
    const ran = await cli('run', file, '--json');

    expect(checked.code, checked.stderr).toBe(0);
    expect(checked.stdout).toContain('5 elements checked: 5 ok, 0 kink, 0 wrong.');
    expect(ran.code, ran.stderr).toBe(0);
    // σ(1) and σ'(1), since the neuron's dot product is 1 at the preset's values.
    expect(JSON.parse(ran.stdout).values.sig).toBeCloseTo(1 / (1 + Math.exp(-1)), 6);
    expect(JSON.parse(ran.stdout).grads.dot).toBeCloseTo(Math.exp(-1) / (1 + Math.exp(-1)) ** 2, 6);
  });

  test('unknown preset is a usage error', async () => {
    const result = await cli('gradcheck', 'no-such-preset');

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"no-such-preset" is neither a preset id nor a .json file');
  });

  test('invalid element limit is a usage error', async () => {
    const result = await cli('gradcheck', 'add-mul', '--max-elements', '0');

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--max-elements: expected a whole number of at least 1, found "0"');
  });
});

describe('gradcheck command', () => {
  const document = new TestGraph().source('x', 3).source('y', -2).node('f', 'multiply', { a: 'x', b: 'y' }).build();

  test('wrong backward exits with 1', () => {
    const output = checkGradients(document, { json: false }, wrongRegistry);

    expect(output.exitCode).toBe(1);
    expect(output.text).toMatch(/^x\s+0\s+-4\s+-2\s+\S+\s+wrong/m);
    expect(output.text).toMatch(/^y\s+0\s+3\s+3\s+\S+\s+ok$/m);
  });

  test('correct backward exits with 0', () => {
    const output = checkGradients(document, { json: true });

    expect(output.exitCode).toBe(0);
    expect(JSON.parse(output.text).entries.map((entry: { verdict: string }) => entry.verdict)).toEqual(['ok', 'ok']);
  });

  test('graph with an error exits with 1', () => {
    const cyclic = new TestGraph().node('a', 'negate', { x: 'b' }).node('b', 'negate', { x: 'a' }).build();
    const output = checkGradients(cyclic, { json: false });

    expect(output.exitCode).toBe(1);
    expect(output.problems[0]).toContain('cycle');
  });
});
