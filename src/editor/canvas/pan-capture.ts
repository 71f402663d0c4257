import { useStore } from '@xyflow/react';
import { useEffect } from 'react';

/**
 * Captures the mouse pointer when the primary button goes down on the empty
 * pane, so a pan's pointer moves go to the pane without a hit test. Without
 * the capture, Chromium hit-tests the graph under the pointer on every move,
 * and each node, wire and wire label in view is a paint layer to test. With
 * about 25 nodes and 160 wires at zoom 1 that took 1.5-2 ms of the main thread
 * per pan frame, and 0.4 ms with the capture (Chromium traces of the kind
 * bench/canvas-profile.ts takes, 2 cores, no GPU). React Flow's pan listens on
 * the window, which still receives the captured moves. The capture ends when
 * the button is released.
 *
 * While the capture lasts the pane carries `data-panning`, which the styles
 * use to move the graph as one composited layer. React Flow's own `dragging`
 * class is not enough, because a pan that starts within 150 ms of a wheel zoom
 * loses it when the zoom's gesture ends. The rest of that pan then repaints the
 * graph on every frame: 30 fps instead of 57 at zoom 1 with 1,016 nodes here.
 */
export function usePanPointerCapture(): void {
  const domNode = useStore((state) => state.domNode);
  useEffect(() => {
    if (!domNode) return;
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target;
      if (event.pointerType !== 'mouse' || event.button !== 0) return;
      if (!(target instanceof Element) || !target.classList.contains('react-flow__pane')) return;
      target.setPointerCapture(event.pointerId);
      target.setAttribute('data-panning', '');
      target.addEventListener('lostpointercapture', () => target.removeAttribute('data-panning'), { once: true });
    };
    domNode.addEventListener('pointerdown', onPointerDown);
    return () => domNode.removeEventListener('pointerdown', onPointerDown);
  }, [domNode]);
}
