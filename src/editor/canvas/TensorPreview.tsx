import { memo, useEffect, useRef } from 'react';
import type { TensorData } from '../../engine/tensor';
import { formatNumber } from '../format';
import { divergingColour, type Palette } from '../palette/palette';
import { usePalette } from '../projector/view-settings';

/** Largest number of rows or columns a preview draws; larger tensors are sampled evenly. */
const MAX_CELLS = 32;
/** Values listed in the hover text before it is cut. */
const MAX_HOVER_VALUES = 400;

/** Rows and columns a tensor is drawn as: a vector is one row; higher ranks fold into their last axis. */
function gridOf(tensor: TensorData): { rows: number; cols: number } {
  const cols = tensor.shape.at(-1) ?? 1;
  return { rows: Math.max(1, Math.floor(tensor.data.length / Math.max(cols, 1))), cols };
}

/**
 * Returns the largest finite |value|, at least 1e-12. A plain loop, because
 * spreading 150,000 weights into Math.max overflows the call stack, and a
 * callback per value made this a fifth of the time an MNIST batch takes to show.
 */
function largestMagnitude(data: readonly number[]): number {
  let largest = 1e-12;
  for (let index = 0; index < data.length; index++) {
    const magnitude = Math.abs(data[index]);
    if (magnitude > largest && magnitude !== Infinity) largest = magnitude;
  }
  return largest;
}

/** Lists a tensor's values row by row for the hover text, cut after MAX_HOVER_VALUES. */
export function hoverText(tensor: TensorData): string {
  const { cols } = gridOf(tensor);
  const shown = tensor.data.slice(0, MAX_HOVER_VALUES).map(formatNumber);
  const lines: string[] = [];
  for (let i = 0; i < shown.length; i += cols) lines.push(shown.slice(i, i + cols).join('  '));
  const cut = tensor.data.length > MAX_HOVER_VALUES ? `\n… ${tensor.data.length - MAX_HOVER_VALUES} more` : '';
  return `[${tensor.shape.join(' × ')}]\n${lines.join('\n')}${cut}`;
}

/** A small heat map of a matrix or a bar strip of a vector, drawn on a canvas in the palette's diverging colours. */
export const TensorPreview = memo(function TensorPreview({ tensor }: { tensor: TensorData }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const palette = usePalette();
  const { rows, cols } = gridOf(tensor);
  const shownRows = Math.min(rows, MAX_CELLS);
  const shownCols = Math.min(cols, MAX_CELLS);
  const isVector = tensor.shape.length === 1;

  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    const scale = largestMagnitude(tensor.data);
    if (isVector) drawBars(context, palette, tensor, shownCols, scale);
    else drawHeatMap(context, palette, tensor, { rows, cols, shownRows, shownCols }, scale);
  }, [tensor, palette, rows, cols, shownRows, shownCols, isVector]);

  const width = isVector ? shownCols * 4 : shownCols;
  const height = isVector ? 16 : shownRows;
  return <canvas ref={canvas} className={isVector ? 'tensor-bars' : 'tensor-heatmap'} width={width} height={height} />;
});

function drawBars(context: CanvasRenderingContext2D, palette: Palette, tensor: TensorData, shownCols: number, scale: number): void {
  context.clearRect(0, 0, shownCols * 4, 16);
  for (let column = 0; column < shownCols; column++) {
    const value = tensor.data[Math.floor((column * tensor.data.length) / shownCols)];
    const height = Number.isFinite(value) ? Math.max(1, Math.round((Math.abs(value) / scale) * 8)) : 16;
    const [r, g, b] = divergingColour(palette, value, scale * 0.5);
    context.fillStyle = `rgb(${r}, ${g}, ${b})`;
    context.fillRect(column * 4, value >= 0 ? 8 - height : 8, 3, height);
  }
}

function drawHeatMap(
  context: CanvasRenderingContext2D,
  palette: Palette,
  tensor: TensorData,
  grid: { rows: number; cols: number; shownRows: number; shownCols: number },
  scale: number,
): void {
  const image = context.createImageData(grid.shownCols, grid.shownRows);
  for (let row = 0; row < grid.shownRows; row++) {
    const sourceRow = Math.floor((row * grid.rows) / grid.shownRows);
    for (let column = 0; column < grid.shownCols; column++) {
      const sourceColumn = Math.floor((column * grid.cols) / grid.shownCols);
      const [r, g, b] = divergingColour(palette, tensor.data[sourceRow * grid.cols + sourceColumn], scale);
      image.data.set([r, g, b, 255], (row * grid.shownCols + column) * 4);
    }
  }
  context.putImageData(image, 0, 0);
}

/** A tensor on a wire: its preview and its shape; the full values show on hover. */
export function TensorLabel({ tensor }: { tensor: TensorData }) {
  return (
    <>
      <TensorPreview tensor={tensor} />
      <span className="tensor-shape">[{tensor.shape.join('×')}]</span>
    </>
  );
}
