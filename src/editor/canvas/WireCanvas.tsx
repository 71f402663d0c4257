import { getBezierPath, Position, useStoreApi, ViewportPortal, type Edge, type InternalNode, type ReactFlowState } from '@xyflow/react';
import { memo, useEffect, useRef } from 'react';
import { DOT_COLOR, DOT_RADIUS, GAP } from './DotGrid';
import type { GateFlowNode } from './GateNode';

/**
 * Share of the pane's width and height that the canvas covers beyond each side
 * of the pane, so that a pan of up to that distance needs no redraw.
 */
const MARGIN = 0.5;
/** Stroke width of a wire in flow units, as `.react-flow__edge-path` in styles.css draws it. */
const WIRE_WIDTH = 2;

type FlowState = ReactFlowState<GateFlowNode, Edge>;

/** The flow rectangle a canvas covers and the zoom it was drawn at. */
interface Region {
  left: number;
  top: number;
  width: number;
  height: number;
  zoom: number;
}

/**
 * Tells whether a wire follows a node being dragged. Such a wire is drawn by its
 * SVG path, which React Flow updates on every pointer move, and is left off the canvas.
 */
export function isWireMoving(state: { nodeLookup: ReadonlyMap<string, { dragging?: boolean }> }, source: string, target: string): boolean {
  return state.nodeLookup.get(source)?.dragging === true || state.nodeLookup.get(target)?.dragging === true;
}

/**
 * The wires of a large graph at detail zoom, drawn on one canvas on the CPU
 * instead of as one SVG path each. Without a GPU, Chromium rasterises SVG
 * strokes through SwiftShader. With the 150 or so wires that cross a pane at
 * zoom 1, the GPU process then spent 170-300 ms of CPU time per frame while a
 * node was dragged (bench/canvas.ts, 2 cores). React Flow keeps its edge
 * elements, with the visible path hidden (the `wires-on-canvas` rules in
 * styles.css), for clicks, context menus, keyboard focus, labels and the
 * playback pulse. Selected and focused wires and wires of dragged nodes show
 * their SVG path over the canvas.
 *
 * The canvas sits in the zoomed viewport and covers the pane and a margin
 * around it, so panning moves it with the graph. It is redrawn when the view
 * leaves that area or changes zoom, and when nodes or wires change, except
 * for moves of nodes being dragged.
 *
 * The canvas is opaque: it draws the dotted background too, in place of
 * DotGrid. A dragged node's wires repaint the area they cross on every frame.
 * There the browser then copies this canvas's pixels instead of painting the
 * white background and the grid's gradient again. In bench/canvas.ts that
 * gave 3 to 6 more frames per second while dragging at zoom 1.
 */
export const WireCanvas = memo(function WireCanvas() {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const store = useStoreApi<GateFlowNode, Edge>();

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    let drawn: Region | null = null;
    let frame = 0;
    let seenNodes = store.getState().nodes;
    let seenEdges = store.getState().edges;

    const draw = () => {
      frame = 0;
      const state = store.getState();
      drawn = regionAround(state);
      paintWires(canvas, state, drawn);
    };
    const schedule = () => {
      if (frame === 0) frame = requestAnimationFrame(draw);
    };
    const unsubscribe = store.subscribe((state) => {
      const nodesChanged = state.nodes !== seenNodes && changedBesidesDrag(seenNodes, state.nodes);
      const edgesChanged = state.edges !== seenEdges;
      seenNodes = state.nodes;
      seenEdges = state.edges;
      if (nodesChanged || edgesChanged || !covers(drawn, state)) schedule();
    });
    draw();
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
    };
  }, [store]);

  return (
    <ViewportPortal>
      <canvas ref={canvasRef} className="wire-canvas" data-testid="wire-canvas" aria-hidden="true" />
    </ViewportPortal>
  );
});

/**
 * Tells whether `next` differs from `previous` in anything but the positions of
 * nodes dragged in both. Both come from useFlowNodes, which keeps the object of
 * an unchanged node, so a node compares by identity. A drag's start and end
 * count as changes, because the set of wires on the canvas changes then.
 */
function changedBesidesDrag(previous: readonly GateFlowNode[], next: readonly GateFlowNode[]): boolean {
  if (previous.length !== next.length) return true;
  for (let index = 0; index < next.length; index++) {
    const before = previous[index];
    const after = next[index];
    if (before === after) continue;
    if (before.id !== after.id || !before.dragging || !after.dragging) return true;
  }
  return false;
}

/** Returns the flow rectangle in view: the pane at the current transform. */
function viewRectangle(state: FlowState) {
  const [x, y, zoom] = state.transform;
  return { left: -x / zoom, top: -y / zoom, width: state.width / zoom, height: state.height / zoom, zoom };
}

function regionAround(state: FlowState): Region {
  const view = viewRectangle(state);
  return {
    left: view.left - view.width * MARGIN,
    top: view.top - view.height * MARGIN,
    width: view.width * (1 + 2 * MARGIN),
    height: view.height * (1 + 2 * MARGIN),
    zoom: view.zoom,
  };
}

/** Tells whether the canvas drawn for `region` still shows the whole view at its resolution. */
function covers(region: Region | null, state: FlowState): boolean {
  if (!region) return false;
  const view = viewRectangle(state);
  return (
    view.zoom === region.zoom &&
    view.left >= region.left &&
    view.top >= region.top &&
    view.left + view.width <= region.left + region.width &&
    view.top + view.height <= region.top + region.height
  );
}

