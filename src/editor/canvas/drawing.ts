import { useStore } from '@xyflow/react';
import { createContext, useContext, useMemo } from 'react';
import { useEditor } from '../store/use-editor';

/**
 * Zoom below which large graphs are drawn simplified: 12-pixel text is then
 * under 6 pixels on screen, too small to read.
 */
export const DETAIL_ZOOM = 0.5;

/**
 * Node count from which a graph counts as large. Smaller graphs are always
 * drawn in full, so a zoomed-out lecture example keeps its values readable.
 * NOTE: 150 lies between the presets (at most about 30 nodes) and the
 * benchmark's 1,016-node graph; the canvas benchmark measures only those two sizes.
 */
export const LARGE_GRAPH_NODES = 150;

/** Position of port `index` of `count` down a compact node's side, as a fraction of its height. */
export function portFraction(index: number, count: number): number {
  return (index + 1) / (count + 1);
}

/** Drawing settings of the canvas, one value shared by all its nodes and wires. */
export interface CanvasDrawing {
  /**
   * React Flow's container for HTML edge labels, inside the zoomed viewport.
   * Wires portal their labels here directly. React Flow's EdgeLabelRenderer
   * looks the element up with querySelector in every wire on every viewport
   * change, which took over a third of the main thread while panning 1,297 wires.
   */
  labelLayer: HTMLElement | null;
  /** True when the graph has at least LARGE_GRAPH_NODES nodes. */
  large: boolean;
  /**
   * True for a large graph below DETAIL_ZOOM, and for a large graph not yet placed in view:
   * CompactCanvas draws nodes as plain boxes with their symbol and wires as straight lines.
   */
  compact: boolean;
}

export const CanvasDrawingContext = createContext<CanvasDrawing>({ labelLayer: null, large: false, compact: false });

export function useCanvasDrawing(): CanvasDrawing {
  return useContext(CanvasDrawingContext);
}

/**
 * Works out the canvas drawing inside the React Flow provider. The zoom
 * selector returns a boolean, so the canvas re-renders when the zoom crosses
 * DETAIL_ZOOM, not on every zoom step. `placed` is false from loading a
 * document until its view is fitted. Until then a large graph is drawn
 * compact, because its first render happens at zoom 1, before the fit, and
 * would otherwise mount every node in full.
 */
export function useDrawingState(placed: boolean): CanvasDrawing {
  const domNode = useStore((state) => state.domNode);
  const zoomedOut = useStore((state) => state.transform[2] < DETAIL_ZOOM);
  const large = useEditor((state) => state.document.nodes.length >= LARGE_GRAPH_NODES);
  return useMemo(() => {
    const labelLayer = domNode?.querySelector<HTMLElement>('.react-flow__edgelabel-renderer') ?? null;
    return { labelLayer, large, compact: large && (zoomedOut || !placed) };
  }, [domNode, large, zoomedOut, placed]);
}
