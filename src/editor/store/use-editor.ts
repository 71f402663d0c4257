import { useStore } from 'zustand';
import { createEditorStore, type EditorStore } from './store';

/** The app's one editor store; main.tsx fills it before the first render. */
export const editorStore = createEditorStore();

/** Subscribes a component to one slice of the editor store; it re-renders only when that slice changes. */
export function useEditor<T>(selector: (state: EditorStore) => T): T {
  return useStore(editorStore, selector);
}
