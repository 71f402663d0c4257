import type { GraphDocument } from '../../engine/document';
import type { GraphEdit } from '../store/edits';
import type { EditorStore } from '../store/store';

/** The part of the editor state that undo and redo restore. */
export interface HistoryEntry {
  document: GraphDocument;
  /** The preset the document was loaded from, so undoing a preset load also restores the preset menu and explanation. */
  presetId: string | null;
  /** Id of the load that brought in the document, so views can see that undo or redo crossed a load. */
  loadId: number;
}

/** Undo steps kept; older steps are dropped first. */
export const HISTORY_LIMIT = 200;

/**
 * zundo options that record one undo step per document change. Only the
 * document, its preset id and its load id are tracked, and only a document
 * change is a step, so selection, timeline and evaluation changes never become steps.
 */
export const historyOptions = {
  partialize: (state: EditorStore): HistoryEntry => ({ document: state.document, presetId: state.presetId, loadId: state.loadId }),
  equality: (past: HistoryEntry, current: HistoryEntry) => past.document === current.document,
  limit: HISTORY_LIMIT,
};

/**
 * Returns the key of a field edit: one setParam, which a field dispatches on
 * every valid keystroke. Consecutive edits with the same key form one undo
 * step. Sliders group their edits with the store's dispatchInGroup instead.
 */
export function editGroupKey(edits: readonly GraphEdit[]): string | null {
  const [edit] = edits;
  if (edits.length !== 1) return null;
  if (edit.type === 'setParam') return JSON.stringify([edit.nodeId, edit.name]);
  return null;
}
