import type { GraphDocument } from '../../engine/document';
import type { DecodeLinkResult, LectureOptions, LinkView } from '../../engine/link';
import { decodeLink, fragmentOf, LINK_PREFIX } from '../../engine/link';
import { registry } from '../../nodes';
import { findPreset } from '../../presets';
import { viewSettingsStore } from '../projector/view-settings';
import { restoreViewport } from '../canvas/saved-viewport';
import { matchesAutosave, readViewport, type KeyValueStorage, type SavedViewport } from '../store/persistence';
import type { EditorStoreApi, LectureMode } from '../store/store';
import { linkProblems } from './link-problems';
import { cleanLinkText } from '../../engine/link-text';

/** Tells whether a URL hash contains a share link (`#graph=…`), with or without whitespace around it, rather than a preset or nothing. */
export function isLinkHash(hash: string): boolean {
  return fragmentOf(cleanLinkText(hash)).startsWith(LINK_PREFIX);
}

export function lectureModeOf(options: LectureOptions | undefined): LectureMode {
  return {
    hidePalette: options?.hidePalette === true,
    hideInspector: options?.hideInspector === true,
    hideSidePanels: options?.hidePanels === true,
    lockEditing: options?.lockEditing === true,
  };
}

/**
 * Runs `apply` once the store has a trace, now or after the backend starts,
 * because timeline positions count the trace's steps.
 */
function whenComputed(store: EditorStoreApi, apply: () => void): void {
  if (store.getState().trace) {
    apply();
    return;
  }
  const unsubscribe = store.subscribe((state) => {
    if (!state.trace) return;
    unsubscribe();
    apply();
  });
}

/** Moves the timeline to the link's position: autoplay from its start step, or its saved cursor. */
function applyTimeline(store: EditorStoreApi, view: LinkView | undefined, lecture: LectureOptions | undefined): void {
  if (lecture?.autoplay) {
    whenComputed(store, () => {
      store.getState().seek(lecture.startStep ?? 0);
      store.getState().play();
    });
  } else if (view?.cursor !== undefined) {
    const cursor = view.cursor;
    whenComputed(store, () => store.getState().seek(cursor));
  }
}

/** Returns the saved viewport when `document` is the autosave, because showing it again is a reload before any edit. */
function reloadViewport(document: GraphDocument, storage: KeyValueStorage | undefined): SavedViewport | null {
  return storage && matchesAutosave(storage, document) ? readViewport(storage, document) : null;
}

/** Returns the saved viewport when the link in `hash` carries the autosaved graph, else null. */
export function linkReloadViewport(hash: string, storage: KeyValueStorage): SavedViewport | null {
  const result = decodeLink(cleanLinkText(hash), registry);
  return result.ok ? reloadViewport(result.document, storage) : null;
}

/**
 * Opens a share link: loads its graph, timeline position and lecture mode.
 * Whitespace around the link is ignored and its fragment percent-decoded (see
 * cleanLinkText). A link that fails to decode leaves the current graph and
 * lists why in the load-error panel. Returns the decode result. With `storage`, a graph equal
 * to the autosave shows the saved viewport, because that is a reload of the
 * link before any edit.
 */
export function openLink(store: EditorStoreApi, link: string, storage?: KeyValueStorage): DecodeLinkResult {
  const text = cleanLinkText(link);
  const result = decodeLink(text, registry);
  const state = store.getState();
  if (!result.ok) {
    state.setLoadError({ fileName: { key: 'share.linkName' }, messages: result.errors, problems: linkProblems(text, result) });
    return result;
  }
  const viewport = reloadViewport(result.document, storage);
  // A preset id this build does not know opens the graph without a lecture view.
  const presetId = result.view?.preset && findPreset(result.view.preset) ? result.view.preset : null;
  state.loadDocument(result.document, presetId);
  if (viewport) restoreViewport(viewport, store.getState().loadCount);
  state.setLecture(lectureModeOf(result.lecture));
  if (result.lecture?.projector) viewSettingsStore.setState({ projector: true });
  applyTimeline(store, result.view, result.lecture);
  return result;
}
