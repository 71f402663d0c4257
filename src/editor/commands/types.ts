import type { StoreApi } from 'zustand/vanilla';
import type { MessageKey } from '../i18n/en';
import type { Point } from '../store/edits';
import type { EditorStoreApi } from '../store/store';
import type { KeySpec } from './keys';
import type { Size } from './tidy-layout';
import type { UiState } from './ui-store';

/** What commands need from the React Flow canvas; null until the canvas is mounted. */
export interface CanvasView {
  /** Fits every node into view once the canvas has drawn the current document. */
  fitView(): void;
  /** The canvas position shown at the centre of the visible canvas. */
  visibleCentre(): Point;
  /** The screen (client) position of a canvas position. */
  toScreen(point: Point): Point;
  /** Sizes of the nodes as drawn, by node id. A map, because an id may be any text, such as "constructor". */
  nodeSizes(): ReadonlyMap<string, Size>;
}

/** The subset of the Clipboard API the commands use, so tests can pass a fake. */
export interface ClipboardAccess {
  writeText(text: string): Promise<void>;
  readText(): Promise<string>;
}

export interface CommandEnvironment {
  editor: EditorStoreApi;
  ui: StoreApi<UiState>;
  clipboard: ClipboardAccess;
  view(): CanvasView | null;
}

/** Where a command was invoked from: a context menu passes the pointer's canvas and screen positions. */
export interface CommandContext {
  at?: Point;
  screen?: Point;
}

export type CommandId =
  | 'undo' | 'redo' | 'delete' | 'copy' | 'cut' | 'paste' | 'duplicate' | 'selectAll'
  | 'fitView' | 'tidyLayout' | 'addNode' | 'help' | 'playPause' | 'stepForward' | 'stepBack';

/** One user action, registered once and read by the shortcuts, the context menus and the help dialog. */
export interface Command {
  id: CommandId;
  label: MessageKey;
  /** Key combinations that run the command; the first is the one menus show. */
  keys: readonly KeySpec[];
  /** Selector of elements that use the command's keys themselves, such as buttons for Space. */
  ownKeysSelector?: string;
  /** True when holding the key down repeats the command, as for undo and stepping. */
  repeats?: boolean;
  enabled(env: CommandEnvironment): boolean;
  perform(env: CommandEnvironment, context?: CommandContext): void | Promise<void>;
}
