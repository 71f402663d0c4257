import { useStore } from 'zustand';
import { useSyncExternalStore } from 'react';
import { createStore } from 'zustand/vanilla';

/**
 * Windows at most this wide use the narrow layout: the palette, the inspector and
 * the training panel shrink to strips at the window's edges and open over the
 * canvas one at a time. Wider windows keep the side-by-side columns.
 */
export const NARROW_LAYOUT_QUERY = '(max-width: 1024px)';

/** A side panel that the narrow layout draws over the canvas. */
export type Drawer = 'palette' | 'inspector' | 'training';

interface DrawerState {
  /** The side panel open over the canvas in the narrow layout, or null when the canvas is uncovered. */
  open: Drawer | null;
}

/** The open side panel of the narrow layout: view state, never saved and never undone. */
export const drawerStore = createStore<DrawerState>()(() => ({ open: null }));

export function useOpenDrawer(): Drawer | null {
  return useStore(drawerStore, (state) => state.open);
}

/** Opens `drawer` over the canvas, closing any other, or closes it when it is already open. */
export function toggleDrawer(drawer: Drawer): void {
  const open = drawerStore.getState().open === drawer ? null : drawer;
  drawerStore.setState({ open });
}

function subscribeToWidth(onChange: () => void): () => void {
  const query = window.matchMedia(NARROW_LAYOUT_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** Tells whether the window is narrow enough for the narrow layout, and re-renders when that changes. */
export function useNarrowLayout(): boolean {
  return useSyncExternalStore(subscribeToWidth, () => window.matchMedia(NARROW_LAYOUT_QUERY).matches, () => false);
}
