import { presets } from '../presets';
import { presetIdFromHash } from './store/initial-document';
import { editorStore } from './store/use-editor';

/** Puts `#preset=<id>` in the URL without adding a history entry or firing hashchange. */
export function setPresetHash(id: string): void {
  history.replaceState(history.state, '', `#preset=${encodeURIComponent(id)}`);
}

/**
 * Loads the preset named by a `#preset=<id>` hash change, and removes the hash
 * once the user edits the graph, so a reload restores the edited autosave
 * instead of the preset. Returns a function that stops both.
 */
export function syncPresetHash(): () => void {
  const onHashChange = () => {
    const id = presetIdFromHash(location.hash);
    if (id === null) return;
    const store = editorStore.getState();
    if (!store.loadPreset(id)) store.addNotice({ key: 'notice.unknownPreset', params: { id, ids: presets.map((preset) => preset.id).join(', ') } });
  };
  window.addEventListener('hashchange', onHashChange);

  const unsubscribe = editorStore.subscribe((state, previous) => {
    if (state.edited && !previous.edited && presetIdFromHash(location.hash) !== null) {
      history.replaceState(history.state, '', location.pathname + location.search);
    }
  });
  return () => {
    window.removeEventListener('hashchange', onHashChange);
    unsubscribe();
  };
}
