import { getNodesBounds, getViewportForBounds, type Node } from '@xyflow/react';
import { toPng, toSvg } from 'html-to-image';

/** Margin around the graph in an exported image, as a fraction of its size. */
const IMAGE_PADDING = 0.08;
/** Largest side of an exported image in pixels; bigger graphs are scaled down to fit. */
const MAX_IMAGE_SIDE = 4096;

/**
 * Renders the canvas's nodes, wires and their value and gradient labels as a
 * PNG or SVG data URL framed around every node. As in React Flow's image
 * export example, html-to-image draws the viewport element with a transform
 * that fits the nodes' bounds.
 */
export async function renderGraphImage(format: 'png' | 'svg', nodes: Node[], viewport: HTMLElement): Promise<string> {
  const bounds = getNodesBounds(nodes);
  const scale = Math.min(1.5, MAX_IMAGE_SIDE / Math.max(bounds.width, bounds.height, 1));
  const width = Math.ceil(bounds.width * scale * (1 + 2 * IMAGE_PADDING));
  const height = Math.ceil(bounds.height * scale * (1 + 2 * IMAGE_PADDING));
  const view = getViewportForBounds(bounds, width, height, 0.05, 4, IMAGE_PADDING);
  const options = {
    backgroundColor: '#ffffff',
    width,
    height,
    style: { width: `${width}px`, height: `${height}px`, transform: `translate(${view.x}px, ${view.y}px) scale(${view.zoom})` },
  };
  return format === 'png' ? toPng(viewport, options) : toSvg(viewport, options);
}
