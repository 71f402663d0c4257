import { useEffect, useMemo, useRef } from 'react';
import type { TrainingData } from '../../engine/training/trainer';
import { useT } from '../i18n/use-t';
import { classColour, dataToPixel, GRID_SIZE, gridPoints, heatmapPixels, plotRange, type PlotRange } from '../training/boundary';
import { compareController, useCompare } from './use-compare';

/** Drawing size of each plot in CSS pixels. */
const PLOT_SIZE = 170;

/** Draws the decision boundaries of run A and run B side by side over the same range and training points, again after each epoch. */
export function CompareBoundaries({ data, labels }: { data: TrainingData; labels: readonly [string, string] }) {
  const t = useT();
  const range = useMemo(() => plotRange([data.train, data.validation, data.test]), [data]);
  return (
    <section className="compare-boundaries">
      <h3>{t('compare.boundaries')}</h3>
      <div className="compare-boundary-row">
        {([0, 1] as const).map((run) => (
          <figure key={run}>
            <RunBoundary run={run} data={data} range={range} />
            <figcaption>{run === 0 ? 'A' : 'B'}: {labels[run]}</figcaption>
          </figure>
        ))}
      </div>
    </section>
  );
}

function RunBoundary({ run, data, range }: { run: 0 | 1; data: TrainingData; range: PlotRange }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const revision = useCompare((snapshot) => snapshot.revision);

  useEffect(() => {
    const element = canvas.current;
    const context = element?.getContext('2d');
    if (!element || !context) return;
    context.clearRect(0, 0, element.width, element.height);
    const scores = compareController.scoresFor(run, gridPoints(range), GRID_SIZE * GRID_SIZE);
    if (scores) {
      const grid = new OffscreenCanvas(GRID_SIZE, GRID_SIZE);
      grid.getContext('2d')!.putImageData(new ImageData(heatmapPixels(scores, data.train.classes), GRID_SIZE, GRID_SIZE), 0, 0);
      context.drawImage(grid, 0, 0, element.width, element.height);
    }
    drawPoints(context, range, data);
  }, [revision, run, data, range]);

  return (
    <canvas
      ref={canvas}
      data-testid={`compare-boundary-${run === 0 ? 'a' : 'b'}`}
      width={PLOT_SIZE * devicePixelRatio}
      height={PLOT_SIZE * devicePixelRatio}
      style={{ width: PLOT_SIZE, height: PLOT_SIZE }}
    />
  );
}

/** Draws the training examples, the same points under both runs. */
function drawPoints(context: CanvasRenderingContext2D, range: PlotRange, data: TrainingData): void {
  const { width, height } = context.canvas;
  const radius = 2.4 * devicePixelRatio;
  const { x, y } = data.train;
  context.strokeStyle = '#ffffff';
  for (let i = 0; i < y.length; i++) {
    const [px, py] = dataToPixel(range, x[i * 2], x[i * 2 + 1], width, height);
    const [r, g, b] = classColour(y[i]);
    context.beginPath();
    context.arc(px, py, radius, 0, 2 * Math.PI);
    context.fillStyle = `rgb(${r}, ${g}, ${b})`;
    context.fill();
    context.stroke();
  }
}
