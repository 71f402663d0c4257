import { registry } from '../../nodes';
import { spreadOf, type Point, type Spread } from '../projector/spread';
import { viewSettingsStore } from '../projector/view-settings';
import { createNode } from '../store/new-node';
import type { EditorState } from '../store/store';
import { estimateLayoutInPage } from './node-estimates';
import type { NodeLayout } from './node-layout';

/**
 * Returns the top left corner, in document units, that puts the middle of a
 * node drawn with `layout` on `point`, a document position. The layout is in
 * canvas units, which projector mode's `spread` divides back into document units.
 */
export function centredOn(point: Point, layout: Pick<NodeLayout, 'width' | 'height'>, spread: Spread): Point {
  return { x: point.x - layout.width / 2 / spread.x, y: point.y - layout.height / 2 / spread.y };
}

/**
 * Returns the top left corner, in document units, that puts the middle of the
 * handle of `port` on `point`, so that a wire dropped there joins the new
 * node's port where it was let go. `type` is 'target' for an input port and
 * 'source' for an output. Without that handle in `layout`, the node is centred on `point`.
 */
export function portOn(point: Point, layout: Pick<NodeLayout, 'width' | 'height' | 'handles'>, spread: Spread, port: string, type: 'source' | 'target'): Point {
  const handle = layout.handles.find((candidate) => candidate.id === port && candidate.type === type);
  if (!handle) return centredOn(point, layout, spread);
  const middle = { x: handle.x + (handle.width ?? 0) / 2, y: handle.y + (handle.height ?? 0) / 2 };
  return { x: point.x - middle.x / spread.x, y: point.y - middle.y / spread.y };
}

/** Estimates the layout of a new node of `kindName` as the canvas draws it now, and returns it with the spread in use; null for an unknown kind. */
export function newNodeLayout(state: EditorState, kindName: string): { layout: NodeLayout; spread: Spread } | null {
  const kind = registry.get(kindName);
  if (!kind) return null;
  const { projector } = viewSettingsStore.getState();
  const node = createNode(state.document, kind, { x: 0, y: 0 });
  return { layout: estimateLayoutInPage(node, state.document, state, projector), spread: spreadOf(projector) };
}

/** Returns the document position for a new node of `kindName` whose middle lands on `point`, a document position. */
export function centredNodePosition(state: EditorState, kindName: string, point: Point): Point {
  const estimate = newNodeLayout(state, kindName);
  return estimate ? centredOn(point, estimate.layout, estimate.spread) : point;
}
