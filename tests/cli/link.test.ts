import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { serializeDocument } from '../../src/engine/document';
import { encodeLink } from '../../src/engine/link';
import { findPreset } from '../../src/presets';
import { runLinkCommand } from '../../src/cli/link-command';
import { craftVersion1Link } from '../engine/link-craft';
import { parserMessage } from '../helpers/json-parser-message';

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

/** Runs `link decode <link>` in this process, which the cases below need many times. */
const decodeInProcess = (link: string) => runLinkCommand(['decode', link], { json: false }, () => Promise.reject(new Error('no standard input')));

/** The sentence after a bad character's name and position in the app's message. */
const ALPHABET_SENTENCE =
  'which a link cannot contain. After "#graph=" a link contains only the letters A–Z and a–z, the digits 0–9, "-" and "_". Copy the whole link again.';

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

  test('spawned CLI cleans the link', async () => {
    const decoded = await cli(['link', 'decode', `\u200b${encodeLink(addMul)}%0A`]);
    expect(decoded.stderr).toBe('');
    expect(decoded.code).toBe(0);
    expect(JSON.parse(decoded.stdout)).toStrictEqual(addMul);
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

describe('cli link decode cleaning', () => {
  const link = encodeLink(addMul);
  const wrapped: [name: string, text: string][] = [
    ['encoded line break after', `${link}%0A`],
    ['encoded space before', `%20${link}`],
    ['zero-width space before', `\u200b${link}`],
    ['URL with encoded space after', `http://x/#${link}%20`],
    ['whitespace around a URL', ` \thttp://127.0.0.1:5173/#${link}\r\n`],
  ];
  test.each(wrapped)('%s opens', async (_name, text) => {
    const decoded = await decodeInProcess(text);
    expect(decoded.stderr).toBe('');
    expect(decoded.exitCode).toBe(0);
    expect(JSON.parse(decoded.stdout)).toStrictEqual(addMul);
  });

  test('inner space named as the app names it', async () => {
    // "graph=" is 6 characters, so the space is character 11 of the data.
    const decoded = await decodeInProcess(`${link.slice(0, 16)}%20${link.slice(16)}`);
    expect(decoded.exitCode).toBe(2);
    expect(decoded.stdout).toBe('');
    expect(decoded.stderr).toBe(`The link is corrupt: its data contains a space at position 11, ${ALPHABET_SENTENCE}\n`);
  });

  test('emoji named whole', async () => {
    const decoded = await decodeInProcess(`${link.slice(0, 16)}%F0%9F%98%80${link.slice(16)}`);
    expect(decoded.exitCode).toBe(2);
    expect(decoded.stderr).toBe(`The link is corrupt: its data contains "\u{1F600}" at position 11, ${ALPHABET_SENTENCE}\n`);
  });
});

describe('cli link decode JSON syntax', () => {
  test('trailing comma by line and column', async () => {
    const json = '[\n  [1, "t", [], []],\n]';
    const decoded = await decodeInProcess(craftVersion1Link(json));
    expect(decoded.exitCode).toBe(2);
    expect(decoded.stderr).toBe(
      `The graph in the link is not valid JSON: syntax error at line 3, column 1, at "]" (${parserMessage(json)}). Share the graph again to make a new link.\n`,
    );
  });

  test('brace on third line', async () => {
    // Line 3 is `  "a": 1,}`: the "}" after the comma is its 10th character.
    const json = '{\n  "v": 1,\n  "a": 1,}';
    const decoded = await decodeInProcess(`#${craftVersion1Link(json)}\n`);
    expect(decoded.exitCode).toBe(2);
    expect(decoded.stderr).toContain('syntax error at line 3, column 10, at "}" (');
    expect(decoded.stderr).not.toMatch(/^The link's content does not have the layout/);
  });

  test('document errors one a line', async () => {
    const broken = { ...addMul, nodes: addMul.nodes.map((node, index) => (index === 0 ? { ...node, kind: 'no-such-kind' } : node)) };
    const decoded = await decodeInProcess(encodeLink(broken));
    expect(decoded.exitCode).toBe(2);
    const lines = decoded.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('The graph in the link is not a valid document:');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines[1]).toMatch(/^ {2}\S/);
    expect(lines[1]).toContain('no-such-kind');
  });
});
