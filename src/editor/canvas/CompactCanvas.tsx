import { useReactFlow, useStore } from '@xyflow/react';
import { memo, useEffect, useMemo, useRef } from 'react';
import type { Diagnostic } from '../../engine/diagnostics';
import { currentSpread, toDocumentPoint, useSpread } from '../projector/spread';
import { useViewSettings } from '../projector/view-settings';
import type { GraphEdit } from '../store/edits';
import type { Selection } from '../store/store';
import { activeStep, pulseEdgeIds, stepDelayMs } from '../store/timeline';
import { editorStore, useEditor } from '../store/use-editor';
import { CompactKeyboard } from './CompactKeyboard';
import { buildScene, drawBase, drawOverlay, nodeAt, nodesInRectangle, overlayBounds, wireAt, type BaseStyle, type Box, type CompactScene, type Point, type SceneView, readSceneColours } from './compact-scene';
import { prefersReducedMotion } from './reduced-motion';
import { useViewportListener, type ViewTransform } from './viewport-listener';

/** Pointer travel in screen pixels before a press on a node becomes a drag. */
const DRAG_THRESHOLD = 3;
/** Zoom a double-clicked node is shown at. */
const NODE_ZOOM = 1;

/** Handlers the canvas uses for context menus, the same the detailed drawing uses. */
export interface CompactCanvasMenus {
  onNode(event: MouseEvent, id: string): void;
  onWire(event: MouseEvent, id: string): void;
}

interface CompactCanvasProps {
  menus: CompactCanvasMenus;
}

/**
 * A press on the canvas: on a node it may become a drag. With Shift it selects a box, or toggles
 * what is under the pointer when released without moving. Elsewhere it pans, or selects the wire
 * under the pointer when released without moving.
 */
type Press =
  | { type: 'node'; start: Point; screen: Point; origins: Map<string, Point>; dragging: boolean }
  | { type: 'shift'; start: Point; screen: Point; before: Selection }
  | { type: 'pane'; start: Point; screen: Point; moved: boolean };

function severities(byNode: Readonly<Record<string, readonly Diagnostic[]>>): Map<string, 'error' | 'warning'> {
  const result = new Map<string, 'error' | 'warning'>();
  for (const [id, diagnostics] of Object.entries(byNode)) {
    if (diagnostics.length === 0) continue;
    result.set(id, diagnostics.some((diagnostic) => diagnostic.severity === 'error') ? 'error' : 'warning');
  }
  return result;
}

/** Share of the pane's width and height drawn beyond each side, so a short pan needs no redraw. */
const MARGIN = 0.3;
/** Milliseconds without a pan or zoom before the canvas is redrawn sharp at the new view. */
const SETTLE_MS = 120;
/** Zoom ratios to the drawn view within which the drawn picture is scaled instead of redrawn. */
const SCALE_RANGE = [0.7, 1.6];

/** A drag in progress: the dragged nodes and how far they have moved in flow units. */
export interface DragState {
  ids: ReadonlySet<string>;
  offset: Point;
  /** True once the moves are dispatched; the drag ends when the new document is drawn. */
  finished: boolean;
}

interface PaneView {
  transform: ViewTransform;
  width: number;
  height: number;
}

/**
 * Returns the CSS transform that shows a picture drawn at `drawn` as the view
 * `now` would draw it. A canvas pixel c shows flow point (c − drawn.x) / drawn.zoom,
 * which the view puts at that point · zoom + transform.
 */
function pictureTransform(drawn: SceneView, now: PaneView): { scale: number; x: number; y: number } {
  const scale = now.transform.zoom / drawn.zoom;
  return { scale, x: now.transform.x - drawn.x * scale, y: now.transform.y - drawn.y * scale };
}

/**
 * Draws a zoomed-out large graph on canvases over the pane, in place of
 * React Flow's nodes and wires: a box with its symbol per node and a straight
 * line per wire. React Flow then has no nodes, so opening, panning, zooming
 * and dragging cost what drawing the view costs, not a DOM element per node.
 *
 * The base canvas, a little larger than the pane, holds the graph. While the
 * view pans or zooms, the browser moves and scales that picture, and it is
 * redrawn once the view rests or leaves what was drawn. A second canvas holds
 * what changes often: dragged nodes and the playback step. The playback pulse
 * dots are small elements that the browser animates.
 *
 * Pressing a node selects it (Ctrl or Cmd toggles it), and dragging moves the
 * selected nodes. Clicking a wire selects it. With Shift a click toggles the
 * node or wire under the pointer, and a drag selects the nodes in a box. A
 * double-click zooms to a node, and a right-click opens the node's or wire's
 * menu. Anything else goes on to React Flow, which pans and zooms. The
 * keyboard reaches the nodes through CompactKeyboard.
 */
