import { useEffect } from 'react';
import { speeds } from '../store/store';
import { activeStep, stepDelayMs } from '../store/timeline';
import { editorStore, useEditor } from '../store/use-editor';
import { useT } from '../i18n/use-t';
import { Icon } from './icons';

/** Advances the timeline while playing, with one pending timer at most and none while paused. */
function usePlayback(): void {
  const playing = useEditor((state) => state.playing);
  const cursor = useEditor((state) => state.cursor);
  const speed = useEditor((state) => state.speed);
  useEffect(() => {
    if (!playing) return;
    const timer = setTimeout(() => editorStore.getState().tick(), stepDelayMs(speed));
    return () => clearTimeout(timer);
  }, [playing, cursor, speed]);
}

/** Play/pause, step buttons, scrubber, speed and the label of the active step. */
export function Timeline() {
  usePlayback();
  const t = useT();
  const playing = useEditor((state) => state.playing);
  const cursor = useEditor((state) => state.cursor);
  const speed = useEditor((state) => state.speed);
  const steps = useEditor((state) => state.trace?.steps ?? noSteps);
  const { togglePlay, stepBack, stepForward, seek, setSpeed } = editorStore.getState();

  const step = activeStep(steps, cursor);
  let stepLabel = t('timeline.start');
  if (step?.phase === 'forward') stepLabel = t('timeline.forward', { node: step.nodeId });
  if (step?.phase === 'backward') stepLabel = t('timeline.backward', { node: step.nodeId });
  const playLabel = playing ? t('timeline.pause') : t('timeline.play');

  return (
    <section className="timeline" data-testid="timeline" aria-label={t('timeline.label')}>
      <button type="button" className="icon-button" data-testid="step-back" aria-label={t('timeline.stepBack')} title={t('timeline.stepBack')} onClick={stepBack} disabled={cursor === 0}>
        <Icon name="stepBack" />
      </button>
      <button type="button" className="icon-button play" data-testid="play" aria-label={playLabel} title={playLabel} onClick={togglePlay} disabled={steps.length === 0}>
        <Icon name={playing ? 'pause' : 'play'} />
      </button>
      <button type="button" className="icon-button" data-testid="step-forward" aria-label={t('timeline.stepForward')} title={t('timeline.stepForward')} onClick={stepForward} disabled={cursor >= steps.length}>
        <Icon name="stepForward" />
      </button>
      <input
        type="range"
        className="scrubber"
        data-testid="scrubber"
        aria-label={t('timeline.scrubber')}
        min={0}
        max={steps.length}
        step={1}
        value={cursor}
        onChange={(event) => seek(Number(event.target.value))}
      />
      <label className="speed">
        {t('timeline.speed')}
        <select data-testid="speed" value={String(speed)} onChange={(event) => setSpeed(Number(event.target.value))}>
          {speeds.map((value) => (
            <option key={value} value={String(value)}>{value}×</option>
          ))}
        </select>
      </label>
      <span className={`step-label ${step?.phase ?? ''}`} data-testid="step-label" aria-live="polite">{stepLabel}</span>
      <span className="step-count" data-testid="step-count">{t('timeline.count', { k: cursor, n: steps.length })}</span>
      <span className="legend">
        <span className="legend-value">{t('timeline.legendValue')}</span>
        <span className="legend-grad">{t('timeline.legendGradient')}</span>
      </span>
    </section>
  );
}

const noSteps: never[] = [];
