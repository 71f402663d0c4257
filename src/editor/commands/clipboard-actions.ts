import { registry } from '../../nodes';
import type { MessageKey } from '../i18n/en';
import { copyNodes, parseClipboard, planPaste, serializeClipboard, type ClipboardEnvelope, type Placement } from './clipboard';
import type { ClipboardAccess, CommandEnvironment } from './types';

/**
 * The system clipboard through the asynchronous Clipboard API, with an
 * in-page copy as fallback: when the browser denies clipboard access, copy
 * and paste still work within the page.
 */
export function systemClipboard(clipboard: Clipboard | undefined): ClipboardAccess {
  let lastCopied: string | null = null;
  return {
    writeText: async (text) => {
      lastCopied = text;
      if (!clipboard) throw new Error('this browser has no Clipboard API');
      await clipboard.writeText(text);
    },
    readText: async () => {
      try {
        if (!clipboard) throw new Error('this browser has no Clipboard API');
        return await clipboard.readText();
      } catch (error) {
        if (lastCopied !== null) return lastCopied;
        throw error;
      }
    },
  };
}

function notify(env: CommandEnvironment, key: MessageKey, reason: string): void {
  env.editor.getState().addNotice({ key, params: { reason } });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Copies the selected nodes and the wires between them to the clipboard. Returns false when nothing was selected. */
export async function copySelection(env: CommandEnvironment): Promise<boolean> {
  const { document, selection } = env.editor.getState();
  if (selection.nodes.length === 0) return false;
  try {
    await env.clipboard.writeText(serializeClipboard(copyNodes(document, selection.nodes)));
  } catch (error) {
    notify(env, 'notice.clipboardWriteFailed', messageOf(error));
  }
  return true;
}

/** Copies the selected nodes, then deletes them in one undo step. */
export async function cutSelection(env: CommandEnvironment): Promise<void> {
  const nodeIds = env.editor.getState().selection.nodes;
  if (!(await copySelection(env))) return;
  env.editor.getState().dispatch({ type: 'removeItems', nodeIds, edgeIds: [] });
}

/** Adds copied nodes in one undo step and selects them. */
export function insertNodes(env: CommandEnvironment, envelope: ClipboardEnvelope, placement: Placement): void {
  const store = env.editor.getState();
  const plan = planPaste(store.document, envelope, placement);
  if (plan.nodeIds.length === 0) return;
  store.dispatch(...plan.edits);
  env.editor.getState().setSelection({ nodes: plan.nodeIds, edges: plan.edgeIds });
}

/** Reads the clipboard and pastes its nodes; text that is not valid copied nodes only shows a notice. */
export async function pasteFromClipboard(env: CommandEnvironment, placement: Placement): Promise<void> {
  let text: string;
  try {
    text = await env.clipboard.readText();
  } catch (error) {
    notify(env, 'notice.pasteFailed', messageOf(error));
    return;
  }
  const parsed = parseClipboard(text, registry);
  if (!parsed.ok) {
    env.editor.getState().addNotice({ key: 'notice.pasteFailed', params: { reason: parsed.message } });
    return;
  }
  insertNodes(env, parsed.envelope, placement);
}

/** Copies the selected nodes onto the canvas beside themselves, without touching the clipboard. */
export function duplicateSelection(env: CommandEnvironment): void {
  const { document, selection } = env.editor.getState();
  if (selection.nodes.length === 0) return;
  insertNodes(env, copyNodes(document, selection.nodes), {});
}
