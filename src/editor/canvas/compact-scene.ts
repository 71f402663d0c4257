import type { GraphDocument, GraphEdge } from '../../engine/document';
import type { NodeKind } from '../../engine/types';
import { NO_SPREAD, toCanvasPoint, type Spread } from '../projector/spread';
import { kindOfNode } from '../teaching/module-kind';
import { portFraction } from './drawing';

/** Size of every node of a zoomed-out large graph, in flow units. */
export const COMPACT_NODE_SIZE = { width: 90, height: 60 };

/** Font size of a compact node's symbol in flow units; under MIN_SYMBOL_PIXELS on screen it is left out. */
const SYMBOL_SIZE = 32;
const MIN_SYMBOL_PIXELS = 7;
/** Distance from a wire, in screen pixels, within which a click selects it. */
const WIRE_REACH_PIXELS = 5;

export interface Point {
  x: number;
  y: number;
}

/** A rectangle in flow units. */
export interface Box extends Point {
  width: number;
  height: number;
}

export interface SceneNode {
  id: string;
  box: Box;
  symbol: string;
  kind: NodeKind | null;
}

export interface SceneWire {
  id: string;
  edge: GraphEdge;
  from: Point;
  to: Point;
}

/** A large graph as the compact canvas draws it: one box per node and one straight segment per wire. */
export interface CompactScene {
  nodes: SceneNode[];
  wires: SceneWire[];
  byId: ReadonlyMap<string, SceneNode>;
  /** The smallest box around every node, or null for an empty graph. */
  bounds: Box | null;
}

/**
 * Returns the point where a wire meets a node's side: ports are spread evenly
 * down the left (inputs) or right (outputs) side, in the kind's port order.
 */
function portPoint(node: SceneNode, side: 'input' | 'output', port: string): Point {
  const ports = side === 'input' ? (node.kind?.inputs ?? []) : (node.kind?.outputs ?? []);
  const index = ports.findIndex((candidate) => candidate.name === port);
  const fraction = index < 0 ? 0.5 : portFraction(index, ports.length);
  const { box } = node;
  return { x: side === 'input' ? box.x : box.x + box.width, y: box.y + box.height * fraction };
}

/**
 * Lays out the scene of `document` with nodes at their document positions,
 * except those in `moved`, which are being dragged and given in canvas
 * positions. Positions and node sizes are multiplied by `spread`, as projector
 * mode spreads the nodes drawn in full.
 */
export function buildScene(document: GraphDocument, moved: ReadonlyMap<string, Point> = new Map(), spread: Spread = NO_SPREAD): CompactScene {
  const size = { width: COMPACT_NODE_SIZE.width * spread.x, height: COMPACT_NODE_SIZE.height * spread.y };
  const nodes: SceneNode[] = [];
  const byId = new Map<string, SceneNode>();
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const node of document.nodes) {
    const position = moved.get(node.id) ?? toCanvasPoint(node.position, spread);
    const kind = kindOfNode(node, document);
    const entry: SceneNode = { id: node.id, box: { x: position.x, y: position.y, ...size }, symbol: kind?.symbol ?? '?', kind };
    nodes.push(entry);
    byId.set(node.id, entry);
    left = Math.min(left, position.x);
    top = Math.min(top, position.y);
    right = Math.max(right, position.x + size.width);
    bottom = Math.max(bottom, position.y + size.height);
  }
  const wires: SceneWire[] = [];
  for (const edge of document.edges) {
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source || !target) continue;
    wires.push({ id: edge.id, edge, from: portPoint(source, 'output', edge.sourcePort), to: portPoint(target, 'input', edge.targetPort) });
  }
  const bounds = nodes.length > 0 ? { x: left, y: top, width: right - left, height: bottom - top } : null;
  return { nodes, wires, byId, bounds };
}

/** Screen pixels around a node that still count as on it, so that a node drawn a pixel wide can be pressed. */
const NODE_REACH_PIXELS = 1.5;

function contains(box: Box, point: Point, reach: number): boolean {
  return point.x >= box.x - reach && point.x <= box.x + box.width + reach && point.y >= box.y - reach && point.y <= box.y + box.height + reach;
}

/**
 * Returns the topmost node under a flow point, or within a pixel and a half of
 * it at `zoom`, or null. Later nodes are drawn over earlier ones.
 */
