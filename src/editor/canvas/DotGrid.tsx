import { useStore, ViewportPortal } from '@xyflow/react';
import { memo, useMemo } from 'react';
import { useEditor } from '../store/use-editor';

/** Distance between grid dots in flow units. */
export const GAP = 24;
/** Radius of a grid dot in flow units, between the solid and the transparent stop of `.dot-grid`'s gradient. */
export const DOT_RADIUS = 1.2;
/** Colour of the grid dots, unless the `--grid-dot` property sets another. */
export const DOT_COLOR = '#91919a';
/** Below this zoom the dots would be under 5 pixels apart, a grey haze, so the grid is hidden. */
const MIN_ZOOM = 0.2;
/**
 * How far the grid reaches beyond the graph, in flow units, every way. At the
 * smallest zoom that shows dots a 1,400-pixel pane is 7,000 units across, so
 * the grid covers any view near the graph several times over. The browser
 * paints only the tiles in view. A multiple of GAP keeps the dots in place.
 */
const REACH = 2000 * GAP;

/**
 * The dotted canvas background, drawn inside the zoomed viewport so that it
 * moves with the graph. While the pane is dragged the viewport is one
 * composited layer, and panning then repaints nothing. React Flow's own
 * background is an SVG pattern over the pane that is shifted and repainted
 * on every pan frame: on a machine without a GPU that alone kept panning
 * under 40 frames per second. Where WireCanvas draws the wires, it draws the
 * dots as well, and Canvas leaves this grid out.
 */
export const DotGrid = memo(function DotGrid() {
  const visible = useStore((state) => state.transform[2] >= MIN_ZOOM);
  const nodes = useEditor((state) => state.document.nodes);
  const area = useMemo(() => {
    let [minX, minY, maxX, maxY] = [0, 0, 0, 0];
    for (const { position } of nodes) {
      minX = Math.min(minX, position.x);
      minY = Math.min(minY, position.y);
      maxX = Math.max(maxX, position.x);
      maxY = Math.max(maxY, position.y);
    }
    // Whole grid cells from the origin, so the dots stay put as nodes move.
    const left = Math.floor(minX / GAP) * GAP - REACH;
    const top = Math.floor(minY / GAP) * GAP - REACH;
    return { left, top, width: maxX - left + REACH, height: maxY - top + REACH };
  }, [nodes]);
  if (!visible) return null;
  return (
    <ViewportPortal>
      <div
        className="dot-grid"
        data-testid="dot-grid"
        aria-hidden="true"
        style={{ ...area, backgroundSize: `${GAP}px ${GAP}px` }}
      />
    </ViewportPortal>
  );
});
