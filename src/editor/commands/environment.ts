import { editorStore } from '../store/use-editor';
import { systemClipboard } from './clipboard-actions';
import type { CanvasView, CommandEnvironment } from './types';
import { uiStore } from './ui-store';

let canvasView: CanvasView | null = null;

/** Registers the mounted canvas for commands such as fit view; null when it unmounts. */
export function setCanvasView(view: CanvasView | null): void {
  canvasView = view;
}

/** The app's command environment: its stores, the browser clipboard and the mounted canvas. */
export const appEnvironment: CommandEnvironment = {
  editor: editorStore,
  ui: uiStore,
  clipboard: systemClipboard(typeof navigator === 'undefined' ? undefined : navigator.clipboard),
  view: () => canvasView,
};
