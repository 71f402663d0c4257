import { useEffect, useState } from 'react';
import type { DatasetSettings, GraphDocument, TrainingSettings } from '../../engine/document';
import { OPTIMIZER_NAMES, type OptimizerName } from '../../engine/optimizers';
import { WEIGHT_INITS, type WeightInit } from '../../engine/training/init';
import type { MessageKey } from '../i18n/en';
import type { Translate } from '../i18n/translate';
import { useT } from '../i18n/use-t';
import { editorStore, useEditor } from '../store/use-editor';
import { CsvInput } from './CsvInput';
import { OPTIMIZER_LABELS } from './messages';
import { NumberSetting } from './NumberSetting';
import {
  DATASET_NAMES,
  isValidOptimizerValue,
  OPTIMIZER_FIELDS,
  optimizerValue,
  wholeNumberProblem,
  withDataset,
  withInit,
  withOptimizerName,
  withOptimizerValue,
  withWholeNumber,
  type Hyperparameter,
  type WholeNumberSetting,
} from './settings';
import { useTraining } from './use-training';

/** Writes one settings change to the document as one edit. */
function changeDocument(update: (document: GraphDocument) => GraphDocument): void {
  const state = editorStore.getState();
  state.dispatch({ type: 'replaceDocument', document: update(state.document) });
}

const WHOLE_NUMBER_FIELDS: readonly [WholeNumberSetting, MessageKey, string][] = [
  ['batchSize', 'training.batchSize', 'batch-size'],
  ['epochs', 'training.epochs', 'epochs'],
  ['seed', 'training.seed', 'seed'],
];

/** Dataset, optimizer with its hyperparameters, batch size, epochs, seed and weight init of the document. */
export function SettingsForm({ training }: { training: TrainingSettings }) {
  const t = useT();
  const presetId = useEditor((state) => state.presetId);
  // Settings other than epochs rebuild the trainer, so they wait until training pauses.
  const running = useTraining((snapshot) => snapshot.phase === 'running');
  const trainExamples = useTraining((snapshot) => snapshot.counts?.train ?? null);
  const [csvOpen, setCsvOpen] = useState(false);
  const datasetName = csvOpen ? 'csv' : training.dataset.name;

  // Choosing "pasted CSV" opens the text area before the document changes; another dataset closes it.
  useEffect(() => setCsvOpen(false), [training.dataset]);

  const chooseDataset = (name: DatasetSettings['name']) => {
    setCsvOpen(name === 'csv');
    if (name !== 'csv') changeDocument((document) => withDataset(document, presetId, { name }));
  };

  return (
    <div className="training-settings">
      <label className="training-field">
        <span>{t('training.dataset')}</span>
        <select data-testid="dataset" value={datasetName} disabled={running} onChange={(event) => chooseDataset(event.target.value as DatasetSettings['name'])}>
          {DATASET_NAMES.map((name) => (
            <option key={name} value={name}>{t(`training.datasetName.${name}`)}</option>
          ))}
        </select>
      </label>
      {/* Keyed by the document's CSV, so the box shows the new text when a preset, undo or a lecture view replaces it. */}
      {datasetName === 'csv' && <CsvInput key={training.dataset.csv ?? ''} initialText={training.dataset.csv ?? ''} presetId={presetId} />}
      <OptimizerFields training={training} disabled={running} />
      {WHOLE_NUMBER_FIELDS.map(([field, key, testId]) => (
        <NumberSetting
          key={field}
          testId={testId}
          label={t(key)}
          value={training[field]}
          disabled={running && field !== 'epochs'}
          scope="training"
          validate={(value) => {
            const problem = wholeNumberProblem(field, value);
            return problem && t(problem.key, problem.params);
          }}
          note={field === 'batchSize' && trainExamples !== null && training.batchSize > trainExamples ? t('training.batchAboveSplit', { train: trainExamples }) : null}
          onCommit={(value) => changeDocument((document) => withWholeNumber(document, field, value))}
        />
      ))}
      <label className="training-field">
        <span>{t('training.init')}</span>
        <select data-testid="weight-init" value={training.init} disabled={running} onChange={(event) => changeDocument((document) => withInit(document, event.target.value as WeightInit))}>
          {WEIGHT_INITS.map((init) => (
            <option key={init} value={init}>{t(`training.initName.${init}`)}</option>
          ))}
        </select>
      </label>
    </div>
  );
}

function OptimizerFields({ training, disabled }: { training: TrainingSettings; disabled: boolean }) {
  const t = useT();
  const { optimizer } = training;
  const fields: readonly (Hyperparameter | 'learningRate')[] = ['learningRate', ...OPTIMIZER_FIELDS[optimizer.name]];

  return (
    <>
      <label className="training-field">
        <span>{t('training.optimizer')}</span>
        <select data-testid="optimizer" value={optimizer.name} disabled={disabled} onChange={(event) => changeDocument((document) => withOptimizerName(document, event.target.value as OptimizerName))}>
          {OPTIMIZER_NAMES.map((name) => (
            <option key={name} value={name}>{OPTIMIZER_LABELS[name]}</option>
          ))}
        </select>
      </label>
      {fields.map((field) => (
        <NumberSetting
          key={`${optimizer.name}-${field}`}
          testId={field === 'learningRate' ? 'learning-rate' : `optimizer-${field}`}
          label={field === 'learningRate' ? t('training.learningRate') : t(`training.hyper.${field}`)}
          value={optimizerValue(optimizer, field)}
          disabled={disabled}
          scope="training"
          validate={(value) => (isValidOptimizerValue(field, value) ? null : optimizerProblem(t, field))}
          onCommit={(value) => changeDocument((document) => withOptimizerValue(document, field, value))}
        />
      ))}
    </>
  );
}

function optimizerProblem(t: Translate, field: Hyperparameter | 'learningRate'): string {
  if (field === 'learningRate' || field === 'epsilon') return t('training.invalidPositive');
  if (field === 'initialAccumulator') return t('training.invalidNonNegative');
  return t('training.invalidFraction');
}
