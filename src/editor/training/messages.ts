import type { OptimizerName } from '../../engine/optimizers';
import type { EpochRecord } from '../../engine/training/trainer';
import type { CsvProblem } from '../../presets/datasets';
import { formatNumber } from '../format';
import { translateDiagnostic, type Language, type Message, type Translate } from '../i18n/translate';
import type { MessageKey } from '../i18n/en';
import type { StopInfo } from './training-state';

/** Optimizer names as the lecture writes them; they stay untranslated in every language. */
export const OPTIMIZER_LABELS: Readonly<Record<OptimizerName, string>> = {
  sgd: 'SGD',
  momentum: 'SGD + momentum',
  nesterov: 'Nesterov momentum',
  adagrad: 'AdaGrad',
  rmsprop: 'RMSProp',
  adam: 'Adam',
};

/** Formats a fraction from 0 to 1 as a percentage with one decimal, or "–" when it is NaN (no validation split). */
export function formatPercent(fraction: number): string {
  return Number.isNaN(fraction) ? '–' : `${(fraction * 100).toFixed(1)}%`;
}

/** Builds the translated stop message, followed by the first node that produced a non-finite value, when the trace found one. */
export function stopMessage(t: Translate, stop: StopInfo, language: Language): string {
  // The first batch's loss comes from the starting weights, before any update, so the learning rate is not the cause.
  const beforeUpdates = stop.epoch === 1 && stop.batch === 1;
  const summary = t(beforeUpdates ? 'training.stoppedAtStart' : 'training.stopped', {
    epoch: stop.epoch,
    batch: stop.batch,
    loss: formatNumber(stop.loss),
    learningRate: formatNumber(stop.learningRate),
    optimizer: OPTIMIZER_LABELS[stop.optimizer as OptimizerName] ?? stop.optimizer,
  });
  return stop.culprit ? t('training.stoppedWithCause', { summary, cause: translateDiagnostic(language, stop.culprit) }) : summary;
}

export function lastEpochText(t: Translate, record: EpochRecord | undefined): string {
  if (!record) return t('training.noEpoch');
  return t('training.lastEpoch', {
    epoch: record.epoch,
    loss: formatNumber(record.dataLoss + record.regularizationLoss),
    train: formatPercent(record.trainAccuracy),
    validation: formatPercent(record.validationAccuracy),
  });
}

/** Returns the message key that names an optimizer state slot, such as "m" (Adam's first moment), or null for an unknown slot. */
export function slotKey(optimizer: OptimizerName, slot: string): MessageKey | null {
  if (slot === 'momentum') return optimizer === 'rmsprop' ? 'training.slot.rmspropMomentum' : 'training.slot.velocity';
  if (slot === 'm' || slot === 'v' || slot === 'accumulator' || slot === 'rms') return `training.slot.${slot}`;
  return null;
}

/** Root mean square of a tensor's values: one number that tracks its size as training goes on. */
export function rootMeanSquare(values: readonly number[]): number {
  if (values.length === 0) return 0;
  let sum = 0;
  for (const value of values) sum += value * value;
  return Math.sqrt(sum / values.length);
}

/** Builds the translatable message of a pasted CSV's problem, with its line and column. */
export function csvProblemMessage(problem: CsvProblem): Message {
  const { code, ...params } = problem;
  return { key: `training.csv.${code}`, params };
}

/** Translates a pasted CSV's problem, with its line and column. */
export function csvProblemText(t: Translate, problem: CsvProblem): string {
  const { key, params } = csvProblemMessage(problem);
  return t(key, params);
}