export function nodeAt(scene: CompactScene, point: Point, zoom = Infinity): SceneNode | null {
  const reach = NODE_REACH_PIXELS / zoom;
  for (let index = scene.nodes.length - 1; index >= 0; index--) {
    if (contains(scene.nodes[index].box, point, reach)) return scene.nodes[index];
  }
  return null;
}

function distanceToSegment(point: Point, from: Point, to: Point): number {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const lengthSquared = dx * dx + dy * dy;
  const along = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((point.x - from.x) * dx + (point.y - from.y) * dy) / lengthSquared));
  return Math.hypot(point.x - (from.x + along * dx), point.y - (from.y + along * dy));
}

/** Returns the wire nearest a flow point within a few screen pixels at `zoom`, or null. */
export function wireAt(scene: CompactScene, point: Point, zoom: number): SceneWire | null {
  let best: SceneWire | null = null;
  let bestDistance = WIRE_REACH_PIXELS / zoom;
  for (const wire of scene.wires) {
    const distance = distanceToSegment(point, wire.from, wire.to);
    if (distance <= bestDistance) {
      best = wire;
      bestDistance = distance;
    }
  }
  return best;
}

/** Ids of the nodes that overlap a rectangle given by two opposite corners. */
export function nodesInRectangle(scene: CompactScene, a: Point, b: Point): string[] {
  const left = Math.min(a.x, b.x);
  const right = Math.max(a.x, b.x);
  const top = Math.min(a.y, b.y);
  const bottom = Math.max(a.y, b.y);
  return scene.nodes
    .filter(({ box }) => box.x <= right && box.x + box.width >= left && box.y <= bottom && box.y + box.height >= top)
    .map((node) => node.id);
}

/**
 * The view a canvas was drawn at: flow point p lands on canvas pixel
 * (p · zoom + (x, y)) · pixelRatio, and the canvas measures width × height CSS pixels.
 */
export interface SceneView {
  x: number;
  y: number;
  zoom: number;
  width: number;
  height: number;
  pixelRatio: number;
}

export interface SceneColours {
  wire: string;
  node: string;
  border: string;
  ink: string;
  selected: string;
  active: string;
  error: string;
  warning: string;
  value: string;
  gradient: string;
}

/** Style of the base layer besides the graph: the selection and problems. */
export interface BaseStyle {
  colours: SceneColours;
  selectedNodes: ReadonlySet<string>;
  selectedWires: ReadonlySet<string>;
  severity: ReadonlyMap<string, 'error' | 'warning'>;
  /** Nodes being dragged: the overlay draws them and their wires. */
  moving: ReadonlySet<string>;
}

/** Style of the overlay: dragged nodes and their wires, and the active playback step. */
export interface OverlayStyle extends BaseStyle {
  /** How far the dragged nodes have moved, in flow units. */
  offset: Point;
  /** Node of the active playback step, and the wires its pulse travels along. */
  activeNode: string | null;
  pulse: { phase: 'forward' | 'backward'; wires: ReadonlySet<string> } | null;
}

/** Clears a canvas and makes flow units its drawing units. Returns the flow box it covers. */
function prepare(context: CanvasRenderingContext2D, view: SceneView): Box {
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.clearRect(0, 0, context.canvas.width, context.canvas.height);
  const scale = view.pixelRatio * view.zoom;
  context.setTransform(scale, 0, 0, scale, view.pixelRatio * view.x, view.pixelRatio * view.y);
  return { x: -view.x / view.zoom, y: -view.y / view.zoom, width: view.width / view.zoom, height: view.height / view.zoom };
}

function overlaps(a: Box, b: Box): boolean {
  return a.x <= b.x + b.width && a.x + a.width >= b.x && a.y <= b.y + b.height && a.y + a.height >= b.y;
}

function segmentBox(from: Point, to: Point): Box {
  return { x: Math.min(from.x, to.x), y: Math.min(from.y, to.y), width: Math.abs(to.x - from.x), height: Math.abs(to.y - from.y) };
}

function strokeSegments(context: CanvasRenderingContext2D, segments: readonly [Point, Point][], colour: string, width: number): void {
  if (segments.length === 0) return;
  context.beginPath();
  for (const [from, to] of segments) {
    context.moveTo(from.x, from.y);
    context.lineTo(to.x, to.y);
  }
  context.strokeStyle = colour;
  context.lineWidth = width;
  context.stroke();
}

