import { viewSettingsStore, useViewSettings } from './view-settings';

/** A point in flow units, either in the document or on the canvas. */
export interface Point {
  x: number;
  y: number;
}

/** Factors by which the canvas multiplies document positions, per axis. */
export interface Spread {
  x: number;
  y: number;
}

export const NO_SPREAD: Spread = { x: 1, y: 1 };

/**
 * The spread in projector mode. Projector mode's fonts and borders make a node
 * box at most 1.32 times as wide and 1.46 times as tall as in normal mode
 * (bench/projector-growth.ts over every preset and one node of each kind,
 * Chromium 150). Spreading positions by at least those ratios keeps apart any
 * two nodes that are apart in normal mode. If node B starts at least A's width
 * right of A, the distance from A's left side to B's grows by the factor, and
 * so at least as much as A's width does. The same holds for heights.
 * NOTE: a label or value text that makes a node grow more than these ratios can still overlap its neighbour.
 */
export const PROJECTOR_SPREAD: Spread = { x: 1.35, y: 1.5 };

/** Positions written back to the document are rounded to this fraction of a flow unit. */
const DOCUMENT_PRECISION = 100;

export function spreadOf(projector: boolean): Spread {
  return projector ? PROJECTOR_SPREAD : NO_SPREAD;
}

/** Returns the spread in use now, for code outside React. */
export function currentSpread(): Spread {
  return spreadOf(viewSettingsStore.getState().projector);
}

/** Returns the spread in use and re-renders the component when projector mode is switched. */
export function useSpread(): Spread {
  return spreadOf(useViewSettings((state) => state.projector));
}

/** Converts a document position to where the canvas draws it. */
export function toCanvasPoint(point: Point, spread: Spread): Point {
  if (spread === NO_SPREAD) return point;
  return { x: point.x * spread.x, y: point.y * spread.y };
}

/**
 * Converts a canvas position to the document position that the canvas draws
 * there. Without a spread the point is returned unchanged. With one it is
 * rounded to 1/100 flow unit, so a node dropped where it was keeps its
 * document position exactly.
 */
export function toDocumentPoint(point: Point, spread: Spread): Point {
  if (spread === NO_SPREAD) return point;
  return { x: roundToPrecision(point.x / spread.x), y: roundToPrecision(point.y / spread.y) };
}

/** Converts a size measured on the canvas to document units, as the tidy layout spaces nodes. */
export function toDocumentSize(size: { width: number; height: number }, spread: Spread): { width: number; height: number } {
  if (spread === NO_SPREAD) return size;
  return { width: size.width / spread.x, height: size.height / spread.y };
}

function roundToPrecision(value: number): number {
  return Math.round(value * DOCUMENT_PRECISION) / DOCUMENT_PRECISION;
}
