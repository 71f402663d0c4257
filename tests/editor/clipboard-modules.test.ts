import { describe, expect, test } from 'vitest';
import { CLIPBOARD_FORMAT, parseClipboard } from '../../src/editor/commands/clipboard';
import { findCommand } from '../../src/editor/commands/commands';
import type { CommandEnvironment } from '../../src/editor/commands/types';
import type { GraphDocument } from '../../src/engine/document';
import { collapseToModule } from '../../src/engine/modules';
import { registry } from '../../src/nodes';
import { findPreset } from '../../src/presets';
import { commandEnvironment, fakeClipboard, firstOutput, nodeIds } from '../helpers/editor';

/** Collapses nodes of a document into a module node with the module's name as its id. */
function collapse(document: GraphDocument, nodeIds: string[], name: string): GraphDocument {
  const result = collapseToModule(document, nodeIds, name, registry);
  if (!result.ok) throw new Error(result.error);
  return result.document;
}

/** add-mul with q and f collapsed into module "gate": gate(x, y, z) = (x + y) · z = (−2 + 5) · (−4) = −12. */
function productModuleGraph(): GraphDocument {
  return collapse(findPreset('add-mul')!.build(), ['q', 'f'], 'gate');
}

/** add-mul with only q collapsed into a module also named "gate": gate(x, y) = x + y = 3, and f = 3 · (−4) = −12. */
function sumModuleGraph(): GraphDocument {
  return collapse(findPreset('add-mul')!.build(), ['q'], 'gate');
}

function moduleNames(env: CommandEnvironment): string[] {
  return Object.keys(env.editor.getState().document.modules ?? {}).sort();
}

function nodeById(env: CommandEnvironment, id: string) {
  return env.editor.getState().document.nodes.find((node) => node.id === id);
}

async function copy(env: CommandEnvironment, nodes: string[]): Promise<void> {
  env.editor.getState().setSelection({ nodes, edges: [] });
  await findCommand('copy').perform(env);
}