/** A wire end: the point on the node's side where React Flow draws it, and that side. */
interface WireEnd {
  x: number;
  y: number;
  position: Position;
}

/**
 * Returns the end of a wire at handle `handleId` of `node`, as React Flow places it, or null when the
 * node has no such handle. A node not yet measured has the handles estimated in useFlowNodes.
 */
function wireEnd(node: InternalNode<GateFlowNode> | undefined, type: 'source' | 'target', handleId: string | null | undefined): WireEnd | null {
  const handles = node?.internals.handleBounds?.[type];
  // Like React Flow, a wire without a handle id ends at the node's first handle of that type.
  const handle = handleId ? handles?.find((bounds) => bounds.id === handleId) : handles?.[0];
  if (!node || !handle) return null;
  const x = node.internals.positionAbsolute.x + handle.x;
  const y = node.internals.positionAbsolute.y + handle.y;
  switch (handle.position) {
    case Position.Left:
      return { x, y: y + handle.height / 2, position: handle.position };
    case Position.Right:
      return { x: x + handle.width, y: y + handle.height / 2, position: handle.position };
    case Position.Top:
      return { x: x + handle.width / 2, y, position: handle.position };
    case Position.Bottom:
      return { x: x + handle.width / 2, y: y + handle.height, position: handle.position };
  }
}

/**
 * Tells whether a wire between two ends may cross `region`. A bezier wire stays
 * within the box of its ends and control points. React Flow's curvature of 0.25
 * puts a control point up to 6.25 √d beyond an end when the target lies d units
 * behind the source, so the ends' box is widened by that much.
 */
function mayCross(source: WireEnd, target: WireEnd, region: Region): boolean {
  const reach = 6.25 * Math.sqrt(Math.abs(target.x - source.x) + Math.abs(target.y - source.y)) + WIRE_WIDTH;
  return (
    Math.max(source.x, target.x) + reach >= region.left &&
    Math.min(source.x, target.x) - reach <= region.left + region.width &&
    Math.max(source.y, target.y) + reach >= region.top &&
    Math.min(source.y, target.y) - reach <= region.top + region.height
  );
}

/** Fills `region` with the page's white and the grid dots, at whole multiples of GAP in flow units as DotGrid places them. */
function paintDots(context: CanvasRenderingContext2D, region: Region, color: string): void {
  context.fillStyle = '#fff';
  context.fillRect(region.left, region.top, region.width, region.height);
  const dots = new Path2D();
  const right = region.left + region.width + GAP;
  const bottom = region.top + region.height + GAP;
  for (let x = Math.floor(region.left / GAP) * GAP; x < right; x += GAP) {
    for (let y = Math.floor(region.top / GAP) * GAP; y < bottom; y += GAP) {
      dots.moveTo(x + DOT_RADIUS, y);
      dots.arc(x, y, DOT_RADIUS, 0, 2 * Math.PI);
    }
  }
  context.fillStyle = color;
  context.fill(dots);
}

/** Sizes and places the canvas over `region`, fills it with the dotted background and strokes every wire that may cross it, except wires of dragged nodes. */
function paintWires(canvas: HTMLCanvasElement, state: FlowState, region: Region): void {
  const pixelRatio = window.devicePixelRatio || 1;
  const scale = region.zoom * pixelRatio;
  // The canvas starts on a whole device pixel of the pane and spans whole device pixels, so the browser
  // shows its bitmap pixel for pixel. A bitmap resampled by a fraction of a pixel blurred the grid dots.
  const [viewX, viewY] = state.transform;
  const left = (Math.floor((viewX + region.left * region.zoom) * pixelRatio) / pixelRatio - viewX) / region.zoom;
  const top = (Math.floor((viewY + region.top * region.zoom) * pixelRatio) / pixelRatio - viewY) / region.zoom;
  const width = Math.ceil((region.left + region.width - left) * scale);
  const height = Math.ceil((region.top + region.height - top) * scale);
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  const placed: Region = { left, top, width: width / scale, height: height / scale, zoom: region.zoom };
  canvas.style.width = `${placed.width}px`;
  canvas.style.height = `${placed.height}px`;
  canvas.style.transform = `translate(${left}px, ${top}px)`;

  // willReadFrequently requests a canvas drawn on the CPU, because an accelerated one would be emulated in software here.
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return;
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.clearRect(0, 0, width, height);
  context.setTransform(scale, 0, 0, scale, -left * scale, -top * scale);
  const style = getComputedStyle(canvas);
  paintDots(context, placed, style.getPropertyValue('--grid-dot').trim() || DOT_COLOR);

  const wires = new Path2D();
  for (const edge of state.edges) {
    if (edge.hidden || isWireMoving(state, edge.source, edge.target)) continue;
    const source = wireEnd(state.nodeLookup.get(edge.source), 'source', edge.sourceHandle);
    const target = wireEnd(state.nodeLookup.get(edge.target), 'target', edge.targetHandle);
    if (!source || !target || !mayCross(source, target, placed)) continue;
    const [path] = getBezierPath({
      sourceX: source.x,
      sourceY: source.y,
      sourcePosition: source.position,
      targetX: target.x,
      targetY: target.y,
      targetPosition: target.position,
    });
    wires.addPath(new Path2D(path));
  }
  context.lineWidth = WIRE_WIDTH;
  context.strokeStyle = style.getPropertyValue('--canvas-wire').trim() || '#59616f';
  context.stroke(wires);
}