export const CompactCanvas = memo(function CompactCanvas({ menus }: CompactCanvasProps) {
  const document = useEditor((state) => state.document);
  const selection = useEditor((state) => state.selection);
  const diagnosticsByNode = useEditor((state) => state.diagnosticsByNode);
  const trace = useEditor((state) => state.trace);
  const cursor = useEditor((state) => state.cursor);
  const playing = useEditor((state) => state.playing);
  const speed = useEditor((state) => state.speed);
  const palette = useViewSettings((state) => `${state.palette}:${state.projector}`);
  const domNode = useStore((state) => state.domNode);
  const { setCenter } = useReactFlow();

  const spread = useSpread();
  const scene = useMemo(() => buildScene(document, undefined, spread), [document, spread]);
  const base = useRef<HTMLCanvasElement>(null);
  const overlay = useRef<HTMLCanvasElement>(null);
  const pane = useRef<PaneView>({ transform: { x: 0, y: 0, zoom: 1 }, width: 0, height: 0 });
  const drawn = useRef<SceneView | null>(null);
  const drawnOverlay = useRef<SceneView | null>(null);
  const drag = useRef<DragState | null>(null);
  const pulseLayer = useRef<HTMLDivElement>(null);
  const focusRing = useRef<HTMLDivElement>(null);
  const ringBox = useRef<Box | null>(null);
  const pulseStarted = useRef(0);
  const frame = useRef(0);
  const settle = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pending = useRef({ base: false, overlay: false });

  const step = trace ? activeStep(trace.steps, cursor) : null;
  const activeNode = step && (playing || cursor < (trace?.steps.length ?? 0)) ? step.nodeId : null;
  const pulse = useMemo(
    () => (playing && step ? { phase: step.phase, wires: new Set(pulseEdgeIds(step, document.edges)) } : null),
    [playing, step, document.edges],
  );
  const severity = useMemo(() => severities(diagnosticsByNode), [diagnosticsByNode]);
  // Built once per selection, because a drag redraws the overlay on every move.
  const selected = useMemo(() => ({ nodes: new Set(selection.nodes), wires: new Set(selection.edges) }), [selection]);
  const colours = useMemo(() => (domNode ? readSceneColours(domNode) : null), [domNode, palette]);

  // Everything a frame needs, read by the drawing callbacks outside React rendering.
  const latest = useRef({ scene, selected, severity, activeNode, pulse, colours, speed });
  latest.current = { scene, selected, severity, activeNode, pulse, colours, speed };

  const draw = useRef(() => {
    frame.current = 0;
    const state = latest.current;
    const baseCanvas = base.current;
    const overlayCanvas = overlay.current;
    if (!baseCanvas || !overlayCanvas || !state.colours || pane.current.width === 0) return;
    const current = drag.current;
    const style: BaseStyle = {
      colours: state.colours,
      selectedNodes: state.selected.nodes,
      selectedWires: state.selected.wires,
      severity: state.severity,
      moving: current?.ids ?? new Set(),
    };
    if (pending.current.base || !drawn.current) {
      drawn.current = viewToDraw(pane.current);
      const drawnCount = withContext(baseCanvas, drawn.current, (context) => drawBase(context, state.scene, drawn.current!, style));
      baseCanvas.dataset.drawnNodes = String(drawnCount?.nodes ?? 0);
      baseCanvas.dataset.drawnWires = String(drawnCount?.wires ?? 0);
      placePictures(pane.current);
      startPulseDots();
      placeRing();
      pending.current.overlay = true;
    }
    if (pending.current.overlay) {
      const overlayStyle = { ...style, offset: current?.offset ?? { x: 0, y: 0 }, activeNode: state.activeNode, pulse: state.pulse };
      // The overlay covers only what it draws, within the pane: it is redrawn on every drag move, and a
      // smaller canvas costs less to clear and to hand to the compositor.
      drawnOverlay.current = overlayView(pane.current, overlayBounds(state.scene, overlayStyle));
      withContext(overlayCanvas, drawnOverlay.current, (context) => drawOverlay(context, state.scene, drawnOverlay.current!, overlayStyle));
      baseCanvas.dataset.activeNode = state.activeNode ?? '';
      placePictures(pane.current);
    }
    pending.current = { base: false, overlay: false };
  });

  /** Asks for the base layer (and so the overlay), or the overlay alone, to be drawn at the next frame. */
  const request = useRef((layer: 'base' | 'overlay') => {
    pending.current[layer] = true;
    if (frame.current === 0) frame.current = requestAnimationFrame(draw.current);
  });

  /** Moves and scales the pictures to the view; returns false when the base picture no longer covers the pane. */
  const placePictures = (view: PaneView): boolean => {
    const picture = drawn.current;
    if (!picture) return false;
    const css = (drawnView: SceneView) => {
      const { scale, x, y } = pictureTransform(drawnView, view);
      return `translate(${x}px, ${y}px) scale(${scale})`;
    };
    for (const layer of [base.current, pulseLayer.current]) if (layer) layer.style.transform = css(picture);
    if (overlay.current && drawnOverlay.current) overlay.current.style.transform = css(drawnOverlay.current);
    const { scale, x, y } = pictureTransform(picture, view);
    const inRange = scale >= SCALE_RANGE[0] && scale <= SCALE_RANGE[1];
    return inRange && x <= 0 && y <= 0 && x + picture.width * scale >= view.width && y + picture.height * scale >= view.height;
  };

  useViewportListener((transform, size) => {
    const resized = size.width !== pane.current.width || size.height !== pane.current.height;
    pane.current = { transform, width: size.width, height: size.height };
    if (resized || !placePictures(pane.current)) {
      request.current('base');
      return;
    }
    // The picture is moved or scaled for now, and redrawn sharp when the view rests.
    if (settle.current !== null) clearTimeout(settle.current);
    settle.current = setTimeout(() => {
      settle.current = null;
      request.current('base');
    }, SETTLE_MS);
  });
  useEffect(
    () => () => {
      // Cleared, because StrictMode mounts again with the same refs and request() schedules only while frame is 0.
      cancelAnimationFrame(frame.current);
      frame.current = 0;
      if (settle.current !== null) clearTimeout(settle.current);
      settle.current = null;
    },
    [],
  );

  useEffect(() => {
    // A finished drag ends once its nodes are drawn at their new places in the document.
    if (drag.current?.finished) drag.current = null;
    request.current('base');
  }, [scene, selected, severity, colours]);
  useEffect(() => request.current('overlay'), [activeNode, pulse]);

  /**
   * Starts a dot along each pulsed wire, which travels it once per step unless the user asks for
   * reduced motion. The browser animates the dots' transforms, so playback redraws no canvas per
   * frame. A redraw at a new view restarts them where they were.
   */
  const startPulseDots = () => {
    const layer = pulseLayer.current;
    const picture = drawn.current;
    if (!layer) return;
    for (const dot of layer.querySelectorAll('.compact-pulse')) dot.remove();
    const { pulse: current, scene: currentScene } = latest.current;
    if (!current || !picture || prefersReducedMotion()) return;
    const duration = stepDelayMs(latest.current.speed);
    const elapsed = Math.min(duration, performance.now() - pulseStarted.current);
    const onCanvas = (point: Point) => `translate(${point.x * picture.zoom + picture.x}px, ${point.y * picture.zoom + picture.y}px)`;
    for (const wire of currentScene.wires) {
      if (!current.wires.has(wire.id)) continue;
      const [from, to] = current.phase === 'forward' ? [wire.from, wire.to] : [wire.to, wire.from];
      const dot = window.document.createElement('div');
      dot.className = `compact-pulse ${current.phase}`;
      dot.dataset.testid = 'edge-pulse';
      layer.append(dot);
      dot.animate([{ transform: onCanvas(from) }, { transform: onCanvas(to) }], { duration, delay: -elapsed, fill: 'forwards' });
    }
  };

  /**
   * Places the keyboard focus ring around `ringBox` in the pulse layer, which moves and scales with the
   * base picture, so panning moves the ring at no cost and it is placed again when the picture is redrawn.
   */
  const placeRing = () => {
    const ring = focusRing.current;
    const picture = drawn.current;
    if (!ring) return;
    const box = ringBox.current;
    ring.hidden = !box || !picture;
    if (!box || !picture) return;
    ring.style.transform = `translate(${box.x * picture.zoom + picture.x}px, ${box.y * picture.zoom + picture.y}px)`;
    ring.style.width = `${box.width * picture.zoom}px`;
    ring.style.height = `${box.height * picture.zoom}px`;
  };
  const showRing = useMemo(() => (box: Box | null) => {
    ringBox.current = box;
    placeRing();
  }, []);

  useEffect(() => {
    pulseStarted.current = performance.now();
    startPulseDots();
  }, [pulse, speed]);

  useCompactPointer(domNode, scene, pane, drag, request, setCenter, menus);

  return (
    <>
      <canvas ref={base} className="compact-canvas" data-testid="compact-canvas" aria-hidden="true" />
      <canvas ref={overlay} className="compact-canvas" aria-hidden="true" />
      <div ref={pulseLayer} className="compact-canvas compact-pulses" aria-hidden="true">
        <div ref={focusRing} className="compact-focus-ring" data-testid="compact-focus-ring" hidden />
      </div>
      <CompactKeyboard document={document} scene={scene} pane={pane} showRing={showRing} />
    </>
  );
});

