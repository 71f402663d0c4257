import type { Viewport } from '@xyflow/react';
import { useEffect, useMemo } from 'react';
import type { GraphDocument } from '../../engine/document';
import { AUTOSAVE_DELAY_MS, writeViewport, type KeyValueStorage, type SavedViewport } from '../store/persistence';

/** The viewport to show for one loaded document instead of fitting the graph into view. */
let restored: { viewport: SavedViewport; loadCount: number } | null = null;

/**
 * Makes the canvas show `viewport` for the document with load count
 * `loadCount`, instead of fitting that graph into view. Call it before the
 * canvas first renders; null makes every document fit.
 */
export function restoreViewport(viewport: SavedViewport | null, loadCount: number): void {
  restored = viewport === null ? null : { viewport, loadCount };
}

export interface SavedViewportHandlers {
  /** The restored viewport for React Flow's defaultViewport, or undefined for its default. */
  defaultViewport: Viewport | undefined;
  /** Returns the viewport the document of this load count shows instead of being fitted, or null to fit it. */
  restoredViewport(loadCount: number): Viewport | null;
  /** Saves the viewport AUTOSAVE_DELAY_MS after the last pan or zoom ends, and at once when the page is hidden. */
  onMoveEnd(event: unknown, viewport: Viewport): void;
}

/**
 * Returns the canvas handlers that restore the saved viewport on start and
 * save every later one to `storage`, tied to the graph `currentDocument` returns.
 */
export function useSavedViewport(storage: KeyValueStorage, currentDocument: () => GraphDocument): SavedViewportHandlers {
  const handlers = useMemo(() => {
    let pending: Viewport | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      if (pending) writeViewport(storage, pending, currentDocument());
      pending = null;
    };
    return {
      defaultViewport: restored?.viewport,
      restoredViewport: (loadCount: number) => (restored?.loadCount === loadCount ? restored.viewport : null),
      onMoveEnd: (_event: unknown, viewport: Viewport) => {
        pending = viewport;
        if (timer !== null) clearTimeout(timer);
        timer = setTimeout(flush, AUTOSAVE_DELAY_MS);
      },
      flush,
    };
  }, [storage, currentDocument]);

  // A reload right after a zoom still finds the new viewport saved.
  useEffect(() => {
    window.addEventListener('pagehide', handlers.flush);
    return () => {
      window.removeEventListener('pagehide', handlers.flush);
      handlers.flush();
    };
  }, [handlers]);
  return handlers;
}
