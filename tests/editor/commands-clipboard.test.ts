import { describe, expect, test } from 'vitest';
import { CLIPBOARD_FORMAT, parseClipboard } from '../../src/editor/commands/clipboard';
import { findCommand } from '../../src/editor/commands/commands';
import type { CommandEnvironment } from '../../src/editor/commands/types';
import { registry } from '../../src/nodes';
import { commandEnvironment, fakeClipboard, firstOutput, nodeIds, noticeReasons } from '../helpers/editor';

function reasonOf(result: ReturnType<typeof parseClipboard>): string {
  return result.ok ? '' : result.reason;
}

function scalarNode(id: string, value: number, x = 0) {
  return { id, kind: 'input', params: { value: { shape: [], data: [value] } }, position: { x, y: 0 } };
}

describe('copy and paste', () => {
  test('copy writes the envelope', async () => {
    const clipboard = fakeClipboard();
    const env = commandEnvironment(clipboard);
    env.editor.getState().setSelection({ nodes: ['x', 'y', 'q'], edges: [] });

    await findCommand('copy').perform(env);

    const envelope = JSON.parse(clipboard.text);
    expect(envelope.format).toBe(CLIPBOARD_FORMAT);
    expect(envelope.version).toBe(1);
    expect(envelope.nodes.map((node: { id: string }) => node.id).sort()).toEqual(['q', 'x', 'y']);
    // Only wires with both ends copied come along: q → f stays behind.
    expect(envelope.edges.map((edge: { id: string }) => edge.id).sort()).toEqual(['x.out->q.a', 'y.out->q.b']);
  });

  test('paste in a second store renames ids', async () => {
    const clipboard = fakeClipboard();
    const first = commandEnvironment(clipboard);
    first.editor.getState().setSelection({ nodes: ['x', 'y', 'q'], edges: [] });
    await findCommand('copy').perform(first);

    const second = commandEnvironment(clipboard);
    await findCommand('paste').perform(second);

    // x, y and q exist in the second graph too, so the copies are numbered.
    expect(nodeIds(second)).toEqual(['f', 'q', 'q1', 'x', 'x1', 'y', 'y1', 'z']);
    // The pasted add gate computes −2 + 5 from the pasted inputs.
    expect(firstOutput(second, 'q1')).toBe(3);
    expect(second.editor.getState().selection.nodes).toEqual(['x1', 'y1', 'q1']);
    expect([...second.editor.getState().selection.edges].sort()).toEqual(['x1.out->q1.a', 'y1.out->q1.b']);
  });

  test('paste of ten nodes is one undo step', async () => {
    const nodes = Array.from({ length: 10 }, (_unused, i) => scalarNode(`n${i}`, i, i * 50));
    const env = commandEnvironment(fakeClipboard(JSON.stringify({ format: CLIPBOARD_FORMAT, version: 1, nodes, edges: [] })));

    await findCommand('paste').perform(env);
    expect(nodeIds(env)).toHaveLength(15);
    expect(env.editor.temporal.getState().pastStates).toHaveLength(1);

    env.editor.getState().undo();
    expect(nodeIds(env)).toEqual(['f', 'q', 'x', 'y', 'z']);
  });

  test('pasted nodes move off the originals', async () => {
    const env = commandEnvironment();
    env.editor.getState().setSelection({ nodes: ['x'], edges: [] });
    await findCommand('copy').perform(env);
    const original = env.editor.getState().document.nodes.find((node) => node.id === 'x')!.position;

    await findCommand('paste').perform(env);
    await findCommand('paste').perform(env);

    const position = (id: string) => env.editor.getState().document.nodes.find((node) => node.id === id)!.position;
    expect(position('x1')).toEqual({ x: original.x + 40, y: original.y + 40 });
    // The second paste finds x1 at the first offset and moves one offset further.
    expect(position('x2')).toEqual({ x: original.x + 80, y: original.y + 80 });
  });

  test('paste here puts the top-left node at the point', async () => {
    const nodes = [scalarNode('a', 1, 100), scalarNode('b', 2, 300)];
    const env = commandEnvironment(fakeClipboard(JSON.stringify({ format: CLIPBOARD_FORMAT, version: 1, nodes, edges: [] })));

    await findCommand('paste').perform(env, { at: { x: 1000, y: 500 } });

    const position = (id: string) => env.editor.getState().document.nodes.find((node) => node.id === id)!.position;
    expect(position('a')).toEqual({ x: 1000, y: 500 });
    expect(position('b')).toEqual({ x: 1200, y: 500 });
  });

  test('cut copies, then deletes in one step', async () => {
    const clipboard = fakeClipboard();
    const env = commandEnvironment(clipboard);
    env.editor.getState().setSelection({ nodes: ['z'], edges: [] });

    await findCommand('cut').perform(env);

    expect(nodeIds(env)).toEqual(['f', 'q', 'x', 'y']);
    expect(JSON.parse(clipboard.text).nodes[0].id).toBe('z');
    env.editor.getState().undo();
    expect(nodeIds(env)).toEqual(['f', 'q', 'x', 'y', 'z']);
  });

  test('duplicate leaves the clipboard alone', async () => {
    const clipboard = fakeClipboard('unchanged');
    const env = commandEnvironment(clipboard);
    env.editor.getState().setSelection({ nodes: ['x', 'y', 'q'], edges: [] });

    await findCommand('duplicate').perform(env);

    expect(nodeIds(env)).toEqual(['f', 'q', 'q1', 'x', 'x1', 'y', 'y1', 'z']);
    expect(firstOutput(env, 'q1')).toBe(3);
    expect(clipboard.text).toBe('unchanged');
  });
});