/** Fills boxes with the node colour, then strokes each border in the colour of its state. */
function drawBoxes(context: CanvasRenderingContext2D, boxes: readonly { node: SceneNode; box: Box }[], style: BaseStyle, pixel: number): void {
  if (boxes.length === 0) return;
  const { colours } = style;
  context.beginPath();
  for (const { box } of boxes) context.rect(box.x, box.y, box.width, box.height);
  context.fillStyle = colours.node;
  context.fill();
  const borders: [string, number, (id: string) => boolean][] = [
    [colours.border, 1.5, (id) => !style.selectedNodes.has(id) && !style.severity.has(id)],
    [colours.warning, 2.5, (id) => !style.selectedNodes.has(id) && style.severity.get(id) === 'warning'],
    [colours.error, 2.5, (id) => !style.selectedNodes.has(id) && style.severity.get(id) === 'error'],
    [colours.selected, 3.5, (id) => style.selectedNodes.has(id)],
  ];
  for (const [colour, width, applies] of borders) {
    const chosen = boxes.filter(({ node }) => applies(node.id));
    if (chosen.length === 0) continue;
    context.beginPath();
    for (const { box } of chosen) context.rect(box.x, box.y, box.width, box.height);
    context.strokeStyle = colour;
    context.lineWidth = width * pixel;
    context.stroke();
  }
}

/** Font of a compact node's symbol, at SYMBOL_SIZE flow units. */
export const SYMBOL_FONT = { weight: 700, size: SYMBOL_SIZE, family: 'system-ui, sans-serif' } as const;

/** Returns the CSS font of a compact node's symbol at `size` units. */
export function symbolFont(size: number = SYMBOL_FONT.size): string {
  return `${SYMBOL_FONT.weight} ${size}px ${SYMBOL_FONT.family}`;
}

/** Tells whether the symbols of compact nodes are large enough to read at `zoom`, screen pixels per flow unit. */
export function symbolsReadable(zoom: number): boolean {
  return SYMBOL_SIZE * zoom >= MIN_SYMBOL_PIXELS;
}

/** Reads the colours of the compact drawing from the CSS custom properties in effect on `element`. */
export function readSceneColours(element: Element): SceneColours {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    wire: read('--canvas-wire', '#59616f'),
    node: '#ffffff',
    border: read('--canvas-border', '#8a93a3'),
    ink: read('--ink', '#1d2330'),
    selected: read('--value', '#1f4e9c'),
    active: read('--active', '#e8a400'),
    error: read('--error', '#c62828'),
    warning: read('--warning', '#b86e00'),
    value: read('--value', '#1f4e9c'),
    gradient: read('--gradient', '#b3261e'),
  };
}

function drawSymbols(context: CanvasRenderingContext2D, boxes: readonly { node: SceneNode; box: Box }[], colour: string, zoom: number): void {
  if (!symbolsReadable(zoom) || boxes.length === 0) return;
  context.fillStyle = colour;
  context.font = symbolFont();
  context.textAlign = 'center';
  context.textBaseline = 'middle';
  for (const { node, box } of boxes) context.fillText(node.symbol, box.x + box.width / 2, box.y + box.height / 2, box.width - 8);
}

/**
 * Draws the graph as it is: wires as straight lines, nodes as boxes with
 * their symbol when it is large enough to read, the selection and problems.
 * Line widths stay the same on screen at any zoom, and only what lies on the
 * canvas is drawn. Dragged nodes and their wires are left to the overlay.
 * Returns the number of nodes and wires drawn.
 */
export function drawBase(context: CanvasRenderingContext2D, scene: CompactScene, view: SceneView, style: BaseStyle): { nodes: number; wires: number } {
  const covered = prepare(context, view);
  const pixel = 1 / view.zoom;
  const still = (wire: SceneWire) => !style.moving.has(wire.edge.source) && !style.moving.has(wire.edge.target);
  const wires = scene.wires.filter((wire) => still(wire) && overlaps(covered, segmentBox(wire.from, wire.to)));
  strokeSegments(context, wires.filter((wire) => !style.selectedWires.has(wire.id)).map((wire) => [wire.from, wire.to]), style.colours.wire, 1.5 * pixel);
  strokeSegments(context, wires.filter((wire) => style.selectedWires.has(wire.id)).map((wire) => [wire.from, wire.to]), style.colours.selected, 3 * pixel);
  const boxes = scene.nodes.filter((node) => !style.moving.has(node.id) && overlaps(covered, node.box)).map((node) => ({ node, box: node.box }));
  drawBoxes(context, boxes, style, pixel);
  drawSymbols(context, boxes, style.colours.ink, view.zoom);
  return { nodes: boxes.length, wires: wires.length };
}

