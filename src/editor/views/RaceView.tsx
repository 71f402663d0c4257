import { useEffect, useMemo, useRef, useState } from 'react';
import { OPTIMIZER_NAMES, type OptimizerName } from '../../engine/optimizers';
import { racePaths, RACE_LEARNING_RATES, RACE_RANGE, RACE_START, RACE_STEPS, ravineLoss } from '../../presets/views/race';
import { parseNumber } from '../canvas/ValueField';
import { useT } from '../i18n/use-t';
import { editorStore, useEditor } from '../store/use-editor';
import { dataToPixel, type PlotRange } from '../training/boundary';
import { drawAxes, drawCells, drawPolyline } from './plot';
import { PlotCanvas } from './PlotCanvas';

const WIDTH = 400;
const HEIGHT = 200;
const CELLS = [160, 80] as const;
/** Optimizer steps revealed per animation frame while the race runs. */
const STEPS_PER_FRAME = 1;
/** Path colours, one per optimizer in OPTIMIZER_NAMES order, distinct on the blue-to-white surface. */
const PATH_COLOURS: Record<OptimizerName, string> = {
  sgd: '#b3261e', momentum: '#e8a400', nesterov: '#8a5a00', adagrad: '#2e8b57', rmsprop: '#804db3', adam: '#d65aa6',
};
const range: PlotRange = { ...RACE_RANGE };
/** The optimizers' usual names, the same in every language. */
const OPTIMIZER_LABELS: Record<OptimizerName, string> = {
  sgd: 'SGD', momentum: 'Momentum', nesterov: 'Nesterov', adagrad: 'AdaGrad', rmsprop: 'RMSProp', adam: 'Adam',
};

/** Saves the learning rates in the document, so that files and share links keep them. */
function saveRates(learningRates: Record<OptimizerName, number>): void {
  const { document, dispatch } = editorStore.getState();
  dispatch({ type: 'setViews', views: { ...document.views, race: { learningRates } } });
}

/**
 * Races the six optimizers on the ravine: contour bands of the loss, each
 * optimizer's path revealed step by step, learning rates per optimizer, and
 * the start point set by a click, which also moves x and y on the canvas.
 */
