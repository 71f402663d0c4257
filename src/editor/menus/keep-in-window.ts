import { useLayoutEffect, useState, type RefObject } from 'react';

/** Space kept between a floating element and the window's edges, in CSS pixels. */
const MARGIN = 8;

export interface Placement {
  left: number;
  top: number;
}

interface Size {
  width: number;
  height: number;
}

/**
 * Returns where to place the top-left corner of an element of `size` that
 * opens at `point`, so that it stays inside a window of `view`. Along each
 * axis the element starts at the point where it fits, ends at the point where
 * it fits on that side, and else lies against the window's far edge. An
 * element larger than the window starts at its near edge.
 */
export function placeInside(point: { x: number; y: number }, size: Size, view: Size): Placement {
  return { left: along(point.x, size.width, view.width), top: along(point.y, size.height, view.height) };
}

function along(start: number, length: number, room: number): number {
  if (start + length <= room - MARGIN) return start;
  if (start - length >= MARGIN) return start - length;
  return Math.max(MARGIN, room - MARGIN - length);
}

/**
 * Places the element in `ref`, such as a popup or a menu, at `point` and
 * moves it after each layout so that it stays inside the window, also when
 * its content changes its size.
 */
export function useInsideWindow(ref: RefObject<HTMLElement | null>, point: { x: number; y: number }): Placement {
  const [placement, setPlacement] = useState<Placement>({ left: point.x, top: point.y });
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const next = placeInside(point, { width: element.offsetWidth, height: element.offsetHeight }, { width: window.innerWidth, height: window.innerHeight });
    if (next.left !== placement.left || next.top !== placement.top) setPlacement(next);
  });
  return placement;
}
