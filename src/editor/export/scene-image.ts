import { SYMBOL_FONT, symbolsReadable, type Box, type CompactScene, type SceneColours } from '../canvas/compact-scene';

/** Margin around the graph in an exported image, as a fraction of its size. */
export const IMAGE_PADDING = 0.08;
/** Largest side of an exported image in pixels. Bigger graphs are scaled down to fit. */
export const MAX_IMAGE_SIDE = 4096;
/** Largest scale of an exported image, in image pixels per flow unit. */
export const MAX_IMAGE_SCALE = 1.5;
/** Line widths in image pixels, as the compact canvas draws them on screen. */
const WIRE_PIXELS = 1.5;
const BORDER_PIXELS = 1.5;
/** Room left on each side of a symbol inside its box, in flow units, as the compact canvas leaves it. */
const SYMBOL_INSET = 4;

/** A measurement of the width of `text` in the symbol font at `size` flow units, as the browser draws it. */
export type MeasureText = (text: string, size: number) => number;

export interface SceneImage {
  /** The image as SVG markup. */
  svg: string;
  /** Size of the image in pixels. */
  width: number;
  height: number;
}

/** Writes a number with at most two decimals, so the markup stays short. */
function number(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Writes a symbol centred in its box. A symbol too wide for the box less SYMBOL_INSET
 * a side gets a smaller font and a fixed text length, so it fits in any viewer's font.
 */
function symbolText(box: Box, symbol: string, measure: MeasureText): string {
  const room = box.width - 2 * SYMBOL_INSET;
  const natural = measure(symbol, SYMBOL_FONT.size);
  const fit = natural > room ? ` font-size="${number((SYMBOL_FONT.size * room) / natural)}" textLength="${number(room)}" lengthAdjust="spacingAndGlyphs"` : '';
  return `<text x="${number(box.x + box.width / 2)}" y="${number(box.y + box.height / 2)}"${fit}>${escapeXml(symbol)}</text>`;
}

/**
 * Draws a whole graph as SVG, as the compact canvas does: wires as straight lines,
 * nodes as boxes with their symbol where it is large enough to read. The image frames
 * every node with a margin of IMAGE_PADDING, and its longer side is at most MAX_IMAGE_SIDE pixels.
 */
export function sceneSvg(scene: CompactScene, colours: SceneColours, measure: MeasureText): SceneImage {
  const bounds = scene.bounds ?? { x: 0, y: 0, width: 1, height: 1 };
  const frame = {
    x: bounds.x - bounds.width * IMAGE_PADDING,
    y: bounds.y - bounds.height * IMAGE_PADDING,
    width: Math.max(bounds.width * (1 + 2 * IMAGE_PADDING), 1),
    height: Math.max(bounds.height * (1 + 2 * IMAGE_PADDING), 1),
  };
  const scale = Math.min(MAX_IMAGE_SCALE, MAX_IMAGE_SIDE / Math.max(frame.width, frame.height));
  const width = Math.max(1, Math.floor(frame.width * scale));
  const height = Math.max(1, Math.floor(frame.height * scale));

  const wires = scene.wires.map((wire) => `M${number(wire.from.x)} ${number(wire.from.y)}L${number(wire.to.x)} ${number(wire.to.y)}`).join('');
  const boxes = scene.nodes.map(({ box }) => `<rect x="${number(box.x)}" y="${number(box.y)}" width="${number(box.width)}" height="${number(box.height)}"/>`).join('');
  const symbols = symbolsReadable(scale) ? scene.nodes.map(({ box, symbol }) => symbolText(box, symbol, measure)).join('') : '';
  const viewBox = [frame.x, frame.y, frame.width, frame.height].map(number).join(' ');
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${viewBox}">` +
    `<rect x="${number(frame.x)}" y="${number(frame.y)}" width="${number(frame.width)}" height="${number(frame.height)}" fill="#ffffff"/>` +
    (wires ? `<path d="${wires}" fill="none" stroke="${escapeXml(colours.wire)}" stroke-width="${number(WIRE_PIXELS / scale)}"/>` : '') +
    `<g fill="${escapeXml(colours.node)}" stroke="${escapeXml(colours.border)}" stroke-width="${number(BORDER_PIXELS / scale)}">${boxes}</g>` +
    (symbols
      ? `<g fill="${escapeXml(colours.ink)}" font-family="${SYMBOL_FONT.family}" font-weight="${SYMBOL_FONT.weight}" font-size="${SYMBOL_FONT.size}" text-anchor="middle" dominant-baseline="central">${symbols}</g>`
      : '') +
    '</svg>';
  return { svg, width, height };
}

/** Returns SVG markup as a data URL. */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