export function RaceView() {
  const t = useT();
  const document = useEditor((state) => state.document);
  const start = useMemo(() => startOf(document), [document]);
  const saved = useEditor((state) => state.document.views?.race?.learningRates);
  const savedRates = saved ?? RACE_LEARNING_RATES;
  const locked = useEditor((state) => state.lecture.lockEditing);
  // The typed text of each rate field, saved when the field is left or Enter is pressed. The race
  // follows valid text at once, and partial input such as "0." stays in the field.
  const [drafts, setDrafts] = useState<Partial<Record<OptimizerName, string>>>({});
  // Rates that an undo brings, and a document loaded from a file or link, replace the typed text.
  // Saving one field's rate keeps the text typed into the others.
  const loadCount = useEditor((state) => state.loadCount);
  const [draftsFor, setDraftsFor] = useState({ saved, loadCount });
  const [ownSave, setOwnSave] = useState<Record<OptimizerName, number> | null>(null);
  if (draftsFor.saved !== saved || draftsFor.loadCount !== loadCount) {
    const savedHere = draftsFor.loadCount === loadCount && ownSave !== null && saved !== undefined && OPTIMIZER_NAMES.every((name) => Object.is(saved[name], ownSave[name]));
    setDraftsFor({ saved, loadCount });
    setOwnSave(null);
    if (!savedHere) setDrafts({});
  }
  const rates = useMemo(() => {
    const live = { ...savedRates };
    for (const name of OPTIMIZER_NAMES) if (drafts[name] !== undefined && isPositiveNumber(drafts[name]!)) live[name] = Number(drafts[name]);
    return live;
  }, [savedRates, drafts]);
  const invalidRates = OPTIMIZER_NAMES.filter((name) => drafts[name] !== undefined && !isPositiveNumber(drafts[name]!));

  /** Saves a field's valid typed rate when it differs from the saved one, and shows the saved rate again. */
  const commit = (name: OptimizerName) => {
    const text = drafts[name];
    if (text === undefined || !isPositiveNumber(text)) return;
    const { [name]: _committed, ...others } = drafts;
    setDrafts(others);
    if (Number(text) === savedRates[name]) return;
    const next = { ...savedRates, [name]: Number(text) };
    setOwnSave(next);
    saveRates(next);
  };
  const [shown, setShown] = useState(0);
  const [running, setRunning] = useState(false);
  // The optimizers run on tfjs, so the paths wait until the backend has started.
  const ready = useEditor((state) => state.backend.status === 'ready');
  const paths = useMemo(() => (ready ? racePaths(start, rates) : null), [ready, start, rates]);
  const bands = useMemo(() => lossBands(), []);
  const frame = useRef(0);

  useEffect(() => {
    if (!running) return;
    const advance = () => {
      setShown((steps) => {
        if (steps + STEPS_PER_FRAME >= RACE_STEPS) setRunning(false);
        return Math.min(RACE_STEPS, steps + STEPS_PER_FRAME);
      });
      frame.current = requestAnimationFrame(advance);
    };
    frame.current = requestAnimationFrame(advance);
    return () => cancelAnimationFrame(frame.current);
  }, [running]);

  const draw = useMemo(() => (context: CanvasRenderingContext2D, size: [number, number]) => {
    drawCells(context, bands, CELLS[0], CELLS[1], true);
    drawAxes(context, range, size, ['x', 'y']);
    for (const name of OPTIMIZER_NAMES) if (paths) drawPolyline(context, range, paths[name].slice(0, shown + 1), size, { colour: PATH_COLOURS[name], width: 2 });
    const [px, py] = dataToPixel(range, start[0], start[1], ...size);
    context.fillStyle = '#1d2330';
    context.fillRect(px - 4, py - 4, 8, 8);
  }, [bands, paths, shown, start]);

  const moveStart = (x: number, y: number, phase: 'down' | 'move') => {
    if (phase !== 'down' || locked) return;
    setRunning(false);
    setShown(0);
    editorStore.getState().dispatch(
      { type: 'setParam', nodeId: 'x', name: 'value', value: { shape: [], data: [round(x)] } },
      { type: 'setParam', nodeId: 'y', name: 'value', value: { shape: [], data: [round(y)] } },
    );
  };

  const restart = () => {
    setShown(0);
    setRunning(true);
  };

  return (
    <div className="view-row">
      <figure>
        <PlotCanvas testId="race-plot" label={t('view.race.plot')} range={range} width={WIDTH} height={HEIGHT} draw={draw} onPress={moveStart} />
        <figcaption>{t('view.race.plot')}</figcaption>
      </figure>
      <div className="view-controls">
        {/* The lock note comes first, so it shows beside the plot on a short screen. */}
        {locked && <p className="hint" data-testid="race-locked">{t('view.locked')}</p>}
        <div className="view-buttons">
          <button type="button" data-testid="race-start" disabled={!paths} onClick={restart}>{t('view.race.start')}</button>
          <button type="button" data-testid="race-pause" disabled={!running} onClick={() => setRunning(false)}>{t('view.race.pause')}</button>
          <span data-testid="race-step">{t('view.race.step', { step: shown, steps: RACE_STEPS })}</span>
        </div>
        <table className="view-table" data-testid="race-table">
          <thead>
            <tr><th>{t('view.race.optimizer')}</th><th>{t('view.race.learningRate')}</th><th>{t('view.race.loss')}</th></tr>
          </thead>
          <tbody>
            {OPTIMIZER_NAMES.map((name) => {
              const path = paths?.[name] ?? [start];
              const [x, y] = path[Math.min(shown, path.length - 1)];
              return (
                <tr key={name}>
                  <td><span className="view-swatch" style={{ background: PATH_COLOURS[name] }} />{OPTIMIZER_LABELS[name]}</td>
                  <td>
                    <input
                      type="number"
                      data-testid={`race-lr-${name}`}
                      min={0}
                      step="any"
                      value={drafts[name] ?? String(savedRates[name])}
                      disabled={locked}
                      aria-invalid={invalidRates.includes(name)}
                      onChange={(event) => setDrafts({ ...drafts, [name]: event.target.value })}
                      onBlur={() => commit(name)}
                      onKeyDown={(event) => {
                        if (event.key === 'Enter') commit(name);
                      }}
                    />
                  </td>
                  <td data-testid={`race-loss-${name}`}>{shown >= path.length ? t('view.race.diverged') : formatLoss(ravineLoss(x, y))}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {invalidRates.length > 0 && (
          <p className="view-error" role="alert" data-testid="race-lr-error">
            {invalidRates.map((name) => OPTIMIZER_LABELS[name]).join(', ')}: {t('training.invalidPositive')}
          </p>
        )}
        <p className="hint">{t('view.race.hint')}</p>
      </div>
    </div>
  );
}

/** Reads the start point from the x and y parameter nodes, falling back to the default start. */
function startOf(document: { nodes: { id: string; params: Record<string, unknown> }[] }): [number, number] {
  const read = (id: string, fallback: number) => {
    const value = document.nodes.find((node) => node.id === id)?.params.value as { data?: number[] } | undefined;
    const number = value?.data?.[0];
    return typeof number === 'number' && Number.isFinite(number) ? number : fallback;
  };
  return [read('x', RACE_START[0]), read('y', RACE_START[1])];
}

/** Colours the surface in bands of log10 loss, so the bands' edges are the contour lines of f. */
function lossBands(): Uint8ClampedArray<ArrayBuffer> {
  const [columns, rows] = CELLS;
  const pixels = new Uint8ClampedArray(columns * rows * 4);
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const x = range.xMin + ((column + 0.5) / columns) * (range.xMax - range.xMin);
      const y = range.yMax - ((row + 0.5) / rows) * (range.yMax - range.yMin);
      // Four bands per decade of loss, from 0.001 up; a lower loss is a darker blue.
      const band = Math.max(0, Math.min(16, Math.floor((Math.log10(ravineLoss(x, y) + 1e-9) + 3) * 4)));
      const shade = band % 2 === 0 ? 0 : 12;
      const lightness = 150 + band * 6 + shade;
      pixels.set([lightness - 40, lightness - 10, 255, 255], (row * columns + column) * 4);
    }
  }
  return pixels;
}

function formatLoss(value: number): string {
  return value !== 0 && value < 1e-3 ? value.toExponential(2) : value.toPrecision(3);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function isPositiveNumber(text: string): boolean {
  const value = parseNumber(text);
  return value !== null && value > 0;
}
