import { describe, expect, test } from 'vitest';
import { commands, findCommand } from '../../src/editor/commands/commands';
import { formatKey, type KeyInput } from '../../src/editor/commands/keys';
import { compatiblePort, searchKinds } from '../../src/editor/commands/kind-search';
import { commandForKey } from '../../src/editor/commands/shortcuts';
import { tidyEdits } from '../../src/editor/commands/tidy-layout';
import type { ClipboardAccess, CommandEnvironment } from '../../src/editor/commands/types';
import { createUiStore } from '../../src/editor/commands/ui-store';
import { createEditorStore, normalMode } from '../../src/editor/store/store';
import { builtinKinds, registry } from '../../src/nodes';

const backend = { name: 'wasm' as const, reason: 'test', reasonCode: 'node' as const };

function environment(): CommandEnvironment {
  const editor = createEditorStore();
  editor.getState().setBackendReady(backend, null);
  editor.getState().loadPreset('add-mul');
  const clipboard: ClipboardAccess = { writeText: async () => {}, readText: async () => '' };
  return { editor, ui: createUiStore(), clipboard, view: () => null };
}

/** A key press on the page body, with no modifier unless given. */
function key(key: string, extra: Partial<KeyInput> = {}): KeyInput {
  return { key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, target: { tagName: 'BODY' }, ...extra };
}

/** A stand-in for a DOM element: its tag, and the selectors its ancestors match. */
function element(tagName: string, ancestors: string[] = [], contentEditable = false, type?: string) {
  return {
    tagName,
    type,
    isContentEditable: contentEditable,
    closest: (selector: string) => (selector.split(',').some((part) => ancestors.includes(part.trim())) ? {} : null),
  };
}

