import { useMemo } from 'react';
import type { GraphDocument } from '../../engine/document';
import type { TensorData } from '../../engine/tensor';
import { applyReluLayer, mapSegment, reluLayerFrom, type ReluLayer } from '../../presets/views/warp';
import { useT } from '../i18n/use-t';
import { useEditor } from '../store/use-editor';
import { GRID_SIZE, gridPoints, heatmapPixels, type PlotRange } from '../training/boundary';
import { trainingController, useTraining } from '../training/use-training';
import { drawAxes, drawCells, drawPoints, drawPolyline, type PlotPoint } from './plot';
import { PlotCanvas } from './PlotCanvas';

const INPUT_RANGE: PlotRange = { xMin: -1.2, xMax: 1.2, yMin: -1.2, yMax: 1.2 };
const SIZE = 200;
/** Grid lines x = c and y = c drawn in the input space and mapped into the hidden space. */
const GRID_LINES = [-1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1];
const VERTICAL_COLOUR = 'rgba(31, 78, 156, 0.55)';
const HORIZONTAL_COLOUR = 'rgba(217, 113, 28, 0.6)';

/** Weights of the network: the trainer's while one exists, else the values stored on the parameter nodes. */
interface Weights {
  fold: ReluLayer | null;
  classifier: { w: TensorData; b: TensorData } | null;
}

/**
 * Shows the input space with its grid and the network's regions, beside the hidden
 * space h = ReLU(x · W1 + b1) with the same grid lines and points after the
 * layer, and the regions of the linear classifier (W2, b2) there.
 */
export function WarpView() {
  const t = useT();
  const document = useEditor((state) => state.document);
  const revision = useTraining((snapshot) => snapshot.revision);
  const data = trainingController.data;
  const weights = useMemo(() => readWeights(document, revision), [document, revision]);

  const points = useMemo<PlotPoint[]>(() => (data ? [data.train, data.validation, data.test].flatMap((set) => Array.from(set.y, (label, i) => ({ x: set.x[i * 2], y: set.x[i * 2 + 1], label }))) : []), [data]);
  const fold = weights.fold;
  const hiddenRange = useMemo(() => (fold ? hiddenRangeOf(fold) : INPUT_RANGE), [fold]);

  const drawInput = useMemo(() => (context: CanvasRenderingContext2D, size: [number, number]) => {
    const scores = trainingController.scoresFor(gridPoints(INPUT_RANGE), GRID_SIZE * GRID_SIZE);
    if (scores) drawCells(context, heatmapPixels(scores, scores.length / (GRID_SIZE * GRID_SIZE)), GRID_SIZE, GRID_SIZE, true);
    drawAxes(context, INPUT_RANGE, size, ['x₁', 'x₂']);
    for (const c of GRID_LINES) {
      drawPolyline(context, INPUT_RANGE, [[c, -1], [c, 1]], size, { colour: VERTICAL_COLOUR });
      drawPolyline(context, INPUT_RANGE, [[-1, c], [1, c]], size, { colour: HORIZONTAL_COLOUR });
    }
    drawPoints(context, INPUT_RANGE, points, size, true, 3);
    // `revision` is read so the plot redraws with the trainer's new weights.
  }, [points, revision, document]);

  const drawHidden = useMemo(() => (context: CanvasRenderingContext2D, size: [number, number]) => {
    if (!fold) return;
    if (weights.classifier) {
      const scores = linearScores(gridPoints(hiddenRange), weights.classifier);
      if (scores) drawCells(context, heatmapPixels(scores, weights.classifier.b.data.length), GRID_SIZE, GRID_SIZE, true);
    }
    drawAxes(context, hiddenRange, size, ['h₁', 'h₂']);
    for (const c of GRID_LINES) {
      drawPolyline(context, hiddenRange, mapSegment(fold, [c, -1], [c, 1]), size, { colour: VERTICAL_COLOUR });
      drawPolyline(context, hiddenRange, mapSegment(fold, [-1, c], [1, c]), size, { colour: HORIZONTAL_COLOUR });
    }
    drawPoints(context, hiddenRange, points.map((point) => mapPoint(fold, point)), size, true, 3);
  }, [fold, weights, hiddenRange, points]);

  return (
    <div className="view-row">
      <figure>
        <PlotCanvas testId="warp-input" label={t('view.warp.inputSpace')} range={INPUT_RANGE} width={SIZE} height={SIZE} draw={drawInput} />
        <figcaption>{t('view.warp.inputSpace')}</figcaption>
      </figure>
      <figure>
        <PlotCanvas testId="warp-hidden" label={t('view.warp.hiddenSpace')} range={hiddenRange} width={SIZE} height={SIZE} draw={drawHidden} />
        <figcaption>{t('view.warp.hiddenSpace')}</figcaption>
      </figure>
      <div className="view-controls">
        {fold ? (
          <p className="view-formula" data-testid="warp-weights">
            h₁ = ReLU({formatTerm(fold.w[0], 'x₁')} {formatTerm(fold.w[2], 'x₂', true)} {formatTerm(fold.b[0], '', true)})<br />
            h₂ = ReLU({formatTerm(fold.w[1], 'x₁')} {formatTerm(fold.w[3], 'x₂', true)} {formatTerm(fold.b[1], '', true)})
          </p>
        ) : (
          <p className="hint" data-testid="warp-weights">{t('view.warp.noLayer')}</p>
        )}
        <p className="hint">{t('view.warp.hint')}</p>
      </div>
    </div>
  );
}

