import { useEffect, useRef, type PointerEvent } from 'react';
import { pixelToData, type PlotRange } from '../training/boundary';
import { prepareCanvas } from './plot';

export interface PlotCanvasProps {
  testId: string;
  label: string;
  range: PlotRange;
  width: number;
  height: number;
  /** Draws the plot; called after each render whose `draw` function changed. */
  draw(context: CanvasRenderingContext2D, size: [number, number]): void;
  /** Receives presses (and moves while pressed) in data coordinates. */
  onPress?(x: number, y: number, phase: 'down' | 'move'): void;
}

/** Renders a canvas in CSS pixels that redraws through `draw` and reports pointer presses in data coordinates. */
export function PlotCanvas({ testId, label, range, width, height, draw, onPress }: PlotCanvasProps) {
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const context = canvas.current && prepareCanvas(canvas.current, width, height);
    if (context) draw(context, [width, height]);
  }, [draw, width, height]);

  const report = (event: PointerEvent<HTMLCanvasElement>, phase: 'down' | 'move') => {
    if (!onPress || (phase === 'move' && event.buttons === 0)) return;
    const box = event.currentTarget.getBoundingClientRect();
    const [x, y] = pixelToData(range, event.clientX - box.left, event.clientY - box.top, box.width, box.height);
    onPress(x, y, phase);
  };

  return (
    <canvas
      ref={canvas}
      className={onPress ? 'view-plot clickable' : 'view-plot'}
      data-testid={testId}
      role="img"
      aria-label={label}
      style={{ width, height }}
      onPointerDown={(event) => report(event, 'down')}
      onPointerMove={(event) => report(event, 'move')}
    />
  );
}
