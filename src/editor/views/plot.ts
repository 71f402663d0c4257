import { classColour, dataToPixel, drawClassDot, type PlotRange } from '../training/boundary';

/** Colour of the axes and tick labels, and of the faint grid lines. */
const AXIS_COLOUR = '#5d6675';
const GRID_COLOUR = 'rgba(93, 102, 117, 0.18)';

/**
 * Sizes the canvas for the device pixel ratio and returns its 2-D context
 * scaled so that drawing uses CSS pixels, or null when the browser has no 2-D
 * context.
 */
export function prepareCanvas(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D | null {
  const ratio = window.devicePixelRatio || 1;
  if (canvas.width !== Math.round(width * ratio)) canvas.width = Math.round(width * ratio);
  if (canvas.height !== Math.round(height * ratio)) canvas.height = Math.round(height * ratio);
  const context = canvas.getContext('2d');
  if (!context) return null;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);
  return context;
}

/** Stretches `columns` × `rows` RGBA cells, stored row by row from the top, over the whole plot. */
export function drawCells(context: CanvasRenderingContext2D, pixels: Uint8ClampedArray<ArrayBuffer>, columns: number, rows: number, smooth: boolean): void {
  const cells = new OffscreenCanvas(columns, rows);
  cells.getContext('2d')!.putImageData(new ImageData(pixels, columns, rows), 0, 0);
  const { width, height } = context.canvas;
  context.save();
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.imageSmoothingEnabled = smooth;
  context.drawImage(cells, 0, 0, width, height);
  context.restore();
}

/** Colours each cell by its class label, lightened so points stay visible; a label of −1 stays white. */
export function labelPixels(labels: Int32Array): Uint8ClampedArray<ArrayBuffer> {
  const pixels = new Uint8ClampedArray(labels.length * 4);
  for (let cell = 0; cell < labels.length; cell++) {
    const colour = labels[cell] < 0 ? [255, 255, 255] : classColour(labels[cell]);
    for (let channel = 0; channel < 3; channel++) pixels[cell * 4 + channel] = 255 + (colour[channel] - 255) * 0.45;
    pixels[cell * 4 + 3] = 255;
  }
  return pixels;
}

export interface PlotPoint {
  x: number;
  y: number;
  label: number;
}

/** Draws labelled points as filled dots with a white rim, or as rings when `filled` is false. */
export function drawPoints(context: CanvasRenderingContext2D, range: PlotRange, points: readonly PlotPoint[], size: [number, number], filled = true, radius = 3.5): void {
  context.lineWidth = 1.2;
  for (const point of points) {
    const [px, py] = dataToPixel(range, point.x, point.y, ...size);
    drawClassDot(context, px, py, radius, point.label, filled);
  }
}

export interface LineStyle {
  colour: string;
  width?: number;
  dash?: number[];
}

/** Draws a polyline through data points; non-finite points break the line. */
export function drawPolyline(context: CanvasRenderingContext2D, range: PlotRange, points: readonly (readonly [number, number])[], size: [number, number], style: LineStyle): void {
  context.save();
  context.strokeStyle = style.colour;
  context.lineWidth = style.width ?? 1.5;
  context.setLineDash(style.dash ?? []);
  context.beginPath();
  let drawing = false;
  for (const [x, y] of points) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      drawing = false;
      continue;
    }
    const [px, py] = dataToPixel(range, x, y, ...size);
    if (drawing) context.lineTo(px, py);
    else context.moveTo(px, py);
    drawing = true;
  }
  context.stroke();
  context.restore();
}

/** Returns evenly spaced tick values of a round step (1, 2 or 5 times a power of ten), about `count` of them. */
export function ticks(min: number, max: number, count = 5): number[] {
  const rough = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough) ?? 10 * power;
  const values: number[] = [];
  for (let value = Math.ceil(min / step) * step; value <= max + step * 1e-9; value += step) values.push(Number(value.toPrecision(12)));
  return values;
}

/** Draws faint grid lines at the ticks, darker lines on x = 0 and y = 0, tick labels, and the axis names. */
export function drawAxes(context: CanvasRenderingContext2D, range: PlotRange, size: [number, number], names: [string, string]): void {
  const [width, height] = size;
  context.save();
  context.font = '11px system-ui, sans-serif';
  context.fillStyle = AXIS_COLOUR;
  for (const x of ticks(range.xMin, range.xMax)) {
    const [px] = dataToPixel(range, x, 0, width, height);
    drawLine(context, [px, 0], [px, height], x === 0 ? AXIS_COLOUR : GRID_COLOUR);
    context.fillText(formatTick(x), px + 2, height - 3);
  }
  for (const y of ticks(range.yMin, range.yMax)) {
    const [, py] = dataToPixel(range, 0, y, width, height);
    drawLine(context, [0, py], [width, py], y === 0 ? AXIS_COLOUR : GRID_COLOUR);
    context.fillText(formatTick(y), 2, py - 2);
  }
  context.font = 'bold 12px system-ui, sans-serif';
  context.textAlign = 'right';
  context.fillText(names[0], width - 4, height - 16);
  context.textAlign = 'left';
  context.fillText(names[1], 22, 12);
  context.restore();
}

function drawLine(context: CanvasRenderingContext2D, [x0, y0]: [number, number], [x1, y1]: [number, number], colour: string): void {
  context.strokeStyle = colour;
  context.lineWidth = 1;
  context.beginPath();
  context.moveTo(x0, y0);
  context.lineTo(x1, y1);
  context.stroke();
}

function formatTick(value: number): string {
  return Math.abs(value) >= 1000 || (value !== 0 && Math.abs(value) < 0.01) ? value.toExponential(0) : String(Number(value.toPrecision(3)));
}
