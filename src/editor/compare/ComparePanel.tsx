import { lazy, Suspense, useMemo, useState } from 'react';
import { variantTargets } from '../../engine/compare/variants';
import { WATCHED_ACTIVATIONS } from '../../engine/health/layers';
import { useT } from '../i18n/use-t';
import { useEditor } from '../store/use-editor';
import { joinFieldNames, useInvalidFieldNames } from '../training/invalid-fields';
import { stopMessage } from '../training/messages';
import { NumberSetting } from '../training/NumberSetting';
import { sessionErrorText } from '../training/setup-error';
import { trainingController, useTraining } from '../training/use-training';
import { CompareBoundaries } from './CompareBoundaries';
import { compareController, useCompare } from './use-compare';
import { choiceLabel, DEFAULT_CHOICES, OPTIMIZER_NAMES, variantFor, type CompareDimension, type RunChoice } from './variant-choices';

/** The overlaid curves, loaded with uPlot when a comparison first shows them. */
const CompareCharts = lazy(() => import('./CompareCharts').then((module) => ({ default: module.CompareCharts })));

/** Epochs a comparison runs by default: the graph's own, but at most this many, so both runs end in a lecture's minute. */
const DEFAULT_MAX_EPOCHS = 30;

/**
 * Runs two variants of the training graph (optimizer, activation, penalty or
 * loss) on the training panel's data split with the same seed, and overlays
 * their curves with the decision boundaries side by side.
 */
export function ComparePanel() {
  const t = useT();
  const document = useEditor((state) => state.document);
  const dataReady = useTraining((snapshot) => snapshot.phase === 'ready' || snapshot.phase === 'running');
  const trainingFailed = useTraining((snapshot) => snapshot.phase === 'failed');
  const phase = useCompare((snapshot) => snapshot.phase);
  const error = useCompare((snapshot) => snapshot.error);
  const stops = useCompare((snapshot) => snapshot.stops);
  const language = useEditor((state) => state.language);
  // Both runs read the training panel's settings as well as their own rates.
  const invalidFields = useInvalidFieldNames(['training', 'compare']);
  const targets = useMemo(() => variantTargets(document), [document]);
  const [dimension, setDimension] = useState<CompareDimension>('optimizer');
  const [choices, setChoices] = useState<readonly [RunChoice, RunChoice]>(DEFAULT_CHOICES);
  const [epochs, setEpochs] = useState(Math.min(document.training?.epochs ?? DEFAULT_MAX_EPOCHS, DEFAULT_MAX_EPOCHS));
  const [ranLabels, setRanLabels] = useState<readonly [string, string]>(['', '']);

  const training = document.training;
  if (!training) return <p className="hint">{t('compare.needsTraining')}</p>;
  const dimensions: CompareDimension[] = ['optimizer', ...(targets.activations > 0 ? ['activation' as const] : []), ...(targets.penalties > 0 ? ['penalty' as const] : []), ...(targets.losses > 0 ? ['loss' as const] : [])];
  const data = trainingController.data;
  const running = phase === 'running';
  const blocked = invalidFields.length > 0 ? t('compare.blocked', { fields: joinFieldNames(language, invalidFields) }) : null;

  const update = (run: 0 | 1, change: Partial<RunChoice>) => setChoices((current) => (run === 0 ? [{ ...current[0], ...change }, current[1]] : [current[0], { ...current[1], ...change }]));
  const start = () => {
    if (!data) return;
    setRanLabels([choiceLabel(dimension, choices[0]), choiceLabel(dimension, choices[1])]);
    compareController.start(document, data, [variantFor(dimension, choices[0]), variantFor(dimension, choices[1])], epochs);
  };

  return (
    <section className="compare-panel" data-testid="compare-panel" aria-label={t('compare.heading')}>
      <label className="health-field">
        <span>{t('compare.dimension')}</span>
        <select data-testid="compare-dimension" value={dimension} onChange={(event) => setDimension(event.target.value as CompareDimension)} disabled={running}>
          {dimensions.map((name) => <option key={name} value={name}>{t(`compare.dimension.${name}`)}</option>)}
        </select>
      </label>
      <div className="compare-runs">
        {([0, 1] as const).map((run) => (
          <RunFields key={run} run={run} dimension={dimension} choice={choices[run]} disabled={running} onChange={(change) => update(run, change)} />
        ))}
      </div>
      <label className="health-field">
        <span>{t('compare.epochs')}</span>
        <input type="number" min={1} max={1000} value={epochs} data-testid="compare-epochs" disabled={running} onChange={(event) => setEpochs(Math.min(Math.max(Math.round(Number(event.target.value)) || 1, 1), 1000))} />
      </label>
      <div className="training-buttons">
        <button type="button" className="primary" data-testid="compare-run" disabled={!dataReady || !data || running || blocked !== null} title={blocked ?? undefined} onClick={start}>{t('compare.run')}</button>
        <button type="button" data-testid="compare-pause" disabled={phase !== 'running' && phase !== 'paused'} onClick={() => (running ? compareController.pause() : compareController.resume())}>
          {running ? t('compare.pause') : t('compare.resume')}
        </button>
      </div>
      {blocked && !running && <p className="error" data-testid="compare-blocked">{blocked}</p>}
      {!dataReady && <p className="hint" data-testid="compare-waiting">{t(trainingFailed ? 'compare.trainingFailed' : 'compare.waitingForData')}</p>}
      <p className="hint" data-testid="compare-fair">{t('compare.fair', { seed: training.seed, batch: training.batchSize, init: t(`training.initName.${training.init}`) })}</p>
      {error && <p className="error" role="alert">{error.run}: {sessionErrorText(t, error.reason)}</p>}
      {stops.map((stop, run) => stop && <p key={run} className="error" role="alert" data-testid={`compare-stop-${run === 0 ? 'a' : 'b'}`}>{run === 0 ? 'A' : 'B'}: {stopMessage(t, stop, language)}</p>)}
      <CompareStatus />
      {phase !== 'idle' && phase !== 'failed' && (
        <Suspense fallback={null}>
          <CompareCharts labels={ranLabels} />
        </Suspense>
      )}
      {phase !== 'idle' && phase !== 'failed' && data && data.train.features === 2 && <CompareBoundaries data={data} labels={ranLabels} />}
    </section>
  );
}

