import type { GraphDocument, GraphEdge } from '../../engine/document';
import type { NodeKind } from '../../engine/types';
import { kindOfNode } from '../teaching/module-kind';
import { portFraction } from './drawing';

/** Size of every node of a zoomed-out large graph, in flow units. */
export const COMPACT_NODE_SIZE = { width: 90, height: 60 };

/** Font size of a compact node's symbol in flow units; under MIN_SYMBOL_PIXELS on screen it is left out. */
const SYMBOL_SIZE = 32;
const MIN_SYMBOL_PIXELS = 7;
/** How close to a wire, in screen pixels, a click selects it. */
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
 * except those in `moved`, which are being dragged.
 */
export function buildScene(document: GraphDocument, moved: ReadonlyMap<string, Point> = new Map()): CompactScene {
  const nodes: SceneNode[] = [];
  const byId = new Map<string, SceneNode>();
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const node of document.nodes) {
    const position = moved.get(node.id) ?? node.position;
    const kind = kindOfNode(node, document);
    const entry: SceneNode = { id: node.id, box: { x: position.x, y: position.y, ...COMPACT_NODE_SIZE }, symbol: kind?.symbol ?? '?', kind };
    nodes.push(entry);
    byId.set(node.id, entry);
    left = Math.min(left, position.x);
    top = Math.min(top, position.y);
    right = Math.max(right, position.x + COMPACT_NODE_SIZE.width);
    bottom = Math.max(bottom, position.y + COMPACT_NODE_SIZE.height);
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

function contains(box: Box, point: Point): boolean {
  return point.x >= box.x && point.x <= box.x + box.width && point.y >= box.y && point.y <= box.y + box.height;
}

/** Returns the topmost node under a flow point, or null. Later nodes are drawn over earlier ones. */
export function nodeAt(scene: CompactScene, point: Point): SceneNode | null {
  for (let index = scene.nodes.length - 1; index >= 0; index--) {
    if (contains(scene.nodes[index].box, point)) return scene.nodes[index];
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

/** What changes from frame to frame: the view, the selection, the playback step and problems. */
export interface SceneStyle {
  transform: { x: number; y: number; zoom: number };
  /** Canvas size in CSS pixels and the device pixel ratio. */
  width: number;
  height: number;
  pixelRatio: number;
  selectedNodes: ReadonlySet<string>;
  selectedWires: ReadonlySet<string>;
  severity: ReadonlyMap<string, 'error' | 'warning'>;
  /** Node of the active playback step, and the wires its pulse travels along. */
  activeNode: string | null;
  pulse: { phase: 'forward' | 'backward'; wires: ReadonlySet<string>; progress: number | null } | null;
  colours: SceneColours;
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

function visibleBox(style: SceneStyle): Box {
  const { x, y, zoom } = style.transform;
  return { x: -x / zoom, y: -y / zoom, width: style.width / zoom, height: style.height / zoom };
}

function overlaps(a: Box, b: Box): boolean {
  return a.x <= b.x + b.width && a.x + a.width >= b.x && a.y <= b.y + b.height && a.y + a.height >= b.y;
}

function strokeWires(context: CanvasRenderingContext2D, wires: readonly SceneWire[], colour: string, width: number): void {
  if (wires.length === 0) return;
  context.beginPath();
  for (const wire of wires) {
    context.moveTo(wire.from.x, wire.from.y);
    context.lineTo(wire.to.x, wire.to.y);
  }
  context.strokeStyle = colour;
  context.lineWidth = width;
  context.stroke();
}

function strokeBoxes(context: CanvasRenderingContext2D, nodes: readonly SceneNode[], colour: string, width: number): void {
  if (nodes.length === 0) return;
  context.beginPath();
  for (const { box } of nodes) context.rect(box.x, box.y, box.width, box.height);
  context.strokeStyle = colour;
  context.lineWidth = width;
  context.stroke();
}

/**
 * Draws the scene: wires as straight lines, nodes as boxes with their symbol
 * when it is large enough to read, the selection, problems, and the active
 * playback step. Line widths stay the same on screen at any zoom. Only what
 * lies in view is drawn. Returns the number of nodes and wires drawn.
 */
export function drawScene(context: CanvasRenderingContext2D, scene: CompactScene, style: SceneStyle): { nodes: number; wires: number } {
  const { transform, pixelRatio, colours } = style;
  const pixel = 1 / transform.zoom;
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.clearRect(0, 0, context.canvas.width, context.canvas.height);
  context.setTransform(pixelRatio * transform.zoom, 0, 0, pixelRatio * transform.zoom, pixelRatio * transform.x, pixelRatio * transform.y);

  const view = visibleBox(style);
  const wires = scene.wires.filter((wire) => overlaps(view, segmentBox(wire)));
  const nodes = scene.nodes.filter((node) => overlaps(view, node.box));
  const pulseWires = style.pulse?.wires ?? new Set<string>();

  strokeWires(context, wires.filter((wire) => !style.selectedWires.has(wire.id) && !pulseWires.has(wire.id)), colours.wire, 1.5 * pixel);
  strokeWires(context, wires.filter((wire) => style.selectedWires.has(wire.id)), colours.selected, 3 * pixel);
  if (style.pulse) {
    const colour = style.pulse.phase === 'forward' ? colours.value : colours.gradient;
    const pulsed = wires.filter((wire) => pulseWires.has(wire.id));
    strokeWires(context, pulsed, colour, 3 * pixel);
    if (style.pulse.progress !== null) drawPulseDots(context, pulsed, style.pulse.phase, style.pulse.progress, colour, pixel);
  }

  context.beginPath();
  for (const { box } of nodes) context.rect(box.x, box.y, box.width, box.height);
  context.fillStyle = colours.node;
  context.fill();
  const active = style.activeNode === null ? undefined : scene.byId.get(style.activeNode);
  if (active && overlaps(view, active.box)) {
    context.fillStyle = colours.active;
    context.fillRect(active.box.x, active.box.y, active.box.width, active.box.height);
  }
  const plain = nodes.filter((node) => !style.selectedNodes.has(node.id) && !style.severity.has(node.id));
  strokeBoxes(context, plain, colours.border, 1.5 * pixel);
  strokeBoxes(context, nodes.filter((node) => style.severity.get(node.id) === 'warning'), colours.warning, 2.5 * pixel);
  strokeBoxes(context, nodes.filter((node) => style.severity.get(node.id) === 'error'), colours.error, 2.5 * pixel);
  strokeBoxes(context, nodes.filter((node) => style.selectedNodes.has(node.id)), colours.selected, 3.5 * pixel);

  if (SYMBOL_SIZE * transform.zoom >= MIN_SYMBOL_PIXELS) {
    context.fillStyle = colours.ink;
    context.font = `700 ${SYMBOL_SIZE}px system-ui, sans-serif`;
    context.textAlign = 'center';
    context.textBaseline = 'middle';
    for (const { box, symbol } of nodes) context.fillText(symbol, box.x + box.width / 2, box.y + box.height / 2, box.width - 8);
  }
  return { nodes: nodes.length, wires: wires.length };
}

function segmentBox(wire: SceneWire): Box {
  return {
    x: Math.min(wire.from.x, wire.to.x),
    y: Math.min(wire.from.y, wire.to.y),
    width: Math.abs(wire.to.x - wire.from.x),
    height: Math.abs(wire.to.y - wire.from.y),
  };
}

/** A dot per pulsed wire at `progress` (0 to 1) of the way: forward from the source, backward from the target. */
function drawPulseDots(context: CanvasRenderingContext2D, wires: readonly SceneWire[], phase: 'forward' | 'backward', progress: number, colour: string, pixel: number): void {
  context.beginPath();
  for (const wire of wires) {
    const [from, to] = phase === 'forward' ? [wire.from, wire.to] : [wire.to, wire.from];
    const x = from.x + (to.x - from.x) * progress;
    const y = from.y + (to.y - from.y) * progress;
    context.moveTo(x + 6 * pixel, y);
    context.arc(x, y, 6 * pixel, 0, 2 * Math.PI);
  }
  context.fillStyle = colour;
  context.fill();
}
