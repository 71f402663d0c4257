import '@xyflow/react/dist/style.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startBackend } from './backend/setup';
import { restoreViewport } from './canvas/saved-viewport';
import { ErrorBoundary } from './panels/ErrorBoundary';
import { startViewSettings } from './projector/view-settings';
import { chooseInitialDocument } from './store/initial-document';
import { readBackendPreference, startAutosave, startEditorSettings } from './store/persistence';
import { editorStore } from './store/use-editor';
import { syncPresetHash } from './url';

/** Fills the store from the URL and localStorage, renders the app, then starts tfjs and runs the graph. */
function start(): void {
  const store = editorStore.getState();
  startEditorSettings(editorStore, localStorage, navigator.languages ?? [navigator.language]);
  const initial = chooseInitialDocument(location.hash, localStorage);
  store.loadDocument(initial.document, initial.presetId);
  restoreViewport(initial.viewport, editorStore.getState().loadCount);
  initial.notices.forEach(store.addNotice);

  startAutosave(editorStore, localStorage, (message) => editorStore.getState().addNotice({ key: 'notice.storageFailed', params: { message } }));
  syncPresetHash();
  startViewSettings(localStorage, document.documentElement);

  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <ErrorBoundary name="app">
        <App />
      </ErrorBoundary>
    </StrictMode>,
  );
  void startBackend(readBackendPreference(localStorage));
}

start();