function CompareStatus() {
  const t = useT();
  const phase = useCompare((snapshot) => snapshot.phase);
  const epochs = useCompare((snapshot) => snapshot.epochs);
  const a = useCompare((snapshot) => snapshot.histories[0].length);
  const b = useCompare((snapshot) => snapshot.histories[1].length);
  if (phase === 'idle' || phase === 'failed') return null;
  return <p data-testid="compare-status">{t(`compare.phase.${phase}`, { a, b, epochs })}</p>;
}

interface RunFieldsProps {
  run: 0 | 1;
  dimension: CompareDimension;
  choice: RunChoice;
  disabled: boolean;
  onChange(change: Partial<RunChoice>): void;
}

/** Renders the fields of one run for the chosen dimension. */
function RunFields({ run, dimension, choice, disabled, onChange }: RunFieldsProps) {
  const t = useT();
  const name = run === 0 ? 'A' : 'B';
  const id = name.toLowerCase();
  return (
    <fieldset className="compare-run" disabled={disabled}>
      <legend>{t('compare.runName', { name })}</legend>
      {dimension === 'optimizer' && (
        <>
          <select data-testid={`compare-optimizer-${id}`} value={choice.optimizer} onChange={(event) => onChange({ optimizer: event.target.value as RunChoice['optimizer'] })}>
            {OPTIMIZER_NAMES.map((optimizer) => <option key={optimizer} value={optimizer}>{optimizer}</option>)}
          </select>
          {/* The rate applies on Enter or on leaving the field, so text on its way to "0.05", such as "0", is not rejected key by key. */}
          <NumberSetting
            testId={`compare-lr-${id}`}
            label={t('compare.learningRate')}
            fieldName={t('compare.runField', { field: t('compare.learningRate'), name })}
            scope="compare"
            value={choice.learningRate}
            validate={(value) => (Number.isFinite(value) && value > 0 ? null : t('training.invalidPositive'))}
            onCommit={(learningRate) => onChange({ learningRate })}
          />
        </>
      )}
      {dimension === 'activation' && (
        <select data-testid={`compare-activation-${id}`} value={choice.activation} onChange={(event) => onChange({ activation: event.target.value as RunChoice['activation'] })}>
          {WATCHED_ACTIVATIONS.map((activation) => <option key={activation} value={activation}>{activation === 'relu' ? 'ReLU' : activation}</option>)}
        </select>
      )}
      {dimension === 'penalty' && (
        <select data-testid={`compare-penalty-${id}`} value={choice.penalty} onChange={(event) => onChange({ penalty: event.target.value as RunChoice['penalty'] })}>
          <option value="l1-penalty">L1 (l1-penalty)</option>
          <option value="l2-penalty">L2 (l2-penalty)</option>
        </select>
      )}
      {dimension === 'loss' && (
        <select data-testid={`compare-loss-${id}`} value={choice.loss} onChange={(event) => onChange({ loss: event.target.value as RunChoice['loss'] })}>
          <option value="svm-loss">SVM (svm-loss)</option>
          <option value="softmax-ce">softmax (softmax-ce)</option>
        </select>
      )}
    </fieldset>
  );
}
