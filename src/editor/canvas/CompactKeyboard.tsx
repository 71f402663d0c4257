import { useReactFlow } from '@xyflow/react';
import { memo, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { GraphDocument } from '../../engine/document';
import { topologicalOrder } from '../../engine/topology';
import { useT } from '../i18n/use-t';
import { editorStore, useEditor } from '../store/use-editor';
import type { Box, CompactScene } from './compact-scene';
import { prefersReducedMotion } from './reduced-motion';
import type { ViewTransform } from './viewport-listener';

/** Zoom a node is shown at when the keyboard zooms to it, as a double-click does. */
const NODE_ZOOM = 1;
/** Screen pixels kept between a focused node and the pane's edge. A node closer to the edge is centred by panning. */
const VIEW_MARGIN = 24;

interface CompactKeyboardProps {
  document: GraphDocument;
  scene: CompactScene;
  /** The pane's current view, updated by CompactCanvas on every viewport change. */
  pane: { current: { transform: ViewTransform; width: number; height: number } };
  /** Draws the focus ring around a node's box, or hides it for null. */
  showRing(box: Box | null): void;
}

/** Returns the node ids in the order of the forward pass: every node after the nodes it reads from, nodes on a cycle last. */
function focusOrder(document: GraphDocument): string[] {
  const { order, cyclic } = topologicalOrder(document.nodes, document.edges);
  return [...order, ...cyclic];
}

/** Milliseconds to wait after a zoom to a node for React Flow to mount it, before giving up on focusing it. */
const FOCUS_WAIT_MS = 5000;

/** Focuses the element React Flow draws for node `id` once it is mounted, checking every frame until `deadline`. */
function focusWhenMounted(id: string, deadline: number): void {
  const element = window.document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
  if (element) {
    element.focus();
    return;
  }
  if (performance.now() < deadline) requestAnimationFrame(() => focusWhenMounted(id, deadline));
}

function inView(box: Box, pane: CompactKeyboardProps['pane']['current'], margin: number): boolean {
  const { x, y, zoom } = pane.transform;
  const left = box.x * zoom + x;
  const top = box.y * zoom + y;
  return left >= margin && top >= margin && left + box.width * zoom <= pane.width - margin && top + box.height * zoom <= pane.height - margin;
}

/**
 * Lets a keyboard user reach the nodes of a zoomed-out large graph, which has
 * no element per node. The canvas takes the focus as one element. Tab and the
 * arrow keys then move a focus ring through the nodes in the order of the
 * forward pass, Home and End go to the first and last node, and a live region
 * announces the focused node. Enter or Space selects it, and Enter on a
 * selected node zooms to it and hands the focus to the node drawn in full. Tab past the last node, or Shift+Tab before the
 * first, leaves the canvas. Delete removes the selection, as elsewhere.
 */
export const CompactKeyboard = memo(function CompactKeyboard({ document, scene, pane, showRing }: CompactKeyboardProps) {
  const t = useT();
  const { setCenter } = useReactFlow();
  const order = useMemo(() => focusOrder(document), [document]);
  const selectedNodes = useEditor((state) => state.selection.nodes);
  const [focused, setFocused] = useState<{ id: string; index: number } | null>(null);
  const [active, setActive] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const latest = useRef({ showRing });
  latest.current = { showRing };

  const describe = (id: string, index: number): string => {
    const documentNode = document.nodes.find((candidate) => candidate.id === id);
    const name = documentNode?.label ? `${documentNode.label} (${id})` : id;
    const params = { name, kind: documentNode?.kind ?? '?', position: index + 1, count: order.length };
    return selectedNodes.includes(id) ? t('canvas.nodeFocusSelected', params) : t('canvas.nodeFocus', params);
  };

  // The ring follows the focused node when the scene changes, such as after a drag, and hides while the canvas has no focus.
  useEffect(() => {
    const box = active && focused ? scene.byId.get(focused.id)?.box : undefined;
    latest.current.showRing(box ?? null);
  }, [active, focused, scene]);

  // A deleted focused node hands the focus to the node that took its place in the order.
  useEffect(() => {
    if (!focused || scene.byId.has(focused.id)) return;
    const index = Math.min(focused.index, order.length - 1);
    setFocused(index >= 0 ? { id: order[index], index } : null);
  }, [scene, order, focused]);

  useEffect(() => {
    if (active && focused) setAnnouncement(describe(focused.id, focused.index));
    // The announcement follows the focused node, its selection and the language, not every scene change.
  }, [active, focused?.id, selectedNodes, t]);

  const focusAt = (index: number) => {
    const id = order[index];
    setFocused({ id, index });
    const box = scene.byId.get(id)?.box;
    if (box && !inView(box, pane.current, VIEW_MARGIN)) {
      void setCenter(box.x + box.width / 2, box.y + box.height / 2, { zoom: pane.current.transform.zoom, duration: 0 });
    }
  };

  const onFocus = () => {
    setActive(true);
    if (focused && scene.byId.has(focused.id)) return;
    // The first focus goes to the first node in view, or the first node when none is.
    const visible = order.findIndex((id) => {
      const box = scene.byId.get(id)?.box;
      return box !== undefined && inView(box, pane.current, 0);
    });
    if (order.length > 0) focusAt(Math.max(0, visible));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey || order.length === 0) return;
    const index = focused ? order.indexOf(focused.id) : -1;
    let next: number | null = null;
    switch (event.key) {
      case 'Tab':
        next = event.shiftKey ? index - 1 : index + 1;
        // Past either end the focus leaves the canvas, so the keyboard is never trapped here.
        if (next < 0 || next >= order.length) return;
        break;
      case 'ArrowRight':
      case 'ArrowDown':
        next = Math.min(order.length - 1, index + 1);
        break;
      case 'ArrowLeft':
      case 'ArrowUp':
        next = Math.max(0, index - 1);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = order.length - 1;
        break;
      case 'Enter':
      case ' ':
        if (focused) activate(focused.id, event.key === 'Enter');
        break;
      default:
        return;
    }
    // The keys handled here do not reach the shortcuts on the window, where Space plays and the arrows step.
    event.preventDefault();
    event.stopPropagation();
    if (next !== null) focusAt(next);
  };

  const activate = (id: string, zoomWhenSelected: boolean) => {
    const store = editorStore.getState();
    const box = scene.byId.get(id)?.box;
    if (zoomWhenSelected && box && store.selection.nodes.length === 1 && store.selection.nodes[0] === id) {
      // At that zoom the node is drawn in full and this canvas goes, so the focus moves to the node's own element.
      void setCenter(box.x + box.width / 2, box.y + box.height / 2, { zoom: NODE_ZOOM, duration: prefersReducedMotion() ? 0 : 200 }).then(() =>
        focusWhenMounted(id, performance.now() + FOCUS_WAIT_MS),
      );
      return;
    }
    store.setSelection({ nodes: [id], edges: [] });
  };

  return (
    <>
      <div
        className="compact-keys"
        tabIndex={0}
        role="application"
        aria-label={t('canvas.compactKeys')}
        data-testid="compact-keys"
        onFocus={onFocus}
        onBlur={() => setActive(false)}
        onKeyDown={onKeyDown}
      />
      <div className="visually-hidden" aria-live="polite" data-testid="compact-announcement">
        {announcement}
      </div>
    </>
  );
});
