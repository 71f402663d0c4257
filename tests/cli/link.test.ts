import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { serializeDocument } from '../../src/engine/document';
import { encodeLink } from '../../src/engine/link';
import { findPreset } from '../../src/presets';

const CLI = [path.resolve('node_modules/tsx/dist/cli.mjs'), path.resolve('src/cli/main.ts')];

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as `npx tsx src/cli/main.ts` would, writing `input` to its standard input. */
function cli(args: string[], input = ''): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI, ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

const addMul = findPreset('add-mul')!.build();

describe('cli link', () => {
  test('encode then decode a preset', async () => {
    const encoded = await cli(['link', 'encode', 'add-mul']);
    expect(encoded.stderr).toBe('');
    expect(encoded.code).toBe(0);
    expect(encoded.stdout).toMatch(/^graph=[A-Za-z0-9_-]+\n$/);

    const decoded = await cli(['link', 'decode', encoded.stdout.trim()]);
    expect(decoded.stderr).toBe('');
    expect(decoded.code).toBe(0);
    expect(JSON.parse(decoded.stdout)).toStrictEqual(addMul);
  });

  test('encode a file with --url and decode the URL', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'bps-link-'));
    const file = path.join(folder, 'graph.json');
    const document = findPreset('sigmoid-neuron')!.build();
    await writeFile(file, serializeDocument(document));

    const encoded = await cli(['link', 'encode', file, '--url', 'http://127.0.0.1:5173/']);
    expect(encoded.code).toBe(0);
    expect(encoded.stdout).toMatch(/^http:\/\/127\.0\.0\.1:5173\/#graph=[A-Za-z0-9_-]+\n$/);

    const decoded = await cli(['link', 'decode', encoded.stdout.trim()]);
    expect(decoded.code).toBe(0);
    expect(JSON.parse(decoded.stdout)).toStrictEqual(document);
  });

  test('decode reads standard input for -', async () => {
    const lecture = { lockEditing: true, startStep: 3 };
    const link = encodeLink(addMul, { view: { cursor: 5 }, lecture });
    const decoded = await cli(['link', 'decode', '-', '--json'], `${link}\n`);
    expect(decoded.code).toBe(0);
    expect(JSON.parse(decoded.stdout)).toStrictEqual({ document: addMul, view: { cursor: 5 }, lecture });
  });

  test('truncated link fails with the app message', async () => {
    const link = encodeLink(addMul);
    const decoded = await cli(['link', 'decode', link.slice(0, 60)]);
    expect(decoded.code).toBe(2);
    expect(decoded.stdout).toBe('');
    expect(decoded.stderr).toMatch(/^The link is incomplete: it holds 40 bytes of data, but its header declares \d+\. Copy the whole link again\.\n$/);
  });

  test('corrupt link fails with exit code 2', async () => {
    const link = encodeLink(addMul);
    const changed = `${link.slice(0, 30)}${link[30] === 'A' ? 'B' : 'A'}${link.slice(31)}`;
    const decoded = await cli(['link', 'decode', changed]);
    expect(decoded.code).toBe(2);
    expect(decoded.stderr).toContain('The link is corrupt: its checksum');
  });

  test.each([
    [['link']],
    [['link', 'encode']],
    [['link', 'decode', 'a', 'b']],
    [['link', 'decode', 'graph=AA', '--url', 'http://127.0.0.1/']],
    [['link', 'encode', 'no-such-preset']],
  ])('usage error %j exits with 2', async (args) => {
    const result = await cli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: /);
  });
});
