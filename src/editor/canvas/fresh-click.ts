import { select } from 'd3-selection';
import { useEffect } from 'react';

/** The name under which d3-drag and d3-zoom register the window listener that swallows a gesture's own click. */
const CLICK_SUPPRESSOR = 'click.drag';

/**
 * Lets the first click after a pan or a node drag through. At the end of a pan or
 * drag that moved, d3 (which React Flow pans and drags with) adds a window listener
 * that swallows the gesture's own click, and a zero-delay timer removes it.
 * Chromium can run input before a pending timer. So while the page was busy after
 * a pan, for instance mounting the nodes that came into view, the next real click
 * was swallowed too. In a test, that happened to 2 of 8 clicks on nodes right after
 * pans of the 1,016-node graph.
 * A new press cannot belong to the gesture that ended, so it removes the listener.
 */
export function useFreshClicks(): void {
  useEffect(() => {
    // Removing a listener that d3 has not added does nothing.
    const onPointerDown = () => select(window).on(CLICK_SUPPRESSOR, null);
    window.addEventListener('pointerdown', onPointerDown, true);
    return () => window.removeEventListener('pointerdown', onPointerDown, true);
  }, []);
}
