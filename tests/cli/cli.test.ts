import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';

const run = promisify(execFile);
const CLI = [path.resolve('node_modules/tsx/dist/cli.mjs'), path.resolve('src/cli/main.ts')];

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(...args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [...CLI, ...args], { timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

type Nested = number | Nested[];

function flatten(value: Nested): number[] {
  return Array.isArray(value) ? value.flatMap(flatten) : [value];
}

/** Checks every expected number within the case's tolerance, naming the node on failure. */
function expectClose(actual: Record<string, Nested>, expected: Record<string, Nested>, tol: { abs?: number; rel?: number }): void {
  for (const [id, want] of Object.entries(expected)) {
    const got = flatten(actual[id]);
    const wanted = flatten(want);
    expect(got.length, `node ${id}`).toBe(wanted.length);
    wanted.forEach((value, i) => {
      const allowed = tol.abs ?? (tol.rel ?? 0) * Math.abs(value);
      expect(Math.abs(got[i] - value), `node ${id}[${i}]: got ${got[i]}, expected ${value}`).toBeLessThanOrEqual(allowed);
    });
  }
}

describe('cli run', () => {
  test.each(['C01', 'C02', 'C06'])('reference case %s', async (id) => {
    const reference = JSON.parse(await readFile(`tests/cases/${id}.json`, 'utf8'));
    const folder = await mkdtemp(path.join(tmpdir(), 'bps-cli-'));
    const file = path.join(folder, `${id}.json`);
    await writeFile(file, JSON.stringify(reference.document));

    const result = await cli('run', file, '--json');

    expect(result.code, result.stderr).toBe(0);
    const output = JSON.parse(result.stdout);
    const values = Object.fromEntries(Object.entries(reference.expected.values).filter(([key]) => key in output.values)) as Record<string, Nested>;
    expectClose(output.values, values, reference.tol);
    expectClose(output.grads, reference.expected.grads, reference.tol);
  });

  test('json keeps a __proto__ node id', async () => {
    // 3 · 3 = 9, and the gradient of x in x · x is 2x = 6.
    const position = { x: 0, y: 0 };
    const document = {
      format: 'backprop-studio-graph',
      version: 1,
      nodes: [
        { id: '__proto__', kind: 'input', params: { value: { shape: [], data: [3] } }, position },
        { id: 'q', kind: 'multiply', params: {}, position },
      ],
      edges: [
        { id: 'a', source: '__proto__', sourcePort: 'out', target: 'q', targetPort: 'a' },
        { id: 'b', source: '__proto__', sourcePort: 'out', target: 'q', targetPort: 'b' },
      ],
    };
    const folder = await mkdtemp(path.join(tmpdir(), 'bps-cli-'));
    const file = path.join(folder, 'proto.json');
    await writeFile(file, JSON.stringify(document));

    const result = await cli('run', file, '--json');

    expect(result.code, result.stderr).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(Object.keys(output.values)).toEqual(['__proto__', 'q']);
    expect(Object.getOwnPropertyDescriptor(output.values, '__proto__')?.value).toBe(3);
    expect(Object.getOwnPropertyDescriptor(output.grads, '__proto__')?.value).toBe(6);
  });

  test('add-mul table lists every node', async () => {
    const result = await cli('run', 'add-mul');

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^f\s+multiply\s+-12\s+1$/m);
    expect(result.stdout).toMatch(/^x\s+input\s+-2\s+-4$/m);
  });

  test('presets lists add-mul and mlp2', async () => {
    const result = await cli('presets');

    expect(result.stdout).toMatch(/^add-mul\b/m);
    expect(result.stdout).toMatch(/^mlp2\b/m);
  });

  test('unknown preset exits with 2', async () => {
    const result = await cli('run', 'no-such-preset');

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/"no-such-preset" is neither a preset id nor a \.json file/);
  });

  test('invalid file names the problem', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'bps-cli-'));
    const file = path.join(folder, 'cycle.json');
    await writeFile(file, JSON.stringify({
      format: 'backprop-studio-graph', version: 1,
      nodes: [
        { id: 'a', kind: 'negate', params: {}, position: { x: 0, y: 0 } },
        { id: 'b', kind: 'negate', params: {}, position: { x: 0, y: 0 } },
      ],
      edges: [
        { id: 'e1', source: 'a', sourcePort: 'out', target: 'b', targetPort: 'x' },
        { id: 'e2', source: 'b', sourcePort: 'out', target: 'a', targetPort: 'x' },
      ],
    }));

    const result = await cli('run', file);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cycle through 2 nodes: "a", "b". Remove wire "e2" (b.out → a.x) to break it');
  });

  test('file with a byte order mark runs', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'bps-cli-'));
    const file = path.join(folder, 'bom.json');
    // Some Windows editors start a UTF-8 file with U+FEFF; the app's file import drops it when decoding.
    await writeFile(file, `\uFEFF${JSON.stringify({
      format: 'backprop-studio-graph', version: 1,
      nodes: [
        { id: 'a', kind: 'input', params: { value: { shape: [], data: [2] } }, position: { x: 0, y: 0 } },
        { id: 'b', kind: 'negate', params: {}, position: { x: 0, y: 0 } },
      ],
      edges: [{ id: 'e1', source: 'a', sourcePort: 'out', target: 'b', targetPort: 'x' }],
    })}`);

    const result = await cli('run', file, '--json');

    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).values).toEqual({ a: 2, b: -2 });
  });

  test('JSON syntax error names line and column', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'bps-cli-'));
    const file = path.join(folder, 'trailing-comma.json');
    // The trailing comma on line 4 makes the closing brace on line 5, column 1, the first invalid character.
    await writeFile(file, '{"format": "backprop-studio-graph",\n "version": 1,\n "nodes": [],\n "edges": [],\n}\n');

    const result = await cli('run', file);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not valid JSON: .*\(line 5 column 1\)\./);
  });

  test('missing file exits with 2', async () => {
    const result = await cli('run', 'does-not-exist.json');

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/File "does-not-exist.json" not found/);
  });
});

