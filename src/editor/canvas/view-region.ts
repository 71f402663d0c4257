import type { ReactFlowState } from '@xyflow/react';

/** Flow units kept around the view's region, so an element appears before its place enters the view. */
const REGION_MARGIN = 400;

/** A rectangle of the graph, in flow units. */
export interface Region {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * Returns the part of the graph whose overlays (health badges, the labels of a
 * large graph's wires) are drawn: the cell that contains the view's top-left
 * corner and the next cell right and down, plus a margin. Cells are the pane's
 * size at the zoom rounded down to a power of two, so the view always fits in
 * the region. The region changes only when a pan crosses a cell or a zoom
 * crosses a power of two, not on every frame. Returns null while the pane has no size.
 */
export function viewRegion(state: ReactFlowState): Region | null {
  // Every wire label of a large graph asks on each store update, so the last answer is kept for the same view.
  if (lastRegion && lastRegion.transform === state.transform && lastRegion.width === state.width && lastRegion.height === state.height) {
    return lastRegion.region;
  }
  const region = computeRegion(state);
  lastRegion = { transform: state.transform, width: state.width, height: state.height, region };
  return region;
}

/** The last view `viewRegion` was asked about and its region. */
let lastRegion: { transform: ReactFlowState['transform']; width: number; height: number; region: Region | null } | null = null;

function computeRegion(state: ReactFlowState): Region | null {
  const [x, y, zoom] = state.transform;
  if (!(state.width > 0 && state.height > 0 && zoom > 0)) return null;
  const scale = 2 ** Math.floor(Math.log2(zoom));
  const cellWidth = state.width / scale;
  const cellHeight = state.height / scale;
  const column = Math.floor(-x / zoom / cellWidth);
  const row = Math.floor(-y / zoom / cellHeight);
  return {
    left: column * cellWidth - REGION_MARGIN,
    top: row * cellHeight - REGION_MARGIN,
    right: (column + 2) * cellWidth + REGION_MARGIN,
    bottom: (row + 2) * cellHeight + REGION_MARGIN,
  };
}

/** Tells whether two regions are the same rectangle, for React Flow store selectors. */
export function sameRegion(a: Region | null, b: Region | null): boolean {
  return a === b || (a !== null && b !== null && a.left === b.left && a.top === b.top && a.right === b.right && a.bottom === b.bottom);
}

/** Tells whether a flow point lies in `region`. Without a region, every point does. */
export function isInRegion(region: Region | null, x: number, y: number): boolean {
  return !region || (x >= region.left && x <= region.right && y >= region.top && y <= region.bottom);
}

/** Tells whether a flow point lies in the view's region, as a selector for React Flow's store. */
export function isNearView(state: ReactFlowState, x: number, y: number): boolean {
  return isInRegion(viewRegion(state), x, y);
}
