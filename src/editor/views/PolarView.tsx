import { useMemo } from 'react';
import type { ExampleSet } from '../../engine/training/evaluate';
import { featureSpaceOfCsv, ringsCsv, toCartesian, toPolar, type FeatureSpace } from '../../presets/views/polar';
import { useT } from '../i18n/use-t';
import { GRID_SIZE, gridPoints, heatmapPixels, type PlotRange } from '../training/boundary';
import { trainingController, useTraining } from '../training/use-training';
import { editorStore, useEditor } from '../store/use-editor';
import { drawAxes, drawCells, drawPoints, type PlotPoint } from './plot';
import { PlotCanvas } from './PlotCanvas';

const CARTESIAN_RANGE: PlotRange = { xMin: -1.3, xMax: 1.3, yMin: -1.3, yMax: 1.3 };
const POLAR_RANGE: PlotRange = { xMin: 0, xMax: 1.4, yMin: -Math.PI, yMax: Math.PI };
const SIZE = 200;

type Transform = (a: number, b: number) => [number, number];
const identity: Transform = (a, b) => [a, b];

/**
 * Shows the rings in (x, y) and in (r, θ), each with the trained linear classifier's
 * regions. The classifier reads whichever space the document's features are
 * in, so each plot maps its grid into that space before scoring.
 */
export function PolarView() {
  const t = useT();
  const csv = useEditor((state) => state.document.training?.dataset.csv);
  const space = featureSpaceOfCsv(csv);
  const revision = useTraining((snapshot) => snapshot.revision);
  const data = trainingController.data;

  const points = useMemo(() => (data ? [data.train, data.validation, data.test].flatMap(setPoints) : []), [data]);
  // `revision` changes whenever the weights do, so the plots redraw after each epoch and reset.
  const drawCartesian = useMemo(() => spaceDrawer('cartesian', space, points, revision), [space, points, revision]);
  const drawPolar = useMemo(() => spaceDrawer('polar', space, points, revision), [space, points, revision]);

  const chooseSpace = (next: FeatureSpace) => {
    const { document, dispatch } = editorStore.getState();
    if (!document.training) return;
    const training = { ...document.training, dataset: { ...document.training.dataset, csv: ringsCsv(next), extraPoints: undefined } };
    dispatch({ type: 'replaceDocument', document: { ...document, training } });
  };

  return (
    <div className="view-row">
      <figure>
        <PlotCanvas testId="polar-input" label={t('view.polar.inputSpace')} range={CARTESIAN_RANGE} width={SIZE} height={SIZE} draw={drawCartesian} />
        <figcaption>{t('view.polar.inputSpace')}</figcaption>
      </figure>
      <figure>
        <PlotCanvas testId="polar-features" label={t('view.polar.polarSpace')} range={POLAR_RANGE} width={SIZE} height={SIZE} draw={drawPolar} />
        <figcaption>{t('view.polar.polarSpace')}</figcaption>
      </figure>
      <div className="view-controls">
        <fieldset>
          <legend>{t('view.polar.features')}</legend>
          {(['polar', 'cartesian'] as const).map((name) => (
            <label key={name}>
              <input type="radio" name="polar-space" data-testid={`polar-space-${name}`} checked={space === name} onChange={() => chooseSpace(name)} />
              {t(name === 'polar' ? 'view.polar.usePolar' : 'view.polar.useCartesian')}
            </label>
          ))}
        </fieldset>
        <p className="hint" data-testid="polar-status">
          {space === null ? t('view.polar.otherData') : t(space === 'polar' ? 'view.polar.hintPolar' : 'view.polar.hintCartesian')}
        </p>
      </div>
    </div>
  );
}

/** Maps each plot's coordinates to the classifier's feature space (`in`) and back (`out`). */
function transforms(plot: FeatureSpace, features: FeatureSpace): { in: Transform; out: Transform } {
  if (plot === features) return { in: identity, out: identity };
  return plot === 'cartesian' ? { in: toPolar, out: toCartesian } : { in: toCartesian, out: toPolar };
}

/**
 * Returns the draw function of one plot: the classifier's regions when the
 * features are the rings in a known space, the axes, and every example.
 */
function spaceDrawer(plot: FeatureSpace, features: FeatureSpace | null, points: readonly PlotPoint[], _revision: number) {
  const range = plot === 'polar' ? POLAR_RANGE : CARTESIAN_RANGE;
  return (context: CanvasRenderingContext2D, size: [number, number]) => {
    const scores = features ? scoresOver(range, transforms(plot, features).in) : null;
    if (scores) drawCells(context, heatmapPixels(scores, 2), GRID_SIZE, GRID_SIZE, true);
    drawAxes(context, range, size, plot === 'polar' ? ['r', 'θ'] : ['x', 'y']);
    const toPlot = features ? transforms(plot, features).out : identity;
    drawPoints(context, range, points.map((point) => mapPoint(point, toPlot)), size, true, 3);
  };
}

function setPoints(set: ExampleSet): PlotPoint[] {
  return Array.from(set.y, (label, i) => ({ x: set.x[i * 2], y: set.x[i * 2 + 1], label }));
}

function mapPoint(point: PlotPoint, transform: Transform): PlotPoint {
  const [x, y] = transform(point.x, point.y);
  return { x, y, label: point.label };
}

/** Scores the classifier at every grid cell of `range`, mapping each cell centre into the feature space first. */
function scoresOver(range: PlotRange, toFeatures: Transform): Float32Array | null {
  const grid = gridPoints(range);
  for (let i = 0; i < grid.length; i += 2) grid.set(toFeatures(grid[i], grid[i + 1]), i);
  return trainingController.scoresFor(grid, GRID_SIZE * GRID_SIZE);
}
