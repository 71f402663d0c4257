import { useCallback, useMemo, useState } from 'react';
import { KNN_CLASSES, KNN_MAX_K, KNN_MAX_POINTS, type ViewSettings } from '../../engine/document';
import { classifyAll, disagreement, KNN_START_POINTS, type DistanceMetric, type LabelledPoint } from '../../presets/views/knn';
import { useT } from '../i18n/use-t';
import { editorStore, useEditor } from '../store/use-editor';
import { gridPoints, type PlotRange } from '../training/boundary';
import { drawAxes, drawCells, drawPoints, labelPixels } from './plot';
import { PlotCanvas } from './PlotCanvas';
import { useSliderGestures } from './slider-gestures';

const RANGE: PlotRange = { xMin: -1.1, xMax: 1.1, yMin: -1.1, yMax: 1.1 };
/** Cells per side: fine enough that the 45° steps of the L1 borders read as straight lines. */
const CELLS = 110;
const SIZE = 300;

type KnnSettings = NonNullable<ViewSettings['knn']>;

/** Returns the view's points, k and distance as the document keeps them, or the starting ones. */
function knnState(saved: KnnSettings | undefined): { points: readonly LabelledPoint[]; k: number; metric: DistanceMetric } {
  if (!saved) return { points: KNN_START_POINTS, k: 1, metric: 'l1' };
  const points = saved.points.map(([x, y, label]) => ({ x, y, label }));
  return { points, k: Math.min(saved.k, points.length), metric: saved.metric };
}

/** Returns the settings the document keeps for these points, k and distance. */
function settingsOf(points: readonly LabelledPoint[], k: number, metric: DistanceMetric): KnnSettings {
  return { points: points.map((point) => [point.x, point.y, point.label]), k, metric };
}

/** Tells whether two settings of the view contain the same points, k and distance. */
function sameKnn(a: KnnSettings, b: KnnSettings): boolean {
  return a.k === b.k && a.metric === b.metric && a.points.length === b.points.length
    && a.points.every((point, index) => point.every((value, axis) => Object.is(value, b.points[index][axis])));
}

/**
 * Saves the view's points, k and distance in the document, so that files and
 * share links keep them, unless nothing changed. Consecutive saves with the
 * same `group` form one undo step, such as the changes of one k slider drag.
 */
function saveKnn(points: readonly LabelledPoint[], k: number, metric: DistanceMetric, group?: string): void {
  const { document, dispatch, dispatchInGroup } = editorStore.getState();
  const knn = settingsOf(points, k, metric);
  const current = knnState(document.views?.knn);
  if (sameKnn(settingsOf(current.points, current.k, current.metric), knn)) return;

  const edit = { type: 'setViews', views: { ...document.views, knn } } as const;
  if (group) dispatchInGroup(group, edit);
  else dispatch(edit);
}

/** Nearest-neighbour regions under L1 or L2 distance, with points added by clicking. */
export function KnnView() {
  const t = useT();
  const saved = useEditor((state) => state.document.views?.knn);
  const { points, k, metric } = useMemo(() => knnState(saved), [saved]);
  const [pointClass, setPointClass] = useState(0);
  const locked = useEditor((state) => state.lecture.lockEditing);
  // Counts presses on the k slider, so that each drag or key press is its own undo step.
  const kGestures = useSliderGestures();
  const full = points.length >= KNN_MAX_POINTS;

  const grid = useMemo(() => gridPoints(RANGE, CELLS), []);
  const regions = useMemo(() => classifyAll(points, grid, k, metric), [points, grid, k, metric]);
  const otherRegions = useMemo(() => classifyAll(points, grid, k, metric === 'l1' ? 'l2' : 'l1'), [points, grid, k, metric]);
  const differing = disagreement(regions, otherRegions);

  const draw = useCallback((context: CanvasRenderingContext2D, size: [number, number]) => {
    drawCells(context, labelPixels(regions), CELLS, CELLS, false);
    drawAxes(context, RANGE, size, ['x', 'y']);
    drawPoints(context, RANGE, points, size);
  }, [regions, points]);

  const addPoint = (x: number, y: number, phase: 'down' | 'move') => {
    if (phase === 'down' && !locked && !full) saveKnn([...points, { x: round(x), y: round(y), label: pointClass }], k, metric);
  };

  return (
    <div className="view-row">
      <PlotCanvas testId="knn-plot" label={t('view.knn.plot')} range={RANGE} width={SIZE} height={SIZE} draw={draw} onPress={addPoint} />
      <div className="view-controls">
        {/* The lock note comes first, so it shows beside the plot on a short screen. */}
        {locked && <p className="hint" data-testid="knn-hint">{t('view.locked')}</p>}
        <fieldset>
          <legend>{t('view.knn.metric')}</legend>
          {(['l1', 'l2'] as const).map((name) => (
            <label key={name}>
              <input type="radio" name="knn-metric" data-testid={`knn-metric-${name}`} checked={metric === name} disabled={locked} onChange={() => saveKnn(points, k, name)} />
              {t(name === 'l1' ? 'view.knn.l1' : 'view.knn.l2')}
            </label>
          ))}
        </fieldset>
        <label className="view-field">
          <span>{t('view.knn.k', { k })}</span>
          <input type="range" data-testid="knn-k" min={1} max={Math.min(KNN_MAX_K, points.length)} value={k} disabled={locked}
            {...kGestures.handlers}
            onChange={(event) => saveKnn(points, Number(event.target.value), metric, `knn.k ${kGestures.current()}`)} />
        </label>
        <label className="view-field">
          <span>{t('training.pointClass')}</span>
          <select data-testid="knn-class" value={pointClass} disabled={locked} onChange={(event) => setPointClass(Number(event.target.value))}>
            {Array.from({ length: KNN_CLASSES }, (_unused, index) => <option key={index} value={index}>{t('training.className', { index })}</option>)}
          </select>
        </label>
        <button type="button" data-testid="knn-reset" disabled={locked} onClick={() => saveKnn(KNN_START_POINTS, Math.min(k, KNN_START_POINTS.length), metric)}>{t('view.knn.resetPoints')}</button>
        <p className="hint" data-testid="knn-summary">{t('view.knn.summary', { count: points.length, percent: Math.round(differing * 100) })}</p>
        {full && !locked && <p className="hint" data-testid="knn-full">{t('view.knn.full', { max: KNN_MAX_POINTS })}</p>}
        {!locked && <p className="hint" data-testid="knn-hint">{t('view.knn.hint')}</p>}
      </div>
    </div>
  );
}

/** Rounds a clicked coordinate to 3 decimals. */
function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
