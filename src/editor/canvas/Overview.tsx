import { useReactFlow } from '@xyflow/react';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type PointerEvent, type WheelEvent } from 'react';
import { useT } from '../i18n/use-t';
import { COMPACT_NODE_SIZE } from './compact-scene';
import type { GateFlowNode } from './GateNode';
import { useViewportListener, type ViewTransform } from './viewport-listener';

/** Size of the overview on screen, in CSS pixels. */
export const OVERVIEW_SIZE = { width: 160, height: 110 };
/**
 * The overview shows only in a pane at least this many times its own width and height, and
 * OVERVIEW_MIN_AREA_RATIO times its area, because in a smaller pane it covers much of the graph.
 * A 640 × 480 window leaves panes of 570 × 148 (k-NN view open) to 570 × 295 (no view), which
 * hide it. A 1400 × 900 window with the k-NN or linear SVM view open leaves 820 × 293 or
 * 470 × 621, which keep it.
 */
export const OVERVIEW_MIN_PANE_RATIO = 2.5;
export const OVERVIEW_MIN_AREA_RATIO = 10;
/** Share of the graph's extent left empty around it. */
const MARGIN = 0.08;
/**
 * Shortest time between two drawings of the nodes while some are dragged. Without a GPU, drawing them on
 * every frame of a drag cost Chromium's GPU process about 8 ms per frame (measured with bench/canvas.ts).
 */
const DRAG_REDRAW_MS = 200;
/** Zoom factor of one wheel notch over the overview. */
const WHEEL_STEP = 1.2;
const NODE_COLOUR = '#aab2c0';
const SELECTED_COLOUR = '#1f4e9c';
const OUTLINE_FILL = 'rgba(31, 78, 156, 0.08)';

interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Placement of the graph in the overview: flow point (x, y) is at ((x - left) * scale, (y - top) * scale). */
interface Mapping {
  left: number;
  top: number;
  scale: number;
}

/** Tells whether a canvas pane of this size has room for the overview. */
export function paneFitsOverview(pane: { width: number; height: number }): boolean {
  const { width, height } = OVERVIEW_SIZE;
  const wideEnough = pane.width >= OVERVIEW_MIN_PANE_RATIO * width && pane.height >= OVERVIEW_MIN_PANE_RATIO * height;
  return wideEnough && pane.width * pane.height >= OVERVIEW_MIN_AREA_RATIO * width * height;
}

function graphBounds(nodes: readonly GateFlowNode[]): Bounds | null {
  if (nodes.length === 0) return null;
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const node of nodes) {
    const size = node.measured?.width ? node.measured : COMPACT_NODE_SIZE;
    left = Math.min(left, node.position.x);
    top = Math.min(top, node.position.y);
    right = Math.max(right, node.position.x + (size.width ?? 0));
    bottom = Math.max(bottom, node.position.y + (size.height ?? 0));
  }
  return { x: left, y: top, width: right - left, height: bottom - top };
}

function mappingFor(bounds: Bounds): Mapping {
  const width = bounds.width * (1 + 2 * MARGIN) || 1;
  const height = bounds.height * (1 + 2 * MARGIN) || 1;
  const scale = Math.min(OVERVIEW_SIZE.width / width, OVERVIEW_SIZE.height / height);
  // Centre the graph in the overview.
  const left = bounds.x + bounds.width / 2 - OVERVIEW_SIZE.width / scale / 2;
  const top = bounds.y + bounds.height / 2 - OVERVIEW_SIZE.height / scale / 2;
  return { left, top, scale };
}

/**
 * Returns a cleared 2D context of the overview's size. willReadFrequently requests a canvas drawn on
 * the CPU, because without a GPU an accelerated one is emulated in software and redraws more slowly.
 */
function clearedContext(canvas: HTMLCanvasElement): CanvasRenderingContext2D | null {
  const ratio = window.devicePixelRatio || 1;
  const width = Math.round(OVERVIEW_SIZE.width * ratio);
  const height = Math.round(OVERVIEW_SIZE.height * ratio);
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return null;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, OVERVIEW_SIZE.width, OVERVIEW_SIZE.height);
  return context;
}

function drawNodes(canvas: HTMLCanvasElement, nodes: readonly GateFlowNode[], mapping: Mapping): void {
  const context = clearedContext(canvas);
  if (!context) return;
  for (const selected of [false, true]) {
    context.fillStyle = selected ? SELECTED_COLOUR : NODE_COLOUR;
    for (const node of nodes) {
      if (Boolean(node.selected) !== selected) continue;
      const size = node.measured?.width ? node.measured : COMPACT_NODE_SIZE;
      // At least one pixel, so a node of a large graph stays visible.
      const width = Math.max(1, (size.width ?? 0) * mapping.scale);
      const height = Math.max(1, (size.height ?? 0) * mapping.scale);
      context.fillRect((node.position.x - mapping.left) * mapping.scale, (node.position.y - mapping.top) * mapping.scale, width, height);
    }
  }
}

function union(a: Bounds, b: Bounds): Bounds {
  const left = Math.min(a.x, b.x);
  const top = Math.min(a.y, b.y);
  return { x: left, y: top, width: Math.max(a.x + a.width, b.x + b.width) - left, height: Math.max(a.y + a.height, b.y + b.height) - top };
}

/** Mappings that place every point within a tenth of a pixel of each other draw the same picture. */
function sameMapping(a: Mapping, b: Mapping): boolean {
  const extent = Math.max(OVERVIEW_SIZE.width, OVERVIEW_SIZE.height);
  return Math.abs(a.scale - b.scale) * extent < 0.1 * a.scale && Math.abs(a.left - b.left) * a.scale < 0.1 && Math.abs(a.top - b.top) * a.scale < 0.1;
}

