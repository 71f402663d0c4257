import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Point } from '../store/edits';

/** The port a wire was dragged from before it was dropped on empty canvas. */
export interface WireStart {
  nodeId: string;
  port: string;
  /** 'source' for a wire pulled out of an output port, 'target' for one pulled out of an input port. */
  handleType: 'source' | 'target';
}

/** An open add-node popup: where it shows on screen and where the new node goes on the canvas. */
export interface AddNodeRequest {
  screen: Point;
  flow: Point;
  /** Set when a dropped wire opened the popup; the list then shows only kinds that can take the wire. */
  wire?: WireStart;
}

export type MenuTarget = { type: 'node'; id: string } | { type: 'edge'; id: string } | { type: 'pane' };

export interface ContextMenuRequest {
  screen: Point;
  flow: Point;
  target: MenuTarget;
}

export type DialogName = 'help' | 'share';

/** Overlays of the editor: popups, menus and dialogs. Kept apart from the document store, so undo never touches them. */
export interface UiState {
  addNode: AddNodeRequest | null;
  contextMenu: ContextMenuRequest | null;
  dialog: DialogName | null;
}

export const closedUi: UiState = { addNode: null, contextMenu: null, dialog: null };

export function createUiStore(): StoreApi<UiState> {
  return createStore<UiState>()(() => closedUi);
}

/** The app's one overlay store. */
export const uiStore = createUiStore();

export function useUi<T>(selector: (state: UiState) => T): T {
  return useStore(uiStore, selector);
}
