import { useReactFlow, useStore } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { prefersReducedMotion } from '../canvas/reduced-motion';
import { activeStep } from '../store/timeline';
import { editorStore, useEditor } from '../store/use-editor';
import { COMPACT_NODE_SIZE } from '../canvas/compact-scene';
import { usePlacedLoad } from '../canvas/placed-load';
import { findNode } from '../canvas/selectors';
import { currentSpread, toCanvasPoint } from './spread';
import { useViewSettings } from './view-settings';

/** Zoom at which projector mode shows the active node, unless the user zoomed in further. */
export const FOLLOW_ZOOM = 1.4;
/** Length of the follow animation in milliseconds; 0 when the user asks for reduced motion. */
const FOLLOW_MS = 300;
/** How long after projector mode is switched on a new size of the active node centres it again. */
const RESIZE_FOLLOW_MS = 1000;

/**
 * In projector mode, centres the canvas on the node of the active timeline
 * step and zooms to at least FOLLOW_ZOOM, at every step while playing or
 * stepping, and when a loaded graph is first traced and placed in view. An
 * edit, which gives a new trace of the same graph, leaves the view where the user put it.
 * Renders nothing; it must sit inside the ReactFlowProvider.
 */
export function ProjectorFollow() {
  const projector = useViewSettings((state) => state.projector);
  const activeId = useEditor((state) => activeStep(state.trace?.steps ?? [], state.cursor)?.nodeId ?? null);
  const cursor = useEditor((state) => state.cursor);
  const trace = useEditor((state) => state.trace);
  const loadId = useEditor((state) => state.loadId);
  // Placing a loaded graph fits it into view, after the first follow when its trace came at once; the follow then comes again.
  const placedLoad = usePlacedLoad();
  const { getInternalNode, getZoom, setCenter } = useReactFlow();
  // The active node's measured size. Projector mode's larger type makes React Flow measure the node again
  // after the switch, and a new size within RESIZE_FOLLOW_MS of it centres the node again.
  const activeSize = useStore((state) => {
    // Outside projector mode nothing follows, so no text is built on every store update, such as each drag move.
    const measured = !projector || activeId === null ? undefined : state.nodeLookup.get(activeId)?.measured;
    return measured ? `${measured.width}x${measured.height}` : '';
  });
  const switchedOn = useRef(-Infinity);
  const followed = useRef({ projector, activeId, cursor, trace, placedLoad });
  // The load whose graph the view last followed, so that later traces of it count as edits.
  const followedLoad = useRef<number | null>(null);

  useEffect(() => {
    const before = followed.current;
    followed.current = { projector, activeId, cursor, trace, placedLoad };
    if (projector && !before.projector) switchedOn.current = performance.now();
    if (!projector || activeId === null) return;
    // A size that changes later, as when the user zooms out and the node leaves React Flow, moves nothing.
    const placed = before.placedLoad !== placedLoad;
    const onlyResized = before.projector === projector && before.activeId === activeId && before.cursor === cursor && before.trace === trace && !placed;
    if (onlyResized && performance.now() - switchedOn.current > RESIZE_FOLLOW_MS) return;
    const edited = before.projector === projector && before.trace !== trace && !placed && followedLoad.current === loadId;
    if (edited) return;
    followedLoad.current = loadId;
    // One frame later, React Flow has the nodes at their spread positions when projector mode was just
    // switched on, and this move replaces the view that useSpreadViewport kept in the same commit.
    const frame = requestAnimationFrame(() => {
      // Zoomed out, a large graph's nodes are drawn without React Flow, so the document gives the position.
      const node = getInternalNode(activeId);
      const documentNode = findNode(editorStore.getState().document, activeId);
      const position = node?.internals.positionAbsolute ?? (documentNode && toCanvasPoint(documentNode.position, currentSpread()));
      if (!position) return;
      const { x, y } = position;
      const width = node?.measured.width ?? COMPACT_NODE_SIZE.width * currentSpread().x;
      const height = node?.measured.height ?? COMPACT_NODE_SIZE.height * currentSpread().y;
      void setCenter(x + width / 2, y + height / 2, { zoom: Math.max(getZoom(), FOLLOW_ZOOM), duration: prefersReducedMotion() ? 0 : FOLLOW_MS });
    });
    return () => cancelAnimationFrame(frame);
  }, [projector, activeId, cursor, trace, loadId, placedLoad, activeSize, getInternalNode, getZoom, setCenter]);

  return null;
}