describe('clipboard with modules', () => {
  test('copy carries the module definition', async () => {
    const clipboard = fakeClipboard();
    const env = commandEnvironment(clipboard, productModuleGraph());

    await copy(env, ['gate']);

    const envelope = JSON.parse(clipboard.text);
    expect(Object.keys(envelope.modules)).toEqual(['gate']);
    expect(envelope.modules.gate.nodes.map((node: { kind: string }) => node.kind)).toEqual(['add', 'multiply']);
  });

  test('copy without module nodes carries none', async () => {
    const clipboard = fakeClipboard();
    const env = commandEnvironment(clipboard, productModuleGraph());

    await copy(env, ['x']);

    expect(JSON.parse(clipboard.text).modules).toBeUndefined();
  });

  test('paste into another graph adds the module', async () => {
    const clipboard = fakeClipboard();
    await copy(commandEnvironment(clipboard, productModuleGraph()), ['x', 'y', 'z', 'gate']);
    const target = commandEnvironment(clipboard, 'sigmoid-neuron');

    await findCommand('paste').perform(target);

    expect(moduleNames(target)).toEqual(['gate']);
    expect(nodeById(target, 'gate')?.params.module).toBe('gate');
    expect(firstOutput(target, 'gate')).toBe(-12);
    expect(target.editor.getState().diagnosticsByNode.gate).toBeUndefined();
  });

  test('paste in the same graph reuses the module', async () => {
    const clipboard = fakeClipboard();
    const env = commandEnvironment(clipboard, productModuleGraph());
    await copy(env, ['x', 'y', 'z', 'gate']);

    await findCommand('paste').perform(env);

    expect(moduleNames(env)).toEqual(['gate']);
    expect(nodeById(env, 'gate1')?.params.module).toBe('gate');
    expect(firstOutput(env, 'gate1')).toBe(-12);
  });

  test('name clash keeps both definitions', async () => {
    const clipboard = fakeClipboard();
    await copy(commandEnvironment(clipboard, productModuleGraph()), ['x', 'y', 'z', 'gate']);
    const target = commandEnvironment(clipboard, sumModuleGraph());
    const before = structuredClone(target.editor.getState().document.modules!.gate);

    await findCommand('paste').perform(target);

    expect(moduleNames(target)).toEqual(['gate', 'gate 2']);
    expect(target.editor.getState().document.modules!.gate).toEqual(before);
    expect(nodeById(target, 'gate')?.params.module).toBe('gate');
    expect(nodeById(target, 'gate1')?.params.module).toBe('gate 2');
    expect(nodeById(target, 'gate1')?.label).toBe('gate 2');
    // The target's own module still adds, and the pasted one multiplies.
    expect(firstOutput(target, 'gate')).toBe(3);
    expect(firstOutput(target, 'gate1')).toBe(-12);
  });

  test('paste with a module is one undo step', async () => {
    const clipboard = fakeClipboard();
    await copy(commandEnvironment(clipboard, productModuleGraph()), ['x', 'y', 'z', 'gate']);
    const target = commandEnvironment(clipboard, sumModuleGraph());

    await findCommand('paste').perform(target);
    target.editor.getState().undo();

    expect(moduleNames(target)).toEqual(['gate']);
    expect(nodeIds(target)).toEqual(['f', 'gate', 'x', 'y', 'z']);
  });

  test('cut and paste keeps the module', async () => {
    const clipboard = fakeClipboard();
    const source = commandEnvironment(clipboard, productModuleGraph());
    source.editor.getState().setSelection({ nodes: ['x', 'y', 'z', 'gate'], edges: [] });
    await findCommand('cut').perform(source);
    const target = commandEnvironment(clipboard, 'add-mul');

    await findCommand('paste').perform(target);

    expect(moduleNames(target)).toEqual(['gate']);
    expect(firstOutput(target, 'gate')).toBe(-12);
  });

  test('duplicate reuses the module', async () => {
    const env = commandEnvironment(fakeClipboard(), productModuleGraph());
    env.editor.getState().setSelection({ nodes: ['x', 'y', 'z', 'gate'], edges: [] });

    await findCommand('duplicate').perform(env);

    expect(moduleNames(env)).toEqual(['gate']);
    expect(firstOutput(env, 'gate1')).toBe(-12);
  });

  test('nested modules follow a rename', async () => {
    // "outer" contains the "gate" module node: outer(x, y, z) = gate(x, y, z) = −12.
    const clipboard = fakeClipboard();
    const nested = collapse(productModuleGraph(), ['gate'], 'outer');
    await copy(commandEnvironment(clipboard, nested), ['x', 'y', 'z', 'outer']);
    const target = commandEnvironment(clipboard, sumModuleGraph());

    await findCommand('paste').perform(target);

    const modules = target.editor.getState().document.modules!;
    expect(Object.keys(modules).sort()).toEqual(['gate', 'gate 2', 'outer']);
    expect(modules.outer.nodes.map((node) => node.params.module)).toEqual(['gate 2']);
    expect(firstOutput(target, 'outer')).toBe(-12);
    expect(firstOutput(target, 'gate')).toBe(3);
  });

  test('module node without definition is rejected', () => {
    const node = { id: 'm', kind: 'module', params: { module: 'missing' }, position: { x: 0, y: 0 } };
    const result = parseClipboard(JSON.stringify({ format: CLIPBOARD_FORMAT, version: 1, nodes: [node], edges: [] }), registry);

    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(/"missing"/);
  });

  test('module that contains itself is rejected', async () => {
    const clipboard = fakeClipboard();
    await copy(commandEnvironment(clipboard, productModuleGraph()), ['gate']);
    const envelope = JSON.parse(clipboard.text);
    envelope.modules.gate.nodes.push({ id: 'self', kind: 'module', params: { module: 'gate' }, position: { x: 0, y: 0 } });

    const result = parseClipboard(JSON.stringify(envelope), registry);

    expect(result.ok).toBe(false);
  });
});
