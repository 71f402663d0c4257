import { useStoreApi, useReactFlow } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { useSpread } from './spread';

/**
 * Keeps the same part of the graph in view when projector mode is switched:
 * the document point at the middle of the pane stays there, at the same zoom,
 * although the canvas spreads the nodes out or draws them closer.
 */
export function useSpreadViewport(): void {
  const spread = useSpread();
  const previous = useRef(spread);
  const flowStore = useStoreApi();
  const { setViewport } = useReactFlow();

  useEffect(() => {
    const before = previous.current;
    previous.current = spread;
    if (before === spread) return;
    const { transform, width, height } = flowStore.getState();
    const [x, y, zoom] = transform;
    // The canvas point at the middle of the pane, and the same document point on the new canvas.
    const middle = { x: (width / 2 - x) / zoom, y: (height / 2 - y) / zoom };
    const moved = { x: (middle.x / before.x) * spread.x, y: (middle.y / before.y) * spread.y };
    void setViewport({ x: width / 2 - moved.x * zoom, y: height / 2 - moved.y * zoom, zoom });
  }, [spread, flowStore, setViewport]);
}
