import type { StoreApi } from 'zustand/vanilla';
import type { BackendName } from '../../engine/backend';
import { serializeDocument, type GraphDocument } from '../../engine/document';
import { loadDocumentText } from '../../engine/load';
import { registry } from '../../nodes';
import { detectLanguage, isLanguage, type Language } from '../i18n/translate';
import type { EditorStore } from './store';

/** The subset of the Web Storage API the editor uses, so tests can pass a Map-backed fake. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

export const storageKeys = {
  document: 'backprop-studio.document',
  presetId: 'backprop-studio.preset',
  language: 'backprop-studio.language',
  backend: 'backprop-studio.backend',
  /** A corrupt autosave, kept here so the next autosave does not overwrite what the user made. */
  corruptDocument: 'backprop-studio.document.corrupt',
} as const;

/** Delay between the last document change and the autosave, in milliseconds. */
export const AUTOSAVE_DELAY_MS = 300;

export type AutosaveResult =
  | { status: 'none' }
  | { status: 'ok'; document: GraphDocument; presetId: string | null }
  | { status: 'corrupt'; reason: string };

/** Reads the autosaved document. A corrupt one yields status 'corrupt' with the reasons instead of an exception. */
export function readAutosave(storage: KeyValueStorage): AutosaveResult {
  const text = safeGet(storage, storageKeys.document);
  if (text === null) return { status: 'none' };
  const result = loadDocumentText(text, registry);
  if (!result.ok) {
    setAside(storage, text);
    return { status: 'corrupt', reason: result.errors.join(' ') };
  }
  return { status: 'ok', document: result.document, presetId: safeGet(storage, storageKeys.presetId) };
}

function setAside(storage: KeyValueStorage, text: string): void {
  try {
    storage.setItem(storageKeys.corruptDocument, text);
  } catch {
    // NOTE: a full quota loses the set-aside copy; the notice still names the problem.
  }
}

/**
 * Saves the document AUTOSAVE_DELAY_MS after its last change. Returns a function
 * that stops saving. `onError` receives the message of a failed write, such as a full quota.
 */
export function startAutosave(store: StoreApi<EditorStore>, storage: KeyValueStorage, onError: (message: string) => void): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let reported = false;
  const save = () => {
    timer = null;
    const { document, presetId } = store.getState();
    try {
      storage.setItem(storageKeys.document, serializeDocument(document));
      storage.setItem(storageKeys.presetId, presetId ?? '');
    } catch (error) {
      if (!reported) onError(error instanceof Error ? error.message : String(error));
      reported = true;
    }
  };
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.document === previous.document && state.presetId === previous.presetId) return;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(save, AUTOSAVE_DELAY_MS);
  });
  return () => {
    unsubscribe();
    if (timer !== null) clearTimeout(timer);
  };
}

/** Returns the stored language, else the first match in the browser's preferred languages. */
export function readLanguage(storage: KeyValueStorage, preferred: readonly string[]): Language {
  const stored = safeGet(storage, storageKeys.language);
  return isLanguage(stored) ? stored : detectLanguage(preferred);
}

export function readBackendPreference(storage: KeyValueStorage): BackendName | null {
  const stored = safeGet(storage, storageKeys.backend);
  return stored === 'webgl' || stored === 'wasm' || stored === 'cpu' ? stored : null;
}

/** Writes a setting; a failed write (storage disabled or full) only loses the setting. */
export function writeSetting(storage: KeyValueStorage, key: string, value: string): void {
  try {
    storage.setItem(key, value);
  } catch {
    // The setting then lasts for this page only.
  }
}

function safeGet(storage: KeyValueStorage, key: string): string | null {
  try {
    return storage.getItem(key);
  } catch {
    return null;
  }
}
