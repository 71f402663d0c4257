import { getNodesBounds, getViewportForBounds, type Node } from '@xyflow/react';
import { toPng, toSvg } from 'html-to-image';
import { symbolFont, type CompactScene, type SceneColours } from '../canvas/compact-scene';
import { IMAGE_PADDING, MAX_IMAGE_SCALE, MAX_IMAGE_SIDE, sceneSvg, svgDataUrl } from './scene-image';

/**
 * Renders the canvas's nodes, wires and their value and gradient labels as a
 * PNG or SVG data URL framed around every node. As in React Flow's image
 * export example, html-to-image draws the viewport element with a transform
 * that fits the nodes' bounds.
 */
export async function renderGraphImage(format: 'png' | 'svg', nodes: Node[], viewport: HTMLElement): Promise<string> {
  const bounds = getNodesBounds(nodes);
  const scale = Math.min(MAX_IMAGE_SCALE, MAX_IMAGE_SIDE / Math.max(bounds.width, bounds.height, 1));
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

/**
 * Renders a whole large graph as a PNG or SVG file, drawn as the compact canvas draws it.
 * It returns a Blob rather than a data URL, because the PNG of a 1,000-node graph is about 2 MB.
 */
export async function renderSceneImage(format: 'png' | 'svg', scene: CompactScene, colours: SceneColours): Promise<Blob> {
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d');
  if (!context) throw new Error('could not draw the image: the browser has no 2D canvas context');
  const measure = (text: string, size: number) => {
    context.font = symbolFont(size);
    return context.measureText(text).width;
  };
  const image = sceneSvg(scene, colours, measure);
  if (format === 'svg') return new Blob([image.svg], { type: 'image/svg+xml' });
  const picture = new Image();
  picture.src = svgDataUrl(image.svg);
  await picture.decode();
  canvas.width = image.width;
  canvas.height = image.height;
  context.drawImage(picture, 0, 0, image.width, image.height);
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error(`failed to encode the ${image.width} × ${image.height} image as PNG`))), 'image/png');
  });
}
