import { useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import { prefersReducedMotion } from '../canvas/reduced-motion';
import { activeStep } from '../store/timeline';
import { useEditor } from '../store/use-editor';
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
    const node = getInternalNode(activeId);
    if (!node) return;
    const { x, y } = node.internals.positionAbsolute;
    const width = node.measured.width ?? 0;
    const height = node.measured.height ?? 0;
    void setCenter(x + width / 2, y + height / 2, { zoom: Math.max(getZoom(), FOLLOW_ZOOM), duration: prefersReducedMotion() ? 0 : FOLLOW_MS });
  }, [projector, activeId, cursor, getInternalNode, getZoom, setCenter]);

  return null;
}