function drawOutline(canvas: HTMLCanvasElement, visible: Bounds, mapping: Mapping): void {
  const context = clearedContext(canvas);
  if (!context) return;
  const left = (visible.x - mapping.left) * mapping.scale;
  const top = (visible.y - mapping.top) * mapping.scale;
  context.fillStyle = OUTLINE_FILL;
  context.fillRect(left, top, visible.width * mapping.scale, visible.height * mapping.scale);
  context.strokeStyle = SELECTED_COLOUR;
  context.lineWidth = 1.5;
  context.strokeRect(left, top, visible.width * mapping.scale, visible.height * mapping.scale);
}

interface OverviewProps {
  /** The flow nodes, with drag positions and measured sizes. */
  nodes: readonly GateFlowNode[];
  /** Whether nodes are being dragged: their moves are then drawn at most every DRAG_REDRAW_MS. */
  dragging: boolean;
}

/**
 * A small overview of the whole graph with the visible part outlined. Click or
 * drag in it to move the view there, and turn the wheel to zoom. It covers the graph and
 * the view together. The outline is drawn on its own canvas when the view
 * changes, outside React rendering, and the nodes on another when the graph
 * changes or the view reaches past what the overview covers. While nodes are dragged, their
 * moves are drawn a few times a second instead of on every frame. In a pane too small for it
 * (see paneFitsOverview) nothing is rendered, and it is drawn afresh once the pane grows.
 */
export const Overview = memo(function Overview({ nodes, dragging }: OverviewProps) {
  const t = useT();
  const canvas = useRef<HTMLCanvasElement>(null);
  const outline = useRef<HTMLCanvasElement>(null);
  const view = useRef<{ transform: ViewTransform; pane: { width: number; height: number } } | null>(null);
  const pointerHeld = useRef(false);
  const { setCenter, getViewport } = useReactFlow();
  const bounds = useMemo(() => graphBounds(nodes), [nodes]);
  // The overview shows the graph and the view together, so the outline stays inside it.
  const mapping = useRef<Mapping | null>(null);
  const latestNodes = useRef(nodes);
  latestNodes.current = nodes;

  const redraw = useCallback((nodesChanged: boolean) => {
    const current = view.current;
    if (!current) return;
    if (!bounds) {
      // The graph has no nodes left, so the last drawing of them goes too.
      mapping.current = null;
      if (canvas.current) clearedContext(canvas.current);
      if (outline.current) clearedContext(outline.current);
      return;
    }
    const { transform, pane } = current;
    const visible = { x: -transform.x / transform.zoom, y: -transform.y / transform.zoom, width: pane.width / transform.zoom, height: pane.height / transform.zoom };
    const next = mappingFor(union(bounds, visible));
    const moved = !mapping.current || !sameMapping(mapping.current, next);
    if (moved) mapping.current = next;
    if ((moved || nodesChanged) && canvas.current) drawNodes(canvas.current, latestNodes.current, next);
    if (outline.current) drawOutline(outline.current, visible, next);
  }, [bounds]);

  const [shown, setShown] = useState(true);
  useViewportListener((transform, pane) => {
    view.current = { transform, pane };
    setShown(paneFitsOverview(pane));
    redraw(false);
  });
  const latestRedraw = useRef(redraw);
  latestRedraw.current = redraw;
  // The canvases are new each time the overview shows again, so they need every layer drawn.
  useEffect(() => {
    if (!shown) return;
    mapping.current = null;
    latestRedraw.current(true);
  }, [shown]);
  const dragRedraw = useRef(0);
  useEffect(() => {
    if (!dragging) {
      window.clearTimeout(dragRedraw.current);
      dragRedraw.current = 0;
      redraw(true);
    } else if (dragRedraw.current === 0) {
      dragRedraw.current = window.setTimeout(() => {
        dragRedraw.current = 0;
        latestRedraw.current(true);
      }, DRAG_REDRAW_MS);
    }
  }, [nodes, redraw, dragging]);
  useEffect(() => () => window.clearTimeout(dragRedraw.current), []);

  const centreAt = (event: PointerEvent<HTMLDivElement>) => {
    const current = mapping.current;
    if (!current) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const x = current.left + (event.clientX - rect.left) / current.scale;
    const y = current.top + (event.clientY - rect.top) / current.scale;
    void setCenter(x, y, { zoom: getViewport().zoom });
  };

  const onWheel = (event: WheelEvent<HTMLDivElement>) => {
    const current = view.current;
    if (!current) return;
    const { transform, pane } = current;
    const centreX = (pane.width / 2 - transform.x) / transform.zoom;
    const centreY = (pane.height / 2 - transform.y) / transform.zoom;
    const zoom = event.deltaY < 0 ? transform.zoom * WHEEL_STEP : transform.zoom / WHEEL_STEP;
    void setCenter(centreX, centreY, { zoom });
  };

  if (!shown) return null;
  return (
    <div
      className="overview react-flow__panel bottom right"
      data-testid="overview"
      data-drawn-nodes={nodes.length}
      role="img"
      aria-label={t('canvas.minimap')}
      style={OVERVIEW_SIZE}
      onPointerDown={(event) => {
        pointerHeld.current = true;
        event.currentTarget.setPointerCapture(event.pointerId);
        centreAt(event);
      }}
      onPointerMove={(event) => pointerHeld.current && centreAt(event)}
      onPointerUp={() => (pointerHeld.current = false)}
      onPointerCancel={() => (pointerHeld.current = false)}
      onWheel={onWheel}
    >
      <canvas ref={canvas} style={OVERVIEW_SIZE} />
      <canvas className="overview-outline" ref={outline} style={OVERVIEW_SIZE} />
    </div>
  );
});
