import { useShallow } from 'zustand/react/shallow';
import { formatNumber } from '../format';
import { useT } from '../i18n/use-t';
import { useEditor } from '../store/use-editor';
import { joinFieldNames, useInvalidFieldNames } from './invalid-fields';
import { lastEpochText, formatPercent, stopMessage } from './messages';
import { ProgressBar } from './ProgressBar';
import { sessionErrorText } from './setup-error';
import { trainingController, useTraining } from './use-training';

/**
 * Train / Pause, Step, Reset and Test accuracy, with the progress bar and the
 * status of the run. Train and Step are disabled while a setting field contains
 * invalid text, because they would run with the last valid value instead.
 */
export function RunControls() {
  const t = useT();
  const language = useEditor((state) => state.language);
  const invalidFields = useInvalidFieldNames(['training']);
  const phase = useTraining((snapshot) => snapshot.phase);
  const stopped = useTraining((snapshot) => snapshot.stop !== null);
  const epochs = useTraining((snapshot) => snapshot.epochs);
  const finished = useTraining((snapshot) => snapshot.epochs > 0 && snapshot.epoch >= snapshot.epochs);
  const evaluating = useTraining((snapshot) => snapshot.evaluation !== null);
  const running = phase === 'running';
  const blocked = invalidFields.length > 0 ? t('training.blocked', { fields: joinFieldNames(language, invalidFields) }) : null;
  const canTrain = phase === 'ready' && !stopped && blocked === null;

  return (
    <div className="training-run">
      <div className="training-buttons">
        <button
          type="button"
          className="primary"
          data-testid="train"
          disabled={!running && (!canTrain || finished)}
          title={running ? undefined : blocked ?? undefined}
          onClick={() => (running ? trainingController.pause() : trainingController.start())}
        >
          {running ? t('training.pause') : t('training.train')}
        </button>
        <button type="button" data-testid="train-step" disabled={!canTrain || evaluating} title={blocked ?? undefined} onClick={() => trainingController.stepOnce()}>
          {t('training.step')}
        </button>
        <button type="button" data-testid="train-reset" disabled={phase === 'off' || phase === 'waiting'} onClick={() => trainingController.reset()}>
          {t('training.reset')}
        </button>
      </div>
      {blocked && !running && <p className="training-error" data-testid="train-blocked">{blocked}</p>}
      <TrainingProgress />
      <RunStatus />
      <InitialLoss />
      <LastEpoch />
      {finished && <p className="hint">{t('training.finished', { epochs })}</p>}
      <TestAccuracy />
    </div>
  );
}

function TrainingProgress() {
  const t = useT();
  const { epoch, epochs, batch, batchesPerEpoch } = useTraining(
    useShallow(({ epoch, epochs, batch, batchesPerEpoch }) => ({ epoch, epochs, batch, batchesPerEpoch })),
  );
  const total = Math.max(epochs * batchesPerEpoch, 1);
  const done = Math.min(epoch * batchesPerEpoch + batch, total);
  const text = t('training.progress', { epoch, epochs, batch, batches: batchesPerEpoch });
  return (
    <>
      <ProgressBar testId="train-progress" label={t('training.progressLabel')} fraction={done / total} text={text} />
      <EvaluationStatus />
    </>
  );
}

/** Shows the evaluation that runs between training steps: an epoch's training and validation splits, or the test split. */
function EvaluationStatus() {
  const t = useT();
  const evaluation = useTraining((snapshot) => snapshot.evaluation);
  if (!evaluation) return null;

  const percent = Math.round(evaluation.fraction * 100);
  const text = evaluation.epoch === null ? t('training.evaluatingTest', { percent }) : t('training.evaluatingEpoch', { epoch: evaluation.epoch, percent });
  return <p className="muted" data-testid="train-evaluating">{text}</p>;
}

/** Loading, failure and stop messages, and the split sizes once the data is ready. */
function RunStatus() {
  const t = useT();
  const language = useEditor((state) => state.language);
  const { phase, datasetProgress, setupError, stop, counts } = useTraining(
    useShallow(({ phase, datasetProgress, setupError, stop, counts }) => ({ phase, datasetProgress, setupError, stop, counts })),
  );

  return (
    <>
      {phase === 'waiting' && <p className="hint">{t('training.waiting')}</p>}
      {phase === 'loading' && datasetProgress === null && <p className="hint">{t('training.preparing')}</p>}
      {datasetProgress !== null && (
        <ProgressBar
          testId="dataset-progress"
          label={t('training.loadingMnist', { percent: Math.round(datasetProgress * 100) })}
          fraction={datasetProgress}
          text={t('training.loadingMnist', { percent: Math.round(datasetProgress * 100) })}
        />
      )}
      {setupError && <p className="training-error" role="alert" data-testid="train-setup-error">{t(setupError.stage === 'dataset' ? 'training.datasetFailed' : 'training.setupFailed', { message: sessionErrorText(t, setupError.reason) })}</p>}
      {stop && <p className="training-error" role="alert" data-testid="train-error">{stopMessage(t, stop, language)}</p>}
      {counts && <p className="muted" data-testid="split-counts">{t('training.counts', { ...counts })}</p>}
    </>
  );
}

/** The loss the graph should start at beside the one it does start at, so a wrong graph shows before training. */
function InitialLoss() {
  const t = useT();
  const { expectedInitialLoss, initialLoss, classes, lossKind } = useTraining(
    useShallow(({ expectedInitialLoss, initialLoss, classes, lossKind }) => ({ expectedInitialLoss, initialLoss, classes, lossKind })),
  );
  if (expectedInitialLoss === null || initialLoss === null) return null;

  const margin = expectedInitialLoss / Math.max(classes - 1, 1);
  const svmFormula = margin === 1 ? `C − 1 = ${classes} − 1` : `(C − 1)·Δ = (${classes} − 1)·${formatNumber(margin)}`;
  const formula = lossKind === 'svm-loss' ? svmFormula : `ln C = ln ${classes}`;
  return (
    <>
      <dl className="training-initial">
        <dt>{t('training.expectedLoss', { formula })}</dt>
        <dd data-testid="expected-initial-loss">{formatNumber(expectedInitialLoss)}</dd>
        <dt>{t('training.initialLoss')}</dt>
        <dd data-testid="initial-loss">{formatNumber(initialLoss)}</dd>
      </dl>
      <p className="hint">{t('training.initialHint')}</p>
    </>
  );
}

function LastEpoch() {
  const t = useT();
  const record = useTraining((snapshot) => snapshot.history.at(-1));
  const lastLoss = useTraining((snapshot) => snapshot.lastLoss);
  return (
    <>
      <p data-testid="last-epoch">{lastEpochText(t, record)}</p>
      {lastLoss !== null && <p className="muted" data-testid="batch-loss">{t('training.batchLoss', { loss: formatNumber(lastLoss) })}</p>}
    </>
  );
}

function TestAccuracy() {
  const t = useT();
  const accuracy = useTraining((snapshot) => snapshot.testAccuracy);
  const canMeasure = useTraining((snapshot) => snapshot.phase === 'ready');
  return (
    <div className="training-test">
      <button type="button" data-testid="test-accuracy" disabled={!canMeasure} onClick={() => trainingController.measureTestAccuracy()}>
        {t('training.testAccuracy')}
      </button>
      {accuracy !== null && <span data-testid="test-accuracy-result">{t('training.testResult', { accuracy: formatPercent(accuracy) })}</span>}
      <p className="hint">{t('training.testNote')}</p>
    </div>
  );
}
