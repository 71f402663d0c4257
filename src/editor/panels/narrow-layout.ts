import { useStore } from 'zustand';
import { useSyncExternalStore } from 'react';
import { createStore } from 'zustand/vanilla';

/**
 * Windows at most this wide use the narrow layout: the palette, the inspector and
 * the training panel shrink to strips at the window's edges and open over the
 * canvas one at a time. Wider windows keep the side-by-side columns.
 */
export const NARROW_LAYOUT_QUERY = '(max-width: 1024px)';

/**
 * The same for a graph with a training panel, whose three columns take 930 px
 * beside the canvas: at 1,280 px and wider the canvas keeps at least 350 px.
 */
export const NARROW_TRAINING_LAYOUT_QUERY = '(max-width: 1279px)';

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

/** Subscribes to a media query's changes; one function per query, so useSyncExternalStore keeps its subscription. */
function subscribeTo(media: string): (onChange: () => void) => () => void {
  return (onChange) => {
    const query = window.matchMedia(media);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  };
}

const subscribeToWidth = subscribeTo(NARROW_LAYOUT_QUERY);
const subscribeToTrainingWidth = subscribeTo(NARROW_TRAINING_LAYOUT_QUERY);

/**
 * Tells whether the window is narrow enough for the narrow layout, for a graph
 * with a training panel when `withTraining` is set, and re-renders when that changes.
 */
export function useNarrowLayout(withTraining: boolean): boolean {
  const media = withTraining ? NARROW_TRAINING_LAYOUT_QUERY : NARROW_LAYOUT_QUERY;
  const subscribe = withTraining ? subscribeToTrainingWidth : subscribeToWidth;
  return useSyncExternalStore(subscribe, () => window.matchMedia(media).matches, () => false);
}
