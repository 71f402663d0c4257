import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

/**
 * The load count whose view the canvas has placed, by fitting the graph or
 * restoring the saved view, or null before the first. Projector mode waits
 * for it, because a fit after a load would replace the view it chose.
 */
const placedLoadStore = createStore<{ loadCount: number | null }>()(() => ({ loadCount: null }));

/** Returns the load count whose view the canvas has placed, and re-renders when it changes. */
export function usePlacedLoad(): number | null {
  return useStore(placedLoadStore, (state) => state.loadCount);
}

/** Records that the canvas has placed the view of load `loadCount`. */
export function setPlacedLoad(loadCount: number): void {
  placedLoadStore.setState({ loadCount });
}
