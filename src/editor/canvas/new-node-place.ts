import { registry } from '../../nodes';
import { currentSpread, spreadOf, toDocumentPoint, type Point, type Spread } from '../projector/spread';
import { viewSettingsStore } from '../projector/view-settings';
import { createNode } from '../store/new-node';
import type { EditorState } from '../store/store';
import { editorStore } from '../store/use-editor';
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

/**
 * Estimates the layout of a new node of `kindName` as the canvas draws it now.
 * Returns it with the spread in use, or null for an unknown kind.
 */
export function newNodeLayout(state: EditorState, kindName: string): { layout: NodeLayout; spread: Spread } | null {
  const kind = registry.get(kindName);
  if (!kind) return null;
  const { projector } = viewSettingsStore.getState();
  const node = createNode(state.document, kind, { x: 0, y: 0 });
  return { layout: estimateLayoutInPage(node, state.document, state, projector), spread: spreadOf(projector) };
}

/**
 * Adds a node of `kindName` whose middle lands on `point`, a canvas position,
 * and selects it. Returns its id, or null when nothing was added.
 */
export function addNodeCentredAt(kindName: string, point: Point): string | null {
  const store = editorStore.getState();
  const spread = currentSpread();
  const documentPoint = toDocumentPoint(point, spread);
  const estimate = newNodeLayout(store, kindName);
  const id = store.addNodeOfKind(kindName, estimate ? centredOn(documentPoint, estimate.layout, estimate.spread) : documentPoint);
  if (id) store.setSelection({ nodes: [id], edges: [] });
  return id;
}
