import { useStoreApi } from '@xyflow/react';
import { useEffect, useRef } from 'react';

/** The canvas transform: pan offset in pixels and zoom. */
export interface ViewTransform {
  x: number;
  y: number;
  zoom: number;
}

/**
 * Calls `listener` with the canvas transform now and whenever it changes,
 * outside React rendering, so a layer that follows the view can restyle
 * itself on each pan frame without re-rendering a component.
 */
export function useViewportListener(listener: (transform: ViewTransform, pane: { width: number; height: number }) => void): void {
  const store = useStoreApi();
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => {
    let last: unknown = null;
    let lastWidth = -1;
    let lastHeight = -1;
    const notify = () => {
      const { transform, width, height } = store.getState();
      if (transform === last && width === lastWidth && height === lastHeight) return;
      last = transform;
      lastWidth = width;
      lastHeight = height;
      latest.current({ x: transform[0], y: transform[1], zoom: transform[2] }, { width, height });
    };
    notify();
    return store.subscribe(notify);
  }, [store]);
}