describe('command shortcuts', () => {
  test('Ctrl+Z and Cmd+Z undo', () => {
    const env = environment();
    env.editor.getState().addNodeOfKind('exp', { x: 0, y: 300 });

    expect(commandForKey(key('z', { ctrlKey: true }), env)?.id).toBe('undo');
    expect(commandForKey(key('z', { metaKey: true }), env)?.id).toBe('undo');
  });

  test('Ctrl+Shift+Z and Ctrl+Y redo', () => {
    const env = environment();
    env.editor.getState().addNodeOfKind('exp', { x: 0, y: 300 });
    env.editor.getState().undo();

    // With Shift held, browsers report the key as "Z".
    expect(commandForKey(key('Z', { ctrlKey: true, shiftKey: true }), env)?.id).toBe('redo');
    expect(commandForKey(key('y', { ctrlKey: true }), env)?.id).toBe('redo');
  });

  test('undo without history does nothing', () => {
    expect(commandForKey(key('z', { ctrlKey: true }), environment())).toBeNull();
  });

  test('ignored while typing in a field', () => {
    const env = environment();
    env.editor.getState().setSelection({ nodes: ['x'], edges: [] });
    for (const target of [element('INPUT'), element('TEXTAREA'), element('DIV', [], true), element('SPAN', ['[contenteditable="true"]'])]) {
      expect(commandForKey(key('Backspace', { target }), env)).toBeNull();
      expect(commandForKey(key('a', { ctrlKey: true, target }), env)).toBeNull();
      expect(commandForKey(key('/', { target }), env)).toBeNull();
    }
  });

  test('Ctrl+Z on a slider or checkbox undoes', () => {
    const env = environment();
    env.editor.getState().addNodeOfKind('exp', { x: 0, y: 300 });
    env.editor.getState().setSelection({ nodes: ['x'], edges: [] });
    for (const type of ['range', 'checkbox', 'RADIO']) {
      const target = element('INPUT', [], false, type);
      expect(commandForKey(key('z', { ctrlKey: true, target }), env)?.id).toBe('undo');
      expect(commandForKey(key('z', { metaKey: true, target }), env)?.id).toBe('undo');
      // Keys without Ctrl or Cmd move or toggle the control.
      expect(commandForKey(key('ArrowRight', { target }), env)).toBeNull();
      expect(commandForKey(key(' ', { target }), env)).toBeNull();
      expect(commandForKey(key('Delete', { target }), env)).toBeNull();
    }
    for (const type of ['text', 'number', undefined]) {
      expect(commandForKey(key('z', { ctrlKey: true, target: element('INPUT', [], false, type) }), env)).toBeNull();
    }
  });

  test('Ctrl+Z on a select undoes', () => {
    const env = environment();
    env.editor.getState().addNodeOfKind('exp', { x: 0, y: 300 });
    const target = element('SELECT');
    expect(commandForKey(key('z', { ctrlKey: true, target }), env)?.id).toBe('undo');
    env.editor.getState().undo();
    expect(commandForKey(key('y', { ctrlKey: true, target }), env)?.id).toBe('redo');
    // Arrows, Space, letters and Backspace choose an option or stay with the select.
    for (const plain of ['ArrowRight', ' ', 'f', '/', 'Backspace']) expect(commandForKey(key(plain, { target }), env)).toBeNull();
  });

  test('ignored during IME composition', () => {
    const env = environment();
    env.editor.getState().setSelection({ nodes: ['x'], edges: [] });

    expect(commandForKey(key('Backspace', { isComposing: true }), env)).toBeNull();
    // Some browsers report keyCode 229 instead of isComposing while an IME handles the key.
    expect(commandForKey(key('Process', { keyCode: 229 }), env)).toBeNull();
    expect(commandForKey(key(' ', { keyCode: 229 }), env)).toBeNull();
  });

  test('Delete removes the selection', () => {
    const env = environment();
    env.editor.getState().setSelection({ nodes: ['q'], edges: ['z.out->f.b'] });

    const command = commandForKey(key('Delete'), env)!;
    void command.perform(env);

    expect(env.editor.getState().document.nodes.map((node) => node.id).sort()).toEqual(['f', 'x', 'y', 'z']);
    expect(env.editor.getState().document.edges).toEqual([]);
  });

  test('Delete with nothing selected does nothing', () => {
    expect(commandForKey(key('Delete'), environment())).toBeNull();
  });

  test('Space on a button stays with the button', () => {
    const env = environment();
    expect(commandForKey(key(' '), env)?.id).toBe('playPause');
    expect(commandForKey(key(' ', { target: element('BUTTON', ['button']) }), env)).toBeNull();
  });

  test('arrows on a node stay with React Flow', () => {
    const env = environment();
    expect(commandForKey(key('ArrowLeft'), env)?.id).toBe('stepBack');
    expect(commandForKey(key('ArrowRight', { target: element('DIV', ['.react-flow__node']) }), env)).toBeNull();
  });

  test('held Space does not repeat', () => {
    const env = environment();
    expect(commandForKey({ ...key(' '), repeat: true }, env)).toBeNull();
    expect(commandForKey({ ...key('ArrowRight'), repeat: true }, env)?.id).toBe('stepForward');
  });

  test('Shift+1 fits by physical key', () => {
    const env = environment();
    // A German layout types "!" as Shift+1 too, but a French one types "1"; the code is Digit1 on both.
    expect(commandForKey(key('1', { code: 'Digit1', shiftKey: true }), env)?.id).toBe('fitView');
    expect(commandForKey(key('f'), env)?.id).toBe('fitView');
  });

  test('? opens help, then keys go to it', () => {
    const env = environment();
    const help = commandForKey(key('?', { shiftKey: true }), env)!;
    void help.perform(env);

    expect(env.ui.getState().dialog).toBe('help');
    expect(commandForKey(key('a', { ctrlKey: true }), env)).toBeNull();
  });

  test('/ opens the add-node popup', () => {
    const env = environment();
    void commandForKey(key('/'), env)!.perform(env);
    expect(env.ui.getState().addNode).not.toBeNull();
  });

  test('Ctrl+A selects every node and wire', () => {
    const env = environment();
    void commandForKey(key('a', { ctrlKey: true }), env)!.perform(env);
    expect([...env.editor.getState().selection.nodes].sort()).toEqual(['f', 'q', 'x', 'y', 'z']);
    expect(env.editor.getState().selection.edges).toHaveLength(4);
  });

  test('lock disables every editing command', () => {
    const env = environment();
    env.editor.getState().setSelection({ nodes: ['x'], edges: [] });
    env.editor.getState().setLecture({ ...normalMode, lockEditing: true });

    for (const id of ['delete', 'cut', 'paste', 'duplicate', 'tidyLayout', 'addNode', 'undo', 'redo'] as const) {
      expect(findCommand(id).enabled(env)).toBe(false);
    }
    expect(findCommand('copy').enabled(env)).toBe(true);
    expect(findCommand('playPause').enabled(env)).toBe(true);
  });

  test('every command has a key', () => {
    for (const command of commands) expect(command.keys.length).toBeGreaterThan(0);
  });

  test('keys read as on the keyboard', () => {
    expect(formatKey({ key: 'z', mod: true, shift: true }, false)).toBe('Ctrl+Shift+Z');
    expect(formatKey({ key: 'z', mod: true, shift: true }, true)).toBe('⌘⇧Z');
    expect(formatKey({ key: '!', code: 'Digit1', shift: true }, false)).toBe('Shift+1');
    expect(formatKey({ key: ' ' }, false)).toBe('Space');
    expect(formatKey({ key: '?', shift: 'any' }, false)).toBe('?');
  });
});

