import { select } from 'd3-selection';
import { useEffect } from 'react';

/** The name under which d3-drag and d3-zoom register the window listener that swallows a gesture's own click. */
const CLICK_SUPPRESSOR = 'click.drag';

/**
 * Lets the first click after a pan or a node drag through. When a pan or drag
 * that moved ends, d3 (which React Flow pans and drags with) adds a window
 * listener that swallows the click that ends the same gesture, and removes it
 * with a zero-delay timer. Chromium can run input before a pending timer. So
 * while the page was busy after a pan, for instance mounting the nodes that came
 * into view, the next real click on a node was swallowed as well. In a test on
 * the 1,016-node graph that happened to 2 clicks in 8. A new press cannot belong
 * to the gesture that ended, so it removes the listener.
 */
export function useFreshClicks(): void {
  useEffect(() => {
    // Removing a listener that d3 has not added does nothing.
    const onPointerDown = () => select(window).on(CLICK_SUPPRESSOR, null);
    window.addEventListener('pointerdown', onPointerDown, true);
    return () => window.removeEventListener('pointerdown', onPointerDown, true);
  }, []);
}