/** Pixels added around the overlay's content for line widths and borders, and the step its size is rounded up to. */
const OVERLAY_PADDING = 8;
const OVERLAY_SIZE_STEP = 64;

/**
 * Returns the drawing view of an overlay canvas that covers `bounds` (flow
 * units) at the pane's view, clipped to the pane. Its size is rounded up, so
 * small changes keep the same canvas. Empty bounds give a canvas of one step.
 */
function overlayView(view: PaneView, bounds: Box | null): SceneView {
  const { x, y, zoom } = view.transform;
  const roundUp = (length: number) => Math.max(OVERLAY_SIZE_STEP, Math.ceil(length / OVERLAY_SIZE_STEP) * OVERLAY_SIZE_STEP);
  if (!bounds) return { x, y, zoom, width: OVERLAY_SIZE_STEP, height: OVERLAY_SIZE_STEP, pixelRatio: window.devicePixelRatio || 1 };
  const left = Math.max(0, Math.floor(bounds.x * zoom + x) - OVERLAY_PADDING);
  const top = Math.max(0, Math.floor(bounds.y * zoom + y) - OVERLAY_PADDING);
  const right = Math.min(view.width, Math.ceil((bounds.x + bounds.width) * zoom + x) + OVERLAY_PADDING);
  const bottom = Math.min(view.height, Math.ceil((bounds.y + bounds.height) * zoom + y) + OVERLAY_PADDING);
  return { x: x - left, y: y - top, zoom, width: roundUp(right - left), height: roundUp(bottom - top), pixelRatio: window.devicePixelRatio || 1 };
}

