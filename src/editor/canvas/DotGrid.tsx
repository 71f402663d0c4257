import { useStore, ViewportPortal } from '@xyflow/react';
import { memo } from 'react';

/** Distance between grid dots in flow units. */
const GAP = 24;
/** Below this zoom the dots would be under 5 pixels apart, a grey haze, so the grid is hidden. */
const MIN_ZOOM = 0.2;
/**
 * How far the grid reaches from the flow origin, in flow units, every way.
 * At the smallest zoom a 1,400-pixel pane shows 7,000 units across, so the
 * grid covers any view of a graph near the origin several times over. The
 * browser paints only the tiles in view.
 */
const REACH = 48 * 1000;

/**
 * The dotted canvas background, drawn inside the zoomed viewport so that it
 * moves with the graph. While the pane is dragged the viewport is one
 * composited layer, and panning then repaints nothing. React Flow's own
 * background is an SVG pattern over the pane that is shifted and repainted
 * on every pan frame: on a machine without a GPU that alone kept panning
 * under 40 frames per second.
 */
export const DotGrid = memo(function DotGrid() {
  const visible = useStore((state) => state.transform[2] >= MIN_ZOOM);
  if (!visible) return null;
  return (
    <ViewportPortal>
      <div
        className="dot-grid"
        data-testid="dot-grid"
        aria-hidden="true"
        style={{ left: -REACH, top: -REACH, width: 2 * REACH, height: 2 * REACH, backgroundSize: `${GAP}px ${GAP}px` }}
      />
    </ViewportPortal>
  );
});
