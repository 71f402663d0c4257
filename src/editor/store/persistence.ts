import type { StoreApi } from 'zustand/vanilla';
import type { BackendName } from '../../engine/backend';
import { serializeDocument, type GraphDocument } from '../../engine/document';
import { loadDocumentText } from '../../engine/load';
import { registry } from '../../nodes';
import { withJsonErrorPlace } from '../i18n/json-error-text';
import { loadFailureMessage } from '../i18n/load-problem-text';
import { detectLanguage, isLanguage, type Language, type Message } from '../i18n/translate';
import { speeds, type EditorStore } from './store';

/** The subset of the Web Storage API the editor uses, so tests can pass a Map-backed fake. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

export const storageKeys = {
  document: 'backprop-studio.document',
  presetId: 'backprop-studio.preset',
  language: 'backprop-studio.language',
  backend: 'backprop-studio.backend',
  /** The canvas pan and zoom of the autosaved document, as JSON {x, y, zoom, graph}. */
  viewport: 'backprop-studio.viewport',
  /** Whether the preset explanation is open: "open" or "closed". */
  explanation: 'backprop-studio.explanation',
  /** Timeline playback speed, one of the store's speeds. */
  speed: 'backprop-studio.speed',
  /** A corrupt autosave, kept here so the next autosave does not overwrite what the user made. */
  corruptDocument: 'backprop-studio.document.corrupt',
} as const;

/** Delay between the last document change and the autosave, in milliseconds. */
export const AUTOSAVE_DELAY_MS = 300;

export type AutosaveResult =
  | { status: 'none' }
  | { status: 'ok'; document: GraphDocument; presetId: string | null }
  /** `reason` is the English text, `message` the same text to translate where it is shown. */
  | { status: 'corrupt'; reason: string; message: Message };

/** Reads the autosaved document. A corrupt one yields status 'corrupt' with the reasons instead of an exception. */
export function readAutosave(storage: KeyValueStorage): AutosaveResult {
  const text = safeGet(storage, storageKeys.document);
  if (text === null) return { status: 'none' };
  const result = loadDocumentText(text, registry);
  if (!result.ok) {
    setAside(storage, text);
    return { status: 'corrupt', reason: result.errors.join(' '), message: loadFailureMessage(result.errors, withJsonErrorPlace(result.problems, text)) };
  }
  return { status: 'ok', document: result.document, presetId: safeGet(storage, storageKeys.presetId) };
}

/** Tells whether the autosave contains exactly `document`. */
export function matchesAutosave(storage: KeyValueStorage, document: GraphDocument): boolean {
  return safeGet(storage, storageKeys.document) === serializeDocument(document);
}

function setAside(storage: KeyValueStorage, text: string): void {
  try {
    storage.setItem(storageKeys.corruptDocument, text);
  } catch {
    // NOTE: a full quota loses the set-aside copy; the notice still names the problem.
  }
}

/**
 * Saves the document AUTOSAVE_DELAY_MS after its last change, and once after
 * the start, so the autosave always matches the saved viewport, even for an
 * unedited preset. Returns a function that stops saving. `onError`
 * receives the message of a failed write, such as a full quota.
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
  timer = setTimeout(save, AUTOSAVE_DELAY_MS);
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

/** Pan (x, y in screen pixels) and zoom of the canvas, as React Flow's viewport. */
export interface SavedViewport {
  x: number;
  y: number;
  zoom: number;
}

/** Zoom range a saved viewport may have. It is wider than the canvas's own limits, which clamp it again. */
const SAVED_ZOOM_RANGE = { min: 0.01, max: 100 };

/**
 * Returns a short fingerprint of a document's node ids. A saved viewport
 * carries the fingerprint of the graph it was saved for, so another tab that
 * autosaved a different graph does not move this one out of view.
 */
export function graphFingerprint(document: GraphDocument): string {
  // FNV-1a over the ids; a collision only shows a viewport instead of fitting the graph.
  let hash = 0x811c9dc5;
  for (const node of document.nodes) {
    for (let index = 0; index < node.id.length; index += 1) {
      hash ^= node.id.charCodeAt(index);
      hash = Math.imul(hash, 0x01000193);
    }
    hash ^= 0x2c;
    hash = Math.imul(hash, 0x01000193);
  }
  return `${document.nodes.length}:${(hash >>> 0).toString(16)}`;
}

/**
 * Reads the canvas viewport saved for `document`. A missing or malformed one,
 * or one saved for another graph, yields null, so the canvas fits the graph instead.
 */
export function readViewport(storage: KeyValueStorage, document: GraphDocument): SavedViewport | null {
  const text = safeGet(storage, storageKeys.viewport);
  if (text === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { x, y, zoom, graph } = value as Record<string, unknown>;
  const finite = (number: unknown): number is number => typeof number === 'number' && Number.isFinite(number);
  if (!finite(x) || !finite(y) || !finite(zoom) || zoom < SAVED_ZOOM_RANGE.min || zoom > SAVED_ZOOM_RANGE.max) return null;
  if (graph !== graphFingerprint(document)) return null;
  return { x, y, zoom };
}

/** Saves the canvas viewport of `document`. */
export function writeViewport(storage: KeyValueStorage, viewport: SavedViewport, document: GraphDocument): void {
  const record = { x: viewport.x, y: viewport.y, zoom: viewport.zoom, graph: graphFingerprint(document) };
  writeSetting(storage, storageKeys.viewport, JSON.stringify(record));
}

/** Editor settings kept across reloads beside the document: the language, the explanation panel and the playback speed. */
export interface EditorSettings {
  explanationOpen: boolean | null;
  speed: number | null;
}

/** Reads the saved editor settings. Each missing or unknown value is null, which keeps the store's default. */
export function readEditorSettings(storage: KeyValueStorage): EditorSettings {
  const explanation = safeGet(storage, storageKeys.explanation);
  const speed = Number(safeGet(storage, storageKeys.speed));
  const explanationStates: Record<string, boolean> = { open: true, closed: false };
  return {
    explanationOpen: explanation !== null && Object.hasOwn(explanationStates, explanation) ? explanationStates[explanation] : null,
    speed: (speeds as readonly number[]).includes(speed) ? speed : null,
  };
}

/**
 * Loads the saved language, explanation panel state and playback speed into
 * the store, then saves each later change. `preferred` lists the browser's
 * languages, used when none was saved. Returns a function that stops saving.
 */
export function startEditorSettings(store: StoreApi<EditorStore>, storage: KeyValueStorage, preferred: readonly string[]): () => void {
  const saved = readEditorSettings(storage);
  const state = store.getState();
  state.setLanguage(readLanguage(storage, preferred));
  if (saved.explanationOpen !== null) state.setExplanationOpen(saved.explanationOpen);
  if (saved.speed !== null) state.setSpeed(saved.speed);

  return store.subscribe((next, previous) => {
    if (next.language !== previous.language) writeSetting(storage, storageKeys.language, next.language);
    if (next.explanationOpen !== previous.explanationOpen) writeSetting(storage, storageKeys.explanation, next.explanationOpen ? 'open' : 'closed');
    if (next.speed !== previous.speed) writeSetting(storage, storageKeys.speed, String(next.speed));
  });
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