function marginOf(view: { width: number; height: number }): Point {
  return { x: Math.round(view.width * MARGIN), y: Math.round(view.height * MARGIN) };
}

/** Returns the drawing view of a canvas that covers the pane and a margin around it, at the pane's view. */
function viewToDraw(view: PaneView): SceneView {
  const margin = marginOf(view);
  return {
    x: view.transform.x + margin.x,
    y: view.transform.y + margin.y,
    zoom: view.transform.zoom,
    width: view.width + 2 * margin.x,
    height: view.height + 2 * margin.y,
    pixelRatio: window.devicePixelRatio || 1,
  };
}

/**
 * Sizes a canvas for `view` and runs `paint` on its 2D context. willReadFrequently
 * requests a canvas drawn on the CPU. Without a GPU, Chromium emulates an
 * accelerated canvas in software, and redrawing one at a new zoom took about 100 ms a frame here.
 */
function withContext<T>(canvas: HTMLCanvasElement, view: SceneView, paint: (context: CanvasRenderingContext2D) => T): T | null {
  const width = Math.round(view.width * view.pixelRatio);
  const height = Math.round(view.height * view.pixelRatio);
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
    canvas.style.width = `${view.width}px`;
    canvas.style.height = `${view.height}px`;
  }
  const context = canvas.getContext('2d', { willReadFrequently: true });
  return context ? paint(context) : null;
}

/** Returns the flow point under a pointer event, from the canvas transform and the pane's position on the page. */
function flowPoint(domNode: HTMLElement, transform: ViewTransform, event: MouseEvent): Point {
  const rect = domNode.getBoundingClientRect();
  return { x: (event.clientX - rect.left - transform.x) / transform.zoom, y: (event.clientY - rect.top - transform.y) / transform.zoom };
}

function onPane(domNode: HTMLElement, event: Event): boolean {
  return event.target instanceof Element && domNode.contains(event.target) && event.target.closest('.react-flow__pane') !== null;
}

/** Returns the ids of `ids` after adding `id`, or removing it when it is there. */
function toggled(ids: readonly string[], id: string): string[] {
  return ids.includes(id) ? ids.filter((other) => other !== id) : [...ids, id];
}