/** Reads W1, b1, W2 and b2 from the trainer when it has them, else from the document's parameter nodes. */
function readWeights(document: GraphDocument, _revision: number): Weights {
  const read = (id: string): TensorData | null => {
    const trained = trainingController.parameterValue(id);
    if (trained) return trained;
    const value = document.nodes.find((node) => node.id === id)?.params.value;
    return value && typeof value === 'object' && 'data' in value ? (value as TensorData) : null;
  };
  const [w2, b2] = [read('W2'), read('b2')];
  const classifier = w2 && b2 && w2.shape.length === 2 && w2.shape[0] === 2 && w2.shape[1] === b2.data.length ? { w: w2, b: b2 } : null;
  return { fold: reluLayerFrom(read('W1'), read('b1')), classifier };
}

function mapPoint(fold: ReluLayer, point: PlotPoint): PlotPoint {
  const [x, y] = applyReluLayer(fold, point.x, point.y);
  return { x, y, label: point.label };
}

/** Fits a square around the image of [−1, 1]² in the hidden space, with a margin, always including the origin. */
function hiddenRangeOf(fold: ReluLayer): PlotRange {
  let max = 0.5;
  for (const x of [-1, 1]) for (const y of [-1, 1]) max = Math.max(max, ...applyReluLayer(fold, x, y));
  const edge = max * 1.15;
  return { xMin: -0.1 * edge, xMax: edge, yMin: -0.1 * edge, yMax: edge };
}

/** Computes the scores h · W + b for each [h1, h2] pair of `hidden` (stored flat) as [count, classes], row-major. */
function linearScores(hidden: Float32Array, { w, b }: { w: TensorData; b: TensorData }): Float32Array {
  const classes = b.data.length;
  const count = hidden.length / 2;
  const scores = new Float32Array(count * classes);
  for (let i = 0; i < count; i++) {
    for (let c = 0; c < classes; c++) scores[i * classes + c] = hidden[i * 2] * w.data[c] + hidden[i * 2 + 1] * w.data[classes + c] + b.data[c];
  }
  return scores;
}

/** Formats a weight times a variable as "0.71 x₁", with a sign in front when it follows another term. */
function formatTerm(weight: number, variable: string, signed = false): string {
  const magnitude = Math.abs(weight).toFixed(2);
  let sign = signed ? '+ ' : '';
  if (weight < 0) sign = '− ';
  return `${sign}${magnitude}${variable ? ` ${variable}` : ''}`;
}
