import type { ClipboardAccess, CommandEnvironment } from '../../src/editor/commands/types';
import { createUiStore } from '../../src/editor/commands/ui-store';
import { translateMessage } from '../../src/editor/i18n/translate';
import { createEditorStore } from '../../src/editor/store/store';
import type { KeyValueStorage } from '../../src/editor/store/persistence';
import type { GraphDocument } from '../../src/engine/document';

const backend = { name: 'wasm' as const, reason: 'test', reasonCode: 'node' as const };

/** Creates a clipboard that several environments can share, as two browser tabs share the system clipboard. */
export function fakeClipboard(initial = ''): ClipboardAccess & { text: string } {
  const clipboard = {
    text: initial,
    writeText: async (text: string) => void (clipboard.text = text),
    readText: async () => clipboard.text,
  };
  return clipboard;
}

/**
 * Creates the editor as the commands see it, without a DOM: a store with a
 * ready backend that has loaded `graph` (a preset id or a document).
 */
export function commandEnvironment(clipboard: ClipboardAccess = fakeClipboard(), graph: string | GraphDocument = 'add-mul'): CommandEnvironment {
  const editor = createEditorStore();
  editor.getState().setBackendReady(backend, null);
  if (typeof graph === 'string') editor.getState().loadPreset(graph);
  else editor.getState().loadDocument(graph, null);
  return { editor, ui: createUiStore(), clipboard, view: () => null };
}

/** Returns the ids of the document's nodes, sorted. */
export function nodeIds(env: CommandEnvironment): string[] {
  return env.editor.getState().document.nodes.map((node) => node.id).sort();
}

/** Returns the first element of a node's first output in the latest trace. */
export function firstOutput(env: CommandEnvironment, nodeId: string): number | undefined {
  return env.editor.getState().trace?.nodes[nodeId]?.outputs[0].data[0];
}

/** Returns the `reason` parameter of every notice, in order. */
/** Returns the English reason of each notice, translating a reason that is a message. */
export function noticeReasons(env: CommandEnvironment): string[] {
  return env.editor.getState().notices.map((notice) => {
    const reason = notice.params?.reason ?? '';
    return typeof reason === 'object' && 'key' in reason ? translateMessage('en', reason) : String(reason);
  });
}

/** Creates a Map-backed stand-in for localStorage holding `entries`. */
export function memoryStorage(entries: Record<string, string> = {}): KeyValueStorage {
  const map = new Map(Object.entries(entries));
  return { getItem: (key) => map.get(key) ?? null, setItem: (key, value) => void map.set(key, value) };
}