describe('cli train', () => {
  test('seed beyond 32 bits exits with 2', async () => {
    // 2^32 = 4294967296 is one past the largest seed, 2^32 − 1.
    const result = await cli('train', 'linear-softmax', '--epochs', '1', '--seed', '4294967296');

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--seed: expected a whole number from 0 to 4294967295, found "4294967296".');
  });

  test('batch and epochs beyond what a file holds exit with 2', async () => {
    const batch = await cli('train', 'linear-softmax', '--epochs', '1', '--batch', '2000000');
    expect(batch.code).toBe(2);
    expect(batch.stderr).toContain('--batch: expected a whole number from 1 to 1000000, found "2000000".');

    const epochs = await cli('train', 'linear-softmax', '--epochs', '100001');
    expect(epochs.code).toBe(2);
    expect(epochs.stderr).toContain('--epochs: expected a whole number from 1 to 100000, found "100001".');
  });

  test('json lines per epoch and final metrics', async () => {
    const result = await cli('train', 'linear-softmax', '--epochs', '3', '--lr', '0.05', '--json');

    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(4);
    expect(lines.slice(0, 3).map((line) => line.epoch)).toEqual([1, 2, 3]);
    const final = lines[3];
    expect(Object.keys(final)).toEqual(expect.arrayContaining(['trainAccuracy', 'validationAccuracy', 'testAccuracy', 'loss']));
    expect(final.trainAccuracy).toBeGreaterThan(0.8);
  });

  test('huge learning rate stops with exit 1', async () => {
    const result = await cli('train', 'linear-softmax', '--optimizer', 'sgd', '--lr', '1e30', '--epochs', '2');

    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Training stopped at epoch 1, batch \d+: the loss became/);
  });

  test('invalid optimizer is rejected', async () => {
    const result = await cli('train', 'mlp2', '--optimizer', 'lbfgs');

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--optimizer: expected one of sgd, momentum, nesterov, adagrad, rmsprop, adam, found "lbfgs"/);
  });

  test('graph without training settings is rejected', async () => {
    const result = await cli('train', 'add-mul');

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/"add-mul" has no training settings/);
  });
});
