import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

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

/** On which side of the opening point an element lies, along each axis. */
export interface Sides {
  /** Per axis, true when the element lies before the point (left of it, or above it), so its far edge is at the point. */
  before: { x: boolean; y: boolean };
}

/**
 * Returns where to place the top-left corner of an element of `size` that
 * opens at `point`, so that it stays inside a window of `view`, and on which
 * sides of the point it lies. Along each axis the element starts at the point
 * where it fits, ends at the point where it fits on that side, and else lies
 * against the window's far edge. An element larger than the window starts at
 * its near edge. With `sides` from an earlier placement, the element keeps
 * those sides, so a list that shrinks while the user types stays in place.
 */
export function placeInside(point: { x: number; y: number }, size: Size, view: Size, sides?: Sides): Placement & Sides {
  const x = along(point.x, size.width, view.width, sides?.before.x);
  const y = along(point.y, size.height, view.height, sides?.before.y);
  return { left: x.start, top: y.start, before: { x: x.before, y: y.before } };
}

function along(start: number, length: number, room: number, before?: boolean): { start: number; before: boolean } {
  if (before === true) return { start: Math.max(MARGIN, start - length), before };
  if (before === false) return { start: Math.max(MARGIN, Math.min(start, room - MARGIN - length)), before };
  if (start + length <= room - MARGIN) return { start, before: false };
  if (start - length >= MARGIN) return { start: start - length, before: true };
  return { start: Math.max(MARGIN, room - MARGIN - length), before: false };
}

/**
 * Places the element in `ref`, such as a popup or a menu, at `point` and
 * moves it after each layout so that it stays inside the window. The sides of
 * the point chosen at the first layout are kept, so the element does not jump
 * when its content changes its size.
 */
export function useInsideWindow(ref: RefObject<HTMLElement | null>, point: { x: number; y: number }): Placement {
  const [placement, setPlacement] = useState<Placement>({ left: point.x, top: point.y });
  const sides = useRef<Sides | undefined>(undefined);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const size = { width: element.offsetWidth, height: element.offsetHeight };
    const next = placeInside(point, size, { width: window.innerWidth, height: window.innerHeight }, sides.current);
    sides.current = { before: next.before };
    if (next.left !== placement.left || next.top !== placement.top) setPlacement({ left: next.left, top: next.top });
  });
  return placement;
}
