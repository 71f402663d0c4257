import { useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import { prefersReducedMotion } from '../canvas/reduced-motion';
import { activeStep } from '../store/timeline';
import { editorStore, useEditor } from '../store/use-editor';
import { COMPACT_NODE_SIZE } from '../canvas/compact-scene';
import { findNode } from '../canvas/selectors';
import { currentSpread, toCanvasPoint } from './spread';
import { useViewSettings } from './view-settings';

/** Zoom at which projector mode shows the active node, unless the user zoomed in further. */
export const FOLLOW_ZOOM = 1.4;
/** Length of the follow animation in milliseconds; 0 when the user asks for reduced motion. */
const FOLLOW_MS = 300;

/**
 * In projector mode, centres the canvas on the node of the active timeline
 * step and zooms to at least FOLLOW_ZOOM, at every step while playing or
 * stepping. Renders nothing; it must sit inside the ReactFlowProvider.
 */
export function ProjectorFollow() {
  const projector = useViewSettings((state) => state.projector);
  const activeId = useEditor((state) => activeStep(state.trace?.steps ?? [], state.cursor)?.nodeId ?? null);
  const cursor = useEditor((state) => state.cursor);
  const { getInternalNode, getZoom, setCenter } = useReactFlow();

  useEffect(() => {
    if (!projector || activeId === null) return;
    // Zoomed out, a large graph's nodes are drawn without React Flow, so the document gives the position.
    const node = getInternalNode(activeId);
    const documentNode = findNode(editorStore.getState().document, activeId);
    const position = node?.internals.positionAbsolute ?? (documentNode && toCanvasPoint(documentNode.position, currentSpread()));
    if (!position) return;
    const { x, y } = position;
    const width = node?.measured.width ?? COMPACT_NODE_SIZE.width * currentSpread().x;
    const height = node?.measured.height ?? COMPACT_NODE_SIZE.height * currentSpread().y;
    void setCenter(x + width / 2, y + height / 2, { zoom: Math.max(getZoom(), FOLLOW_ZOOM), duration: prefersReducedMotion() ? 0 : FOLLOW_MS });
  }, [projector, activeId, cursor, getInternalNode, getZoom, setCenter]);

  return null;
}