describe('tidy layout', () => {
  test('wires point right, one undo step', () => {
    const env = environment();
    const { document } = env.editor.getState();
    void findCommand('tidyLayout').perform(env);

    const tidied = env.editor.getState().document;
    const x = (id: string) => tidied.nodes.find((node) => node.id === id)!.position.x;
    for (const edge of tidied.edges) expect(x(edge.source)).toBeLessThan(x(edge.target));
    expect(env.editor.temporal.getState().pastStates).toHaveLength(1);

    env.editor.getState().undo();
    expect(env.editor.getState().document).toBe(document);
  });

  test('tidied nodes do not overlap', () => {
    const env = environment();
    const size = { width: 200, height: 150 };
    const sizes = new Map(['x', 'y', 'z', 'q', 'f'].map((id) => [id, size]));
    const boxes = tidyEdits(env.editor.getState().document, sizes).map((edit) => (edit as { position: { x: number; y: number } }).position);

    expect(boxes).toHaveLength(5);
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        const apart = Math.abs(a.x - b.x) >= size.width || Math.abs(a.y - b.y) >= size.height;
        expect(apart).toBe(true);
      }
    }
  });
});

describe('tidy layout of member-named ids', () => {
  test('ids like constructor get finite places', () => {
    const node = (id: string, x: number) => ({ id, kind: 'input', params: {}, position: { x, y: 0 } });
    const document = {
      format: 'backprop-studio-graph' as const, version: 1 as const,
      nodes: [node('constructor', 0), node('toString', 100), node('__proto__', 200)],
      edges: [{ id: 'e', source: 'constructor', sourcePort: 'out', target: 'toString', targetPort: 'x' }],
    };
    const sizes = new Map([['__proto__', { width: 300, height: 40 }]]);

    const places = tidyEdits(document, sizes).map((edit) => (edit as { position: { x: number; y: number } }).position);
    expect(places.flatMap((place) => [place.x, place.y]).every(Number.isFinite)).toBe(true);
  });
});

describe('add-node search', () => {
  const names = (query: string, wire?: Parameters<typeof searchKinds>[2]) => searchKinds(query, builtinKinds, wire).map((choice) => choice.kind.kind);

  test('Chinese gloss finds multiply first', () => {
    const found = names('乘');
    expect(found[0]).toBe('multiply');
    expect(found).toContain('matmul');
  });

  test('relu finds ReLU before leaky ReLU', () => {
    expect(names('ReLU').slice(0, 2)).toEqual(['relu', 'leaky-relu']);
  });

  test('empty query lists palette order', () => {
    expect(names('')).toEqual(builtinKinds.map((kind) => kind.kind));
  });

  test('no match gives an empty list', () => {
    expect(names('no such kind')).toEqual([]);
  });

  test('labels wire offers only label inputs', () => {
    const found = searchKinds('', builtinKinds, { handleType: 'source', type: 'labels' });
    expect(found.map((choice) => choice.kind.kind).sort()).toEqual(['softmax-ce', 'svm-loss']);
    expect(found.every((choice) => choice.port === 'labels')).toBe(true);
  });

  test('wire from an input offers sources', () => {
    const found = names('', { handleType: 'target', type: 'tensor' });
    expect(found).toContain('input');
    expect(found).not.toContain('labels');
  });

  test('first compatible port is chosen', () => {
    expect(compatiblePort(registry.get('multiply')!, 'source', 'tensor')).toBe('a');
    expect(compatiblePort(registry.get('batch')!, 'target', 'labels')).toBe('y');
    expect(compatiblePort(registry.get('input')!, 'source', 'tensor')).toBeNull();
  });
});