describe('clipboard validation', () => {
  async function pasteText(text: string): Promise<CommandEnvironment> {
    const env = commandEnvironment(fakeClipboard(text));
    await findCommand('paste').perform(env);
    return env;
  }

  test('text that is not JSON is rejected', async () => {
    const env = await pasteText('hello from another program');
    expect(nodeIds(env)).toEqual(['f', 'q', 'x', 'y', 'z']);
    expect(noticeReasons(env)[0]).toMatch(/not JSON/);
  });

  test('wrong format is rejected', async () => {
    const env = await pasteText(JSON.stringify({ format: 'backprop-studio-graph', version: 1, nodes: [], edges: [] }));
    expect(nodeIds(env)).toEqual(['f', 'q', 'x', 'y', 'z']);
    expect(noticeReasons(env)[0]).toMatch(/"format"/);
  });

  test('newer version is rejected', async () => {
    const env = await pasteText(JSON.stringify({ format: CLIPBOARD_FORMAT, version: 2, nodes: [], edges: [] }));
    expect(noticeReasons(env)[0]).toMatch(/version 2/);
  });

  test('unknown kind is rejected', () => {
    const result = parseClipboard(JSON.stringify({ format: CLIPBOARD_FORMAT, version: 1, nodes: [{ ...scalarNode('a', 1), kind: 'teleport' }], edges: [] }), registry);
    expect(result.ok).toBe(false);
    expect(reasonOf(result)).toMatch(/teleport/);
  });

  test('wire to a missing node is rejected', () => {
    const edges = [{ id: 'e', source: 'a', sourcePort: 'out', target: 'ghost', targetPort: 'x' }];
    const result = parseClipboard(JSON.stringify({ format: CLIPBOARD_FORMAT, version: 1, nodes: [scalarNode('a', 1)], edges }), registry);
    expect(result.ok).toBe(false);
    expect(reasonOf(result)).toMatch(/ghost/);
  });

  test('extra fields are rejected, not spread', () => {
    const node = { ...scalarNode('a', 1), onClick: 'alert(1)' };
    const result = parseClipboard(JSON.stringify({ format: CLIPBOARD_FORMAT, version: 1, nodes: [node], edges: [] }), registry);
    expect(result.ok).toBe(false);
  });

  test('colliding ids inside the clipboard are rejected', () => {
    const result = parseClipboard(JSON.stringify({ format: CLIPBOARD_FORMAT, version: 1, nodes: [scalarNode('a', 1), scalarNode('a', 2)], edges: [] }), registry);
    expect(result.ok).toBe(false);
  });

  test('denied clipboard read shows a notice', async () => {
    const env = commandEnvironment({ writeText: async () => {}, readText: async () => Promise.reject(new Error('Read permission denied.')) });
    await findCommand('paste').perform(env);
    expect(noticeReasons(env)[0]).toMatch(/permission denied/);
    expect(nodeIds(env)).toEqual(['f', 'q', 'x', 'y', 'z']);
  });
});
