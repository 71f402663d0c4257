import { useMemo, useState } from 'react';
import { registry } from '../../nodes';
import { LOSS_NODES, lossesAlongCorrectScore, rowsFromTrace } from '../../presets/views/losses';
import { useT } from '../i18n/use-t';
import type { GraphEdit } from '../store/edits';
import { editorStore, useEditor } from '../store/use-editor';
import type { PlotRange } from '../training/boundary';
import { drawAxes, drawPolyline } from './plot';
import { PlotCanvas } from './PlotCanvas';

const WIDTH = 300;
const HEIGHT = 200;
/** The plot moves the correct score this far either side of its current value. */
const SWEEP = 6;
const SAMPLES = 121;
const HINGE_COLOUR = '#b3261e';
const SOFTMAX_COLOUR = '#1f4e9c';

/**
 * Shows the scores of the graph's S_hinge node as an editable table with each
 * row's hinge and softmax loss, read from the trace, and a plot of both losses
 * of one row as its correct score moves.
 */
export function HingeSoftmaxView() {
  const t = useT();
  const document = useEditor((state) => state.document);
  const trace = useEditor((state) => state.trace);
  const [selected, setSelected] = useState(0);
  const scores = useMemo(() => scoreRowsOf(document), [document]);
  const labels = trace?.nodes[LOSS_NODES.labels]?.outputs[0]?.data ?? [];
  const losses = useMemo(() => (trace ? rowsFromTrace(trace) : null), [trace]);

  const row = scores && losses ? Math.min(selected, scores.length - 1) : 0;
  const curve = useMemo(() => {
    if (!scores || labels[row] === undefined || !scores[row]) return null;
    const centre = scores[row][labels[row]];
    const values = Array.from({ length: SAMPLES }, (_unused, i) => centre - SWEEP + (2 * SWEEP * i) / (SAMPLES - 1));
    return { centre, values, ...lossesAlongCorrectScore(scores[row], labels[row], values, registry) };
  }, [scores, labels, row]);

  const plotRange = useMemo<PlotRange>(() => {
    if (!curve) return { xMin: 0, xMax: 1, yMin: 0, yMax: 1 };
    const top = Math.max(2, Math.min(30, Math.max(...curve.hinge, ...curve.softmax) * 1.1));
    return { xMin: curve.values[0], xMax: curve.values[SAMPLES - 1], yMin: -0.5, yMax: top };
  }, [curve]);
  const draw = useMemo(() => (context: CanvasRenderingContext2D, size: [number, number]) => {
    drawAxes(context, plotRange, size, ['s_y', 'L']);
    if (!curve) return;
    drawPolyline(context, plotRange, curve.values.map((s, i) => [s, curve.hinge[i]]), size, { colour: HINGE_COLOUR, width: 2.5 });
    drawPolyline(context, plotRange, curve.values.map((s, i) => [s, curve.softmax[i]]), size, { colour: SOFTMAX_COLOUR, width: 2.5 });
    drawPolyline(context, plotRange, [[curve.centre, plotRange.yMin], [curve.centre, plotRange.yMax]], size, { colour: '#1d2330', dash: [4, 3] });
  }, [curve, plotRange]);

  if (!scores || !losses) return <p className="hint" data-testid="losses-missing">{t('view.losses.missing')}</p>;

  const editScore = (i: number, j: number, text: string) => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value)) return;
    const next = scores.map((scoreRow, r) => scoreRow.map((score, c) => (r === i && c === j ? value : score)));
    const tensor = { shape: [next.length, next[0].length], data: next.flat() };
    const edits: GraphEdit[] = [LOSS_NODES.hingeScores, LOSS_NODES.softmaxScores].map((nodeId) => ({ type: 'setParam', nodeId, name: 'value', value: structuredClone(tensor) }));
    editorStore.getState().dispatch(...edits);
  };

  return (
    <div className="view-row">
      <table className="view-table" data-testid="losses-table">
        <thead>
          <tr>
            <th>{t('view.losses.plot')}</th>
            {scores[0].map((_score, j) => <th key={j}>s{j}</th>)}
            <th style={{ color: HINGE_COLOUR }}>{t('view.losses.hinge')}</th>
            <th style={{ color: SOFTMAX_COLOUR }}>{t('view.losses.softmax')}</th>
          </tr>
        </thead>
        <tbody>
          {scores.map((scoreRow, i) => (
            <tr key={i} className={i === row ? 'selected' : undefined}>
              <td><input type="radio" name="losses-row" data-testid={`losses-row-${i}`} checked={i === row} onChange={() => setSelected(i)} /></td>
              {scoreRow.map((score, j) => (
                <td key={j} className={j === labels[i] ? 'correct' : undefined}>
                  <input type="number" step="any" data-testid={`score-${i}-${j}`} defaultValue={score} key={score} onBlur={(event) => editScore(i, j, event.target.value)} onKeyDown={(event) => event.key === 'Enter' && event.currentTarget.blur()} />
                </td>
              ))}
              <td data-testid={`hinge-${i}`}>{formatLoss(losses[i]?.hinge)}</td>
              <td data-testid={`softmax-${i}`}>{formatLoss(losses[i]?.softmax)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <figure>
        <PlotCanvas testId="losses-plot" label={t('view.losses.plotLabel')} range={plotRange} width={WIDTH} height={HEIGHT} draw={draw} />
        <figcaption>{t('view.losses.plotLabel')}</figcaption>
      </figure>
      <p className="hint view-note">{t('view.losses.hint')}</p>
    </div>
  );
}

/** Reads the S_hinge scores as rows, or returns null when the node is missing or not a matrix. */
function scoreRowsOf(document: { nodes: { id: string; params: Record<string, unknown> }[] }): number[][] | null {
  const value = document.nodes.find((node) => node.id === LOSS_NODES.hingeScores)?.params.value as { shape?: number[]; data?: number[] } | undefined;
  if (!value?.shape || !value.data || value.shape.length !== 2) return null;
  const [rows, columns] = value.shape;
  return Array.from({ length: rows }, (_unused, i) => value.data!.slice(i * columns, (i + 1) * columns));
}

function formatLoss(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  return value === 0 ? '0' : Math.abs(value) < 1e-3 ? value.toExponential(2) : value.toFixed(4);
}