/** Moves keyboard focus off a field or menu, so Delete and other shortcuts act on what was selected on the canvas. */
function releaseFocus(): void {
  const focused = window.document.activeElement;
  if (focused instanceof HTMLElement && focused !== window.document.body) focused.blur();
}

function travelled(press: { screen: Point }, event: MouseEvent): number {
  return Math.hypot(event.clientX - press.screen.x, event.clientY - press.screen.y);
}

/**
 * Listens on the window, before React and React Flow see an event, so a press
 * on a node is handled here and never reaches React Flow's pan. Stopping a
 * pointerdown's default also stops the mouse events that follow it. Presses
 * on wires and empty canvas go on to React Flow, which pans, and a wire is
 * selected by a click. The pointerup listener runs after React Flow's, which
 * takes a Shift-click for a click on empty canvas and clears the selection.
 */
function useCompactPointer(
  domNode: HTMLElement | null,
  scene: CompactScene,
  view: { current: { transform: ViewTransform } },
  drag: { current: DragState | null },
  request: { current: (layer: 'base' | 'overlay') => void },
  setCenter: ReturnType<typeof useReactFlow>['setCenter'],
  menus: CompactCanvasMenus,
): void {
  const latest = useRef({ scene, menus });
  latest.current = { scene, menus };

  useEffect(() => {
    if (!domNode) return;
    let press: Press | null = null;
    // A press handled here still ends in a click, which React Flow would take as a click on empty canvas.
    let swallowClick = false;
    const pane = () => domNode.querySelector<HTMLElement>('.react-flow__pane');
    const pointAt = (event: MouseEvent) => flowPoint(domNode, view.current.transform, event);

    const onPointerDown = (event: PointerEvent) => {
      swallowClick = false;
      press = null;
      if (event.button !== 0 || !onPane(domNode, event)) return;
      const point = pointAt(event);
      const screen = { x: event.clientX, y: event.clientY };
      const store = editorStore.getState();

      if (event.shiftKey) {
        // React Flow draws the box of a Shift-drag, and the selection is worked out when the button is released.
        press = { type: 'shift', start: point, screen, before: store.selection };
        return;
      }
      const node = nodeAt(latest.current.scene, point, view.current.transform.zoom);
      if (!node) {
        press = { type: 'pane', start: point, screen, moved: false };
        return;
      }

      releaseFocus();
      swallowClick = true;
      const toggle = event.ctrlKey || event.metaKey;
      const selected = store.selection.nodes;
      let nodes: readonly string[] = [node.id];
      if (toggle) nodes = toggled(selected, node.id);
      else if (selected.includes(node.id)) nodes = selected;
      store.setSelection({ nodes, edges: toggle ? store.selection.edges : [] });
      // With editing locked a drag pans, as it does over a node drawn in full.
      if (store.lecture.lockEditing) return;

      event.preventDefault();
      event.stopPropagation();
      if (!nodes.includes(node.id)) return;
      const origins = new Map<string, Point>();
      for (const id of nodes) {
        const box = latest.current.scene.byId.get(id)?.box;
        if (box) origins.set(id, { x: box.x, y: box.y });
      }
      press = { type: 'node', start: point, screen, origins, dragging: false };
    };

    const onPointerMove = (event: PointerEvent) => {
      if (!press) {
        if (event.buttons === 0 && onPane(domNode, event)) hover(event);
        return;
      }
      if (press.type === 'pane') {
        press.moved ||= travelled(press, event) >= DRAG_THRESHOLD;
        return;
      }
      if (press.type !== 'node') return;
      if (!press.dragging && travelled(press, event) < DRAG_THRESHOLD) return;
      const point = pointAt(event);
      drag.current = { ids: new Set(press.origins.keys()), offset: { x: point.x - press.start.x, y: point.y - press.start.y }, finished: false };
      // The first move takes the dragged nodes off the base layer; later moves redraw the overlay alone.
      request.current(press.dragging ? 'overlay' : 'base');
      press.dragging = true;
    };

    const onPointerUp = (event: PointerEvent) => {
      const finished = press;
      if (finished?.type !== 'pane') press = null;
      if (!finished) return;
      const store = editorStore.getState();
      const point = pointAt(event);
      if (finished.type === 'shift') {
        swallowClick = true;
        releaseFocus();
        store.setSelection(shiftSelection(latest.current.scene, finished, point, travelled(finished, event) >= DRAG_THRESHOLD, view.current.transform.zoom));
        return;
      }
      if (finished.type !== 'node' || !finished.dragging) return;
      const dx = point.x - finished.start.x;
      const dy = point.y - finished.start.y;
      // The origins are canvas positions, which projector mode spreads out.
      const spread = currentSpread();
      const moves: GraphEdit[] = [...finished.origins].map(([nodeId, origin]) => ({ type: 'moveNode', nodeId, position: toDocumentPoint({ x: origin.x + dx, y: origin.y + dy }, spread) }));
      drag.current = { ids: new Set(finished.origins.keys()), offset: { x: dx, y: dy }, finished: true };
      store.dispatch(...moves);
    };

    // Escape during a node drag puts the nodes back: the drag ends without an edit, and the release does nothing.
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || press?.type !== 'node' || !press.dragging) return;
      event.stopPropagation();
      press = null;
      drag.current = null;
      request.current('base');
    };

    const hover = (event: PointerEvent) => {
      const element = pane();
      if (element) element.style.cursor = nodeAt(latest.current.scene, pointAt(event), view.current.transform.zoom) ? 'pointer' : '';
    };

    const onClick = (event: MouseEvent) => {
      const finished = press;
      press = null;
      if (swallowClick) {
        swallowClick = false;
        event.stopPropagation();
        return;
      }
      if (finished?.type !== 'pane' || finished.moved || !onPane(domNode, event)) return;
      const wire = wireAt(latest.current.scene, pointAt(event), view.current.transform.zoom);
      if (!wire) return;
      // A click on a wire selects it, where React Flow would clear the selection.
      event.stopPropagation();
      releaseFocus();
      const ctrl = event.ctrlKey || event.metaKey;
      const store = editorStore.getState();
      store.setSelection({ nodes: ctrl ? store.selection.nodes : [], edges: ctrl ? toggled(store.selection.edges, wire.id) : [wire.id] });
    };

    const onDoubleClick = (event: MouseEvent) => {
      if (!onPane(domNode, event)) return;
      const node = nodeAt(latest.current.scene, pointAt(event), view.current.transform.zoom);
      if (!node) return;
      // Stops the add-node popup, which a double-click on empty canvas opens.
      event.stopPropagation();
      void setCenter(node.box.x + node.box.width / 2, node.box.y + node.box.height / 2, { zoom: NODE_ZOOM, duration: prefersReducedMotion() ? 0 : 200 });
    };

    const onContextMenu = (event: MouseEvent) => {
      if (!onPane(domNode, event)) return;
      const point = pointAt(event);
      const node = nodeAt(latest.current.scene, point, view.current.transform.zoom);
      const wire = node ? null : wireAt(latest.current.scene, point, view.current.transform.zoom);
      if (!node && !wire) return;
      event.stopPropagation();
      if (node) latest.current.menus.onNode(event, node.id);
      else latest.current.menus.onWire(event, wire!.id);
    };

    const captured: [string, (event: never) => void][] = [
      ['pointerdown', onPointerDown],
      ['click', onClick],
      ['dblclick', onDoubleClick],
      ['contextmenu', onContextMenu],
      ['keydown', onKeyDown],
    ];
    for (const [type, listener] of captured) window.addEventListener(type, listener as EventListener, true);
    window.addEventListener('pointermove', onPointerMove);
    window.addEventListener('pointerup', onPointerUp);
    return () => {
      for (const [type, listener] of captured) window.removeEventListener(type, listener as EventListener, true);
      window.removeEventListener('pointermove', onPointerMove);
      window.removeEventListener('pointerup', onPointerUp);
      const element = pane();
      if (element) element.style.cursor = '';
    };
  }, [domNode, view, drag, request, setCenter]);
}

/**
 * Works out the selection after a press with Shift: a drag adds the nodes in
 * its box, and a click toggles the node or wire under the pointer.
 */
function shiftSelection(scene: CompactScene, press: { start: Point; before: Selection }, end: Point, dragged: boolean, zoom: number): Selection {
  const { before } = press;
  if (dragged) return { nodes: [...new Set([...before.nodes, ...nodesInRectangle(scene, press.start, end)])], edges: before.edges };
  const node = nodeAt(scene, end, zoom);
  if (node) return { nodes: toggled(before.nodes, node.id), edges: before.edges };
  const wire = wireAt(scene, end, zoom);
  return wire ? { nodes: before.nodes, edges: toggled(before.edges, wire.id) } : before;
}
