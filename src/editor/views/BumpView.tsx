import { useMemo, useRef } from 'react';
import { BUMP_MAX_COUNT, BUMP_MAX_HEIGHT, type ViewSettings } from '../../engine/document';
import { BUMP_INTERVAL, BUMP_TARGETS, bumpsFor, bumpValue, maxError, sumOfBumps, type Bump, type BumpTarget } from '../../presets/views/bump';
import { BUMP_NODES, bumpTermsOf, bumpTermsValue, type BumpGraphTerms } from '../../presets/views/graphs';
import type { GraphEdit } from '../store/edits';
import { useT } from '../i18n/use-t';
import { editorStore, useEditor } from '../store/use-editor';
import type { PlotRange } from '../training/boundary';
import { drawAxes, drawPolyline } from './plot';
import { PlotCanvas } from './PlotCanvas';
import { useSliderGestures, type SliderGestures } from './slider-gestures';

const [FROM, TO] = BUMP_INTERVAL;
const BUMP_RANGE: PlotRange = { xMin: FROM, xMax: TO, yMin: -2.2, yMax: 2.2 };
const APPROXIMATION_RANGE: PlotRange = { xMin: FROM, xMax: TO, yMin: -1.6, yMax: 1.6 };
const WIDTH = 330;
const HEIGHT = 220;
const SAMPLES = 300;
const SUM_COLOUR = '#1f4e9c';
const TARGET_COLOUR = '#1d2330';
const PART_COLOURS = ['rgba(217, 113, 28, 0.55)', 'rgba(46, 139, 87, 0.55)'];

/**
 * Left: the bump the graph on the canvas computes, with sliders that rewrite
 * its constants. Right: a curve approximated by a sum of bumps, whose heights
 * can be dragged and whose number is set by a slider.
 */
export function BumpView() {
  return (
    <div className="view-row">
      <GraphBump />
      <Approximation />
    </div>
  );
}

function GraphBump() {
  const t = useT();
  const document = useEditor((state) => state.document);
  const terms = useMemo(() => bumpTermsOf(document), [document]);
  const output = useEditor((state) => state.trace?.nodes[BUMP_NODES.output]?.outputs[0]?.data[0]);
  const shape = terms ? bumpOfTerms(terms) : null;

  const draw = useMemo(() => (context: CanvasRenderingContext2D, size: [number, number]) => {
    drawAxes(context, BUMP_RANGE, size, ['x', 'f(x)']);
    if (!terms) return;
    drawPolyline(context, BUMP_RANGE, sample((x) => bumpTermsValue(terms, x)), size, { colour: SUM_COLOUR, width: 2.5 });
    if (output !== undefined) drawPolyline(context, BUMP_RANGE, [[terms.x, -2.2], [terms.x, output]], size, { colour: TARGET_COLOUR, dash: [4, 3] });
  }, [terms, output]);

  // One drag or key press on any of the sliders is one undo step.
  const gestures = useSliderGestures();
  const update = (changes: Partial<Bump & { x: number }>) => {
    if (!terms || !shape) return;
    const next = { ...shape, ...changes };
    if (next.end - next.start < 0.1) return;
    next.ramp = Math.min(shape.ramp, (next.end - next.start) / 2);
    editorStore.getState().dispatchInGroup(`bump ${gestures.current()}`, ...bumpEdits(next, changes.x ?? terms.x));
  };

  return (
    <figure className="view-figure">
      <PlotCanvas testId="bump-graph-plot" label={t('view.bump.graphPlot')} range={BUMP_RANGE} width={WIDTH} height={HEIGHT} draw={draw} />
      <figcaption>{t('view.bump.graphPlot')}</figcaption>
      {shape && terms ? (
        <div className="view-sliders">
          <Slider testId="bump-start" label={t('view.bump.start', { value: shape.start.toFixed(2) })} min={FROM} max={TO} value={shape.start} gestures={gestures.handlers} onChange={(start) => update({ start })} />
          <Slider testId="bump-end" label={t('view.bump.end', { value: shape.end.toFixed(2) })} min={FROM} max={TO} value={shape.end} gestures={gestures.handlers} onChange={(end) => update({ end })} />
          <Slider testId="bump-height" label={t('view.bump.height', { value: shape.height.toFixed(2) })} min={-2} max={2} value={shape.height} gestures={gestures.handlers} onChange={(height) => update({ height })} />
          <Slider testId="bump-x" label={t('view.bump.input', { value: terms.x.toFixed(2), output: output?.toFixed(3) ?? '–' })} min={FROM} max={TO} value={terms.x} gestures={gestures.handlers} onChange={(x) => update({ x })} />
        </div>
      ) : (
        <p className="hint" data-testid="bump-missing">{t('view.bump.missing')}</p>
      )}
    </figure>
  );
}

type BumpSettings = NonNullable<ViewSettings['bump']>;

/** The approximation a document without saved bump settings shows. */
const START: BumpSettings = { target: 'sine', count: 6 };

/** Returns the bumps of the settings: spread over the interval, with the saved heights where there are any. */
function bumpsOf({ target, count, heights }: BumpSettings): Bump[] {
  const bumps = bumpsFor(BUMP_TARGETS[target], count, FROM, TO);
  return heights ? bumps.map((bump, i) => ({ ...bump, height: heights[i] })) : bumps;
}

/**
 * Saves the approximation in the document, so undo, files and share links
 * follow it. Consecutive saves with the same `group` form one undo step.
 */
