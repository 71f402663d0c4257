import type { DatasetSettings, GraphDocument, TrainingSettings } from '../../engine/document';
import { OPTIMIZER_DEFAULTS, type OptimizerName, type OptimizerSettings } from '../../engine/optimizers';
import { MAX_SEED } from '../../engine/seed';
import { MAX_BATCH_SIZE, MAX_EPOCHS } from '../../engine/schema';
import type { WeightInit } from '../../engine/training/init';
import { findPreset } from '../../presets';
import type { Message } from '../i18n/translate';

/*
 * Pure edits of a document's training settings. Each returns a new document,
 * so the panel writes every settings change to the store as one edit.
 */

export const DATASET_NAMES: readonly DatasetSettings['name'][] = ['spiral', 'circles', 'xor', 'blobs', 'mnist', 'csv'];

/** Optimizer hyperparameters other than the learning rate. */
export type Hyperparameter = 'momentum' | 'beta1' | 'beta2' | 'decay' | 'epsilon' | 'initialAccumulator';

/** The hyperparameters each optimizer reads besides the learning rate, in display order. */
export const OPTIMIZER_FIELDS: Readonly<Record<OptimizerName, readonly Hyperparameter[]>> = {
  sgd: [],
  momentum: ['momentum'],
  nesterov: ['momentum'],
  adagrad: ['initialAccumulator'],
  rmsprop: ['decay', 'epsilon'],
  adam: ['beta1', 'beta2', 'epsilon'],
};

/** Fields of TrainingSettings that hold one whole number. */
export type WholeNumberSetting = 'batchSize' | 'epochs' | 'seed';

/** Smallest valid value of each whole-number setting. */
export const WHOLE_NUMBER_MINIMUM: Readonly<Record<WholeNumberSetting, number>> = { batchSize: 1, epochs: 1, seed: 0 };

/** Largest valid value of each whole-number setting: the batch size and epochs a document loads with, and the seeds the trainer uses exactly. */
export const WHOLE_NUMBER_MAXIMUM: Readonly<Record<WholeNumberSetting, number>> = { batchSize: MAX_BATCH_SIZE, epochs: MAX_EPOCHS, seed: MAX_SEED };

/** Tells whether `value` is valid for an optimizer field: a positive rate or ε, a decay or β in [0, 1). */
export function isValidOptimizerValue(field: Hyperparameter | 'learningRate', value: number): boolean {
  if (!Number.isFinite(value)) return false;
  if (field === 'learningRate' || field === 'epsilon') return value > 0;
  if (field === 'initialAccumulator') return value >= 0;
  return value >= 0 && value < 1;
}

export function isValidWholeNumber(field: WholeNumberSetting, value: number): boolean {
  return Number.isInteger(value) && value >= WHOLE_NUMBER_MINIMUM[field] && value <= WHOLE_NUMBER_MAXIMUM[field];
}

/** Returns the message that explains why `value` is invalid for a whole-number setting, or null when it is valid. */
export function wholeNumberProblem(field: WholeNumberSetting, value: number): Message | null {
  if (isValidWholeNumber(field, value)) return null;

  const min = WHOLE_NUMBER_MINIMUM[field];
  const max = WHOLE_NUMBER_MAXIMUM[field];
  if (field === 'seed') return { key: 'training.invalidSeed', params: { min, max } };
  if (value > max) return { key: 'training.invalidWholeRange', params: { min, max } };
  return { key: 'training.invalidWhole', params: { min } };
}

/** Returns the value an optimizer uses for a field: the document's, else the optimizer's default. */
export function optimizerValue(optimizer: OptimizerSettings, field: Hyperparameter | 'learningRate'): number {
  return optimizer[field] ?? OPTIMIZER_DEFAULTS[optimizer.name][field] ?? Number.NaN;
}

function withTraining(document: GraphDocument, update: (training: TrainingSettings) => TrainingSettings): GraphDocument {
  if (!document.training) throw new Error('withTraining: the document has no training settings to change');
  return { ...document, training: update(document.training) };
}

/** Switches the optimizer and starts from its usual defaults (learning rate included). */
export function withOptimizerName(document: GraphDocument, name: OptimizerName): GraphDocument {
  return withTraining(document, (training) => ({ ...training, optimizer: { name, ...OPTIMIZER_DEFAULTS[name] } }));
}

export function withOptimizerValue(document: GraphDocument, field: Hyperparameter | 'learningRate', value: number): GraphDocument {
  return withTraining(document, (training) => ({ ...training, optimizer: { ...training.optimizer, [field]: value } }));
}

export function withWholeNumber(document: GraphDocument, field: WholeNumberSetting, value: number): GraphDocument {
  return withTraining(document, (training) => ({ ...training, [field]: value }));
}

export function withInit(document: GraphDocument, init: WeightInit): GraphDocument {
  return withTraining(document, (training) => ({ ...training, init }));
}

/** Adds a point [x, y, label] to the 2-D dataset, as a click on the decision boundary plot does. */
export function withExtraPoint(document: GraphDocument, point: [number, number, number]): GraphDocument {
  return withTraining(document, (training) => ({
    ...training,
    dataset: { ...training.dataset, extraPoints: [...(training.dataset.extraPoints ?? []), point] },
  }));
}

/**
 * Returns the document for another dataset. A graph loaded from a preset that
 * can resize itself is rebuilt for the dataset's features and classes, with
 * the training settings the preset chooses for that dataset (MNIST gets larger
 * batches and its own learning rate). Any other graph only gets the new dataset settings.
 */
export function withDataset(document: GraphDocument, presetId: string | null, dataset: DatasetSettings): GraphDocument {
  const preset = presetId ? findPreset(presetId) : undefined;
  if (!preset?.buildForDataset || !document.training) {
    return withTraining(document, (training) => ({ ...training, dataset }));
  }
  const rebuilt = preset.buildForDataset(dataset);
  return { ...rebuilt, training: { ...rebuilt.training!, dataset } };
}