/**
 * Draws what changes often, over the base layer: dragged nodes at their new
 * place with their wires, the active playback node, and its pulsed wires.
 * Returns the number of dragged nodes drawn.
 */
export function drawOverlay(context: CanvasRenderingContext2D, scene: CompactScene, view: SceneView, style: OverlayStyle): number {
  const covered = prepare(context, view);
  const pixel = 1 / view.zoom;
  const { colours, moving, offset } = style;
  const shifted = (point: Point, id: string): Point => (moving.has(id) ? { x: point.x + offset.x, y: point.y + offset.y } : point);
  const segmentOf = (wire: SceneWire): [Point, Point] => [shifted(wire.from, wire.edge.source), shifted(wire.to, wire.edge.target)];

  if (moving.size > 0) {
    const attached = scene.wires.filter((wire) => moving.has(wire.edge.source) || moving.has(wire.edge.target));
    strokeSegments(context, attached.map(segmentOf), colours.wire, 1.5 * pixel);
  }
  if (style.pulse) {
    const colour = style.pulse.phase === 'forward' ? colours.value : colours.gradient;
    const pulsed = scene.wires.filter((wire) => style.pulse!.wires.has(wire.id)).map(segmentOf);
    strokeSegments(context, pulsed, colour, 3 * pixel);
  }

  const boxes: { node: SceneNode; box: Box }[] = [];
  for (const id of moving) {
    const node = scene.byId.get(id);
    if (!node) continue;
    const box = { ...node.box, x: node.box.x + offset.x, y: node.box.y + offset.y };
    if (overlaps(covered, box)) boxes.push({ node, box });
  }
  drawBoxes(context, boxes, style, pixel);
  const active = style.activeNode === null ? undefined : scene.byId.get(style.activeNode);
  const activeBox = active && { node: active, box: moving.has(active.id) ? { ...active.box, x: active.box.x + offset.x, y: active.box.y + offset.y } : active.box };
  if (activeBox && overlaps(covered, activeBox.box)) {
    const { box } = activeBox;
    context.fillStyle = colours.active;
    context.fillRect(box.x, box.y, box.width, box.height);
    context.strokeStyle = colours.border;
    context.lineWidth = 1.5 * pixel;
    context.strokeRect(box.x, box.y, box.width, box.height);
    drawSymbols(context, [activeBox], colours.ink, view.zoom);
  }
  drawSymbols(context, boxes, colours.ink, view.zoom);
  return boxes.length;
}

/**
 * Returns the flow-unit box around everything the overlay draws for `style`,
 * or null when it draws nothing. Line widths are left to the caller's margin.
 */
export function overlayBounds(scene: CompactScene, style: Pick<OverlayStyle, 'moving' | 'offset' | 'activeNode' | 'pulse'>): Box | null {
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  const include = (point: Point) => {
    left = Math.min(left, point.x);
    top = Math.min(top, point.y);
    right = Math.max(right, point.x);
    bottom = Math.max(bottom, point.y);
  };
  const shifted = (point: Point, id: string): Point => (style.moving.has(id) ? { x: point.x + style.offset.x, y: point.y + style.offset.y } : point);
  const includeBox = (box: Box, id: string) => {
    include(shifted(box, id));
    include(shifted({ x: box.x + box.width, y: box.y + box.height }, id));
  };
  for (const id of style.moving) {
    const node = scene.byId.get(id);
    if (node) includeBox(node.box, id);
  }
  const active = style.activeNode === null ? undefined : scene.byId.get(style.activeNode);
  if (active) includeBox(active.box, active.id);
  for (const wire of scene.wires) {
    const attached = style.moving.has(wire.edge.source) || style.moving.has(wire.edge.target);
    if (!attached && !style.pulse?.wires.has(wire.id)) continue;
    include(shifted(wire.from, wire.edge.source));
    include(shifted(wire.to, wire.edge.target));
  }
  return left === Infinity ? null : { x: left, y: top, width: right - left, height: bottom - top };
}

