import { useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import type { ExampleSet } from '../../engine/training/evaluate';
import { useT } from '../i18n/use-t';
import { useViewSettings } from '../projector/view-settings';
import { editorStore } from '../store/use-editor';
import { dataToPixel, drawClassDot, GRID_SIZE, gridPoints, heatmapPixels, pixelToData, plotRange, type PlotRange } from './boundary';
import { withExtraPoint } from './settings';
import { trainingController, useTraining } from './use-training';

/** Drawing size of the plot in CSS pixels; the canvas has this many device pixels times the pixel ratio. */
const PLOT_SIZE = 280;

/**
 * Draws the decision boundary of a 2-D classifier as a heat map of the predicted
 * class, with the examples on top: training examples filled, validation and
 * test examples as rings. Redrawn when the weights change (a new trainer, an
 * epoch end, a reset). A click adds a point of the chosen class to the data.
 */
export function BoundaryPlot() {
  const t = useT();
  const canvas = useRef<HTMLCanvasElement>(null);
  const revision = useTraining((snapshot) => snapshot.revision);
  const classes = useTraining((snapshot) => snapshot.classes);
  const [pointClass, setPointClass] = useState(0);
  const data = trainingController.data;
  const range = useMemo(() => (data ? plotRange([data.train, data.validation, data.test]) : null), [data]);
  const palette = useViewSettings((state) => state.palette);

  useEffect(() => {
    if (canvas.current && data && range) drawBoundary(canvas.current, range, data.train.classes, [data.train, data.validation, data.test]);
  }, [revision, data, range, palette]);

  const addPoint = (event: MouseEvent<HTMLCanvasElement>) => {
    if (!range) return;
    const box = event.currentTarget.getBoundingClientRect();
    const [x, y] = pixelToData(range, event.clientX - box.left, event.clientY - box.top, box.width, box.height);
    const state = editorStore.getState();
    state.dispatch({ type: 'replaceDocument', document: withExtraPoint(state.document, [round(x), round(y), pointClass]) });
  };

  return (
    <section className="training-boundary">
      <h3>{t('training.boundary')}</h3>
      <canvas
        ref={canvas}
        data-testid="boundary"
        width={PLOT_SIZE * devicePixelRatio}
        height={PLOT_SIZE * devicePixelRatio}
        style={{ width: PLOT_SIZE, height: PLOT_SIZE }}
        onClick={addPoint}
      />
      <label className="training-field">
        <span>{t('training.pointClass')}</span>
        <select data-testid="point-class" value={pointClass} onChange={(event) => setPointClass(Number(event.target.value))}>
          {Array.from({ length: Math.max(classes, 2) }, (_unused, index) => (
            <option key={index} value={index}>{t('training.className', { index })}</option>
          ))}
        </select>
      </label>
      <p className="hint">{t('training.boundaryHint')}</p>
    </section>
  );
}

/** Rounds a clicked coordinate to 3 decimals, so the saved document stays readable. */
function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function drawBoundary(canvas: HTMLCanvasElement, range: PlotRange, classes: number, sets: readonly ExampleSet[]): void {
  const context = canvas.getContext('2d');
  if (!context) return;
  const { width, height } = canvas;
  context.clearRect(0, 0, width, height);

  const scores = trainingController.scoresFor(gridPoints(range), GRID_SIZE * GRID_SIZE);
  if (scores) {
    const grid = new OffscreenCanvas(GRID_SIZE, GRID_SIZE);
    grid.getContext('2d')!.putImageData(new ImageData(heatmapPixels(scores, classes), GRID_SIZE, GRID_SIZE), 0, 0);
    context.imageSmoothingEnabled = true;
    context.drawImage(grid, 0, 0, width, height);
  }

  const radius = 3.2 * devicePixelRatio;
  sets.forEach((set, index) => drawExamples(context, range, set, radius, index === 0));
}

function drawExamples(context: CanvasRenderingContext2D, range: PlotRange, set: ExampleSet, radius: number, filled: boolean): void {
  const { width, height } = context.canvas;
  context.lineWidth = Math.max(1, radius / 3);
  for (let i = 0; i < set.y.length; i++) {
    const [px, py] = dataToPixel(range, set.x[i * 2], set.x[i * 2 + 1], width, height);
    drawClassDot(context, px, py, radius, set.y[i], filled);
  }
}