function saveBump(bump: BumpSettings, group?: string): void {
  const { document, dispatch, dispatchInGroup } = editorStore.getState();
  const edit = { type: 'setViews', views: { ...document.views, bump } } as const;
  if (group) dispatchInGroup(group, edit);
  else dispatch(edit);
}

function Approximation() {
  const t = useT();
  const saved = useEditor((state) => state.document.views?.bump);
  const locked = useEditor((state) => state.lecture.lockEditing);
  const settings = saved ?? START;
  const { target, count } = settings;
  const bumps = useMemo(() => bumpsOf(saved ?? START), [saved]);
  const error = maxError(BUMP_TARGETS[target], bumps, FROM, TO);
  // One drag or key press on the count slider, and one press and drag on the plot, is one undo step each.
  const countGestures = useSliderGestures();
  const presses = useRef(0);

  const draw = useMemo(() => (context: CanvasRenderingContext2D, size: [number, number]) => {
    drawAxes(context, APPROXIMATION_RANGE, size, ['x', 'y']);
    bumps.forEach((bump, i) => drawPolyline(context, APPROXIMATION_RANGE, sample((x) => bumpValue(bump, x)), size, { colour: PART_COLOURS[i % 2], width: 1 }));
    drawPolyline(context, APPROXIMATION_RANGE, sample(BUMP_TARGETS[target]), size, { colour: TARGET_COLOUR, dash: [6, 4] });
    drawPolyline(context, APPROXIMATION_RANGE, sample((x) => sumOfBumps(bumps, x)), size, { colour: SUM_COLOUR, width: 2.5 });
  }, [bumps, target]);

  // Dragging sets the height of the bump whose interval contains the pointer.
  const dragHeight = (x: number, y: number, phase: 'down' | 'move') => {
    if (locked) return;
    if (phase === 'down') presses.current++;
    const index = Math.min(bumps.length - 1, Math.max(0, Math.floor(((x - FROM) / (TO - FROM)) * bumps.length)));
    const height = Math.min(BUMP_MAX_HEIGHT, Math.max(-BUMP_MAX_HEIGHT, Math.round(y * 100) / 100));
    if (height === bumps[index].height) return;
    saveBump({ target, count, heights: bumps.map((bump, i) => (i === index ? height : bump.height)) }, `bump.heights ${presses.current}`);
  };

  return (
    <figure className="view-figure">
      <PlotCanvas testId="bump-sum-plot" label={t('view.bump.sumPlot')} range={APPROXIMATION_RANGE} width={WIDTH} height={HEIGHT} draw={draw} onPress={dragHeight} />
      <figcaption>{t('view.bump.sumPlot')}</figcaption>
      <div className="view-sliders">
        {locked && <p className="hint" data-testid="bump-locked">{t('view.locked')}</p>}
        <label className="view-field">
          <span>{t('view.bump.target')}</span>
          <select data-testid="bump-target" value={target} disabled={locked} onChange={(event) => saveBump({ target: event.target.value as BumpTarget, count })}>
            {(Object.keys(BUMP_TARGETS) as BumpTarget[]).map((name) => <option key={name} value={name}>{t(`view.bump.target.${name}`)}</option>)}
          </select>
        </label>
        <Slider testId="bump-count" label={t('view.bump.count', { count })} min={1} max={BUMP_MAX_COUNT} step={1} value={count} disabled={locked} gestures={countGestures.handlers}
          onChange={(next) => saveBump({ target, count: next }, `bump.count ${countGestures.current()}`)} />
        <p className="hint" data-testid="bump-error">{t('view.bump.error', { error: error.toFixed(3), count: bumps.length })}</p>
        <p className="hint">{t('view.bump.dragHint')}</p>
      </div>
    </figure>
  );
}

interface SliderProps {
  testId: string;
  label: string;
  min: number;
  max: number;
  step?: number;
  value: number;
  disabled?: boolean;
  /** Handlers that count the slider's gestures, where one gesture is one undo step. */
  gestures?: SliderGestures['handlers'];
  onChange(value: number): void;
}

function Slider({ testId, label, min, max, step = 0.05, value, disabled, gestures, onChange }: SliderProps) {
  return (
    <label className="view-field">
      <span>{label}</span>
      <input type="range" data-testid={testId} min={min} max={max} step={step} value={value} disabled={disabled} {...gestures} onChange={(event) => onChange(Number(event.target.value))} />
    </label>
  );
}

function sample(f: (x: number) => number): [number, number][] {
  return Array.from({ length: SAMPLES + 1 }, (_unused, i) => {
    const x = FROM + ((TO - FROM) * i) / SAMPLES;
    return [x, f(x)];
  });
}

/** Reads start, end, ramp and height back from the graph's constants, assuming the shifts of buildBumpGraph. */
function bumpOfTerms({ shifts, scale }: BumpGraphTerms): Bump {
  const ramp = shifts[0] - shifts[1];
  return { start: -shifts[0], end: -shifts[3], ramp, height: scale * ramp };
}

/** Returns the edits that give the graph's nodes the constants of `bump` and the input x, as one undo step. */
function bumpEdits(bump: Bump, x: number): GraphEdit[] {
  const shifts = [-bump.start, -(bump.start + bump.ramp), -(bump.end - bump.ramp), -bump.end];
  return [
    ...BUMP_NODES.shifts.map((nodeId, i): GraphEdit => ({ type: 'setParam', nodeId, name: 'c', value: round(shifts[i]) })),
    { type: 'setParam', nodeId: BUMP_NODES.output, name: 'c', value: round(bump.height / bump.ramp) },
    { type: 'setParam', nodeId: BUMP_NODES.input, name: 'value', value: { shape: [], data: [round(x)] } },
  ];
}

function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}
